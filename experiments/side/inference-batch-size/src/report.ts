import { markdownTable, REFERENCE_INFERENCE_BATCH } from '@alsatian/exp-shared';
import type { RunData } from '@alsatian/exp-shared';
import { batchPoints } from './summary.ts';

/** Per architecture: ms per item at each batch size, the best batch size and the gain over the smallest batch. */
export function batchReport(run: RunData): string {
  const points = batchPoints(run.rows);
  const sizes = [...new Set(points.map((p) => p.batchSize))].sort((a, b) => a - b);
  const architectures = [...new Set(points.map((p) => p.architecture))];
  const table = architectures.map((architecture) => {
    const mine = points.filter((p) => p.architecture === architecture);
    const at = (size: number) => mine.find((p) => p.batchSize === size)?.msPerItem;
    const best = mine.reduce((a, b) => (b.msPerItem < a.msPerItem ? b : a));
    const smallest = at(sizes[0]);
    return [
      architecture,
      ...sizes.map((s) => at(s)?.toFixed(2) ?? '–'),
      best.batchSize,
      smallest === undefined ? '–' : `${(smallest / best.msPerItem).toFixed(2)}x`,
    ];
  });
  const falling = architectures.filter((a) => {
    const ms = sizes.flatMap((size) => {
      const p = points.find((x) => x.architecture === a && x.batchSize === size);
      return p === undefined ? [] : [p.msPerItem];
    });
    return ms.every((m, i) => i === 0 || m <= ms[i - 1]);
  });
  const rising = architectures.filter((a) => !falling.includes(a));
  return [
    markdownTable(
      ['architecture', ...sizes.map((s) => `batch ${s} ms/item`), 'best batch', `gain over batch ${sizes[0]}`],
      table,
    ),
    '',
    `Reference: per-item time falls as batches grow (small batches under-utilise the device); for ` +
      `transformers a batch of about ${REFERENCE_INFERENCE_BATCH.transformerOptimum} was best (batches ` +
      `${REFERENCE_INFERENCE_BATCH.batchSizes[0]} to ${REFERENCE_INFERENCE_BATCH.batchSizes.at(-1)}, ` +
      `${REFERENCE_INFERENCE_BATCH.models} models). It publishes its conclusion, not numbers.`,
    '',
    `Ours: per-item time never rises with the batch size for ${falling.length} of ${architectures.length} ` +
      `architectures` +
      `${falling.length < architectures.length ? ` (it rises somewhere for ${rising.join(', ')})` : ''}` +
      `; the best batch is the largest tried for ` +
      `${table.filter((r) => r[sizes.length + 1] === sizes.at(-1)).length} of them.`,
  ].join('\n');
}
