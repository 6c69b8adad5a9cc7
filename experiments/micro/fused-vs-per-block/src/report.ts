import { markdownTable, REFERENCE_SEQ_VS_MERGED } from '@alsatian/exp-shared';
import type { RunData } from '@alsatian/exp-shared';
import { summarize } from './summary.ts';

/** `2 threads: 1.10x to 1.40x`: the range of per-block / fused ratios at one thread count. */
function ratioRange(threads: number, ratios: readonly number[]): string {
  const range = `${Math.min(...ratios).toFixed(2)}x to ${Math.max(...ratios).toFixed(2)}x`;
  return `${threads} thread${threads === 1 ? '' : 's'}: ${range}`;
}

/** Our fused vs chained medians per architecture and thread count, next to the reference's. */
export function fusedReport(run: RunData): string {
  const summary = summarize(run.rows);
  const ours = [];
  const ratios = new Map<number, number[]>();
  for (const fused of summary.filter((s) => s.mode === 'fused')) {
    const chained = summary.find(
      (s) => s.mode === 'per-block' && s.architecture === fused.architecture && s.threads === fused.threads,
    );
    if (chained === undefined) continue;
    ratios.set(fused.threads, [...(ratios.get(fused.threads) ?? []), chained.batchMs / fused.batchMs]);
    ours.push([
      fused.architecture,
      fused.threads,
      chained.sessions,
      fused.batchMs.toFixed(2),
      chained.batchMs.toFixed(2),
      `${(chained.batchMs / fused.batchMs).toFixed(2)}x`,
      fused.sessionSeconds.toFixed(2),
      chained.sessionSeconds.toFixed(2),
    ]);
  }
  const reference = REFERENCE_SEQ_VS_MERGED.map((r) => [
    r.model,
    r.mergedMs,
    r.sequentialMs,
    `${(r.sequentialMs / r.mergedMs).toFixed(2)}x`,
  ]);
  // Whether more threads widen the gap: the mean ratio per thread count, fewest threads first.
  const means = [...ratios]
    .sort((a, b) => a[0] - b[0])
    .map(([t, r]) => [t, r.reduce((s, x) => s + x, 0) / r.length] as const);
  const trend =
    means.length < 2
      ? ''
      : ` The mean per-block / fused ratio ${means.at(-1)![1] > means[0][1] ? 'grows' : 'does not grow'} from ` +
        `${means[0][0]} to ${means.at(-1)![0]} intra-op threads (` +
        `${means.map(([, m]) => `${m.toFixed(2)}x`).join(' -> ')}).`;
  return [
    `Ours (ONNX Runtime, \`${run.meta.executionProvider}\` provider, medians):`,
    '',
    markdownTable(
      [
        'architecture',
        'threads',
        'blocks',
        'fused ms/batch',
        'per-block ms/batch',
        'per-block / fused',
        'fused session s',
        'per-block sessions s',
      ],
      ours,
    ),
    '',
    'Reference (`seq_vs_merged_model`, PyTorch modules on one GPU stream):',
    '',
    markdownTable(['model', 'merged ms', 'sequential ms', 'sequential / merged'], reference),
    '',
    `Measured per-block / fused time per batch: ` +
      `${[...ratios].map(([t, r]) => ratioRange(t, r)).join('; ')}` +
      `.${trend} Each chained block pays a session run and a copy of its output back to JavaScript, and a ` +
      `fused graph lets ONNX Runtime optimise across blocks; that is why the engine runs one fused session per ` +
      `execution unit.`,
  ].join('\n');
}
