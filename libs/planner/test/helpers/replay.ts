/**
 * A toy executor for tests: replays a plan's steps against a byte-counting cache keyed by (node, split,
 * range), checking that every step finds what it reads, and measuring the cache's real peak.
 */
import { ROOT_NODE_ID, type IterationPlan, type PersistedFeatures } from '../../src/index.ts';

export interface Replay {
  readonly peakBytes: number;
  readonly scored: string[];
  /** Keys left in the cache at the end. */
  readonly cached: string[];
}

export function replay(plan: IterationPlan, persisted: readonly PersistedFeatures[] = [], reservedBytes = 0): Replay {
  const cache = new Map<string, { node: string; bytes: number }>();
  const key = (node: string, split: string, r: { start: number; end: number }) =>
    `${node}|${split}|${r.start}-${r.end}`;
  for (const p of persisted) {
    for (const r of p.train)
      cache.set(key(p.node, 'train', r), { node: p.node, bytes: p.bytesPerItem * (r.end - r.start) });
    for (const r of p.test)
      cache.set(key(p.node, 'test', r), { node: p.node, bytes: p.bytesPerItem * (r.end - r.start) });
  }
  const held = () => reservedBytes + [...cache.values()].reduce((s, e) => s + e.bytes, 0);
  const rootBytes = plan.tree.nodes.get(plan.tree.root)!.bytesPerItem;
  const drop = (node: string) => {
    for (const [k, e] of cache) if (e.node === node) cache.delete(k);
  };
  // Labels are tiny and outside the budget here; they are tracked only to check each scored piece has them.
  const labels = new Set<string>();
  for (const p of persisted)
    for (const split of ['train', 'test'] as const) for (const r of p[split]) labels.add(key('labels', split, r));
  let peak = held();
  const scored: string[] = [];
  for (const step of plan.steps) {
    switch (step.kind) {
      case 'evict':
        drop(step.node);
        break;
      case 'infer': {
        const items = step.range.end - step.range.start;
        if (step.readsRawInput) {
          // The decoded input is held from its first reader until the root's release.
          const k = key(ROOT_NODE_ID, step.split, step.range);
          if (!cache.has(k)) cache.set(k, { node: ROOT_NODE_ID, bytes: rootBytes * items });
        } else if (!cache.has(key(step.unit.input, step.split, step.range))) {
          throw new Error(
            `infer ${step.unit.output} ${step.split} ${step.range.start}-${step.range.end}: input ` +
              `${step.unit.input} is not cached`,
          );
        }
        // Labels come with the raw data: the executor records them from any unit that reads it.
        if (step.readsRawInput) labels.add(key('labels', step.split, step.range));
        cache.set(key(step.unit.output, step.split, step.range), {
          node: step.unit.output,
          bytes: step.unit.bytesPerItem * items,
        });
        peak = Math.max(peak, held());
        break;
      }
      case 'release':
        drop(step.node);
        break;
      case 'score':
        for (const r of step.train)
          if (!cache.has(key(step.node, 'train', r)))
            throw new Error(`score ${step.node}: train ${r.start}-${r.end} missing`);
        for (const r of step.train)
          if (!labels.has(key('labels', 'train', r)))
            throw new Error(`score ${step.node}: labels of train ${r.start}-${r.end} missing`);
        for (const r of step.test)
          if (!labels.has(key('labels', 'test', r)))
            throw new Error(`score ${step.node}: labels of test ${r.start}-${r.end} missing`);
        for (const r of step.test)
          if (!cache.has(key(step.node, 'test', r)))
            throw new Error(`score ${step.node}: test ${r.start}-${r.end} missing`);
        scored.push(...step.models);
        break;
    }
  }
  return { peakBytes: peak, scored, cached: [...cache.keys()].sort() };
}
