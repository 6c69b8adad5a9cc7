import { Rng, type Logger } from '@alsatian/core';

/**
 * The fixed item order of one split: an optional seeded per-class subset, then one seeded permutation. It is
 * computed once per split, so every range, every model and every step sees the same items in the same order
 * (the reference re-seeds with 42 and shuffles in each dataset object to get the same effect).
 * Returns natural item indices in order.
 */
export function itemOrder(
  labels: Int32Array,
  split: string,
  seed: number,
  perClass: number | undefined,
  logger: Logger,
  classNames: readonly string[],
): Uint32Array {
  let chosen: number[];
  if (perClass === undefined) {
    chosen = Array.from(labels.keys());
  } else {
    const byClass = new Map<number, number[]>();
    labels.forEach((label, index) => {
      const list = byClass.get(label) ?? [];
      list.push(index);
      byClass.set(label, list);
    });
    chosen = [];
    for (const [label, members] of [...byClass].sort((a, b) => a[0] - b[0])) {
      if (members.length < perClass) {
        logger.warn(
          `${split}: class '${classNames[label]}' has ${members.length} items, fewer than perClass=` +
            `${perClass}; keeping all.`,
        );
      }
      chosen.push(...Rng.derive(seed, 'per-class', split, label).shuffle(members).slice(0, perClass));
    }
    chosen.sort((a, b) => a - b);
  }
  const permutation = Rng.derive(seed, 'order', split).permutation(chosen.length);
  const order = new Uint32Array(chosen.length);
  for (let i = 0; i < order.length; i++) order[i] = chosen[permutation[i]];
  return order;
}
