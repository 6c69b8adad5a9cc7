/**
 * Table 1: parameters and size of each architecture (full model with its head; size = params * 4 / 1e6 MB, as
 * the reference's latex_table.py). Static: from describeArchitecture, no weights are built or run.
 */
import { numel } from '@alsatian/core';
import { defineExperiment, PAPER_TABLE1 } from '@alsatian/exp-shared';
import { architecture, architectureNames, blockKind, describeArchitecture, describeBlocks } from '@alsatian/models';
import { table1Charts } from './charts.ts';
import { table1Report } from './report.ts';

/** The paper's five first (its order), then every other architecture we define. */
export function table1Architectures(): string[] {
  const paper = PAPER_TABLE1.map((r) => r.architecture);
  return [...paper, ...architectureNames().filter((n) => !paper.includes(n))];
}

export const METRICS = ['params', 'sizeMB', 'stateMB', 'featureParams', 'blocks'] as const;

/**
 * Bytes of the full state dict (parameters and buffers such as BatchNorm running statistics), as PyTorch's
 * parameter + buffer sizes count them; num_batches_tracked is int64, everything else float32.
 */
export function stateBytes(name: string): number {
  const { features, head } = describeBlocks(architecture(name));
  let bytes = 0;
  for (const d of [...features, head]) {
    for (const w of blockKind(d.kind).weights(d.inputs, d.attrs))
      bytes += numel(w.shape) * (w.name.endsWith('num_batches_tracked') ? 8 : 4);
  }
  return bytes;
}

/** Static shapes need no reduction: every scale counts every architecture. */
const EVERY_SCALE = { repetitions: 1, reductions: [] as string[] };

export default defineExperiment({
  name: 'table1-architectures',
  figure: 'table1',
  title: 'Table 1: architectures, parameters and size',
  description: 'Parameters and size in MB of every architecture (paper Table 1), from static shape inference',
  columns: ['metric', 'value', 'inPaper'],
  scales: { quick: EVERY_SCALE, small: EVERY_SCALE, paper: EVERY_SCALE },
  grid: () => table1Architectures().map((architecture) => ({ architecture })),
  async runCell({ architecture }) {
    const info = describeArchitecture(architecture);
    const inPaper = PAPER_TABLE1.some((r) => r.architecture === architecture);
    const values: Record<(typeof METRICS)[number], number> = {
      params: info.params,
      sizeMB: (info.params * 4) / 1e6,
      stateMB: stateBytes(architecture) / 1e6,
      featureParams: info.featureParams,
      blocks: info.blocks.length,
    };
    return METRICS.map((metric) => ({ metric, value: values[metric], inPaper }));
  },
  charts: table1Charts,
  report: table1Report,
});
