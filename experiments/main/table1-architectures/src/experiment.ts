/**
 * Table 1: parameters and size of each architecture (full model with its head; size = params * 4 / 1e6 MB, as
 * the reference's latex_table.py). Static: from describeArchitecture, no weights are built or run.
 */
import { defineExperiment } from '@alsatian/bench';
import type { Scale } from '@alsatian/bench';
import { numel } from '@alsatian/core';
import { architecture, architectureNames, blockKind, describeArchitecture, describeBlocks } from '@alsatian/models';
import { PAPER_TABLE1 } from '@alsatian/exp-shared';

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
    for (const w of blockKind(d.kind).weights(d.inputs, d.attrs)) bytes += numel(w.shape) * (w.name.endsWith('num_batches_tracked') ? 8 : 4);
  }
  return bytes;
}

export default defineExperiment<{ architecture: string }>({
  name: 'table1-architectures',
  figure: 'table1',
  description: 'Parameters and size in MB of every architecture (paper Table 1), from static shape inference',
  moduleUrl: import.meta.url,
  columns: ['metric', 'value', 'inPaper'],
  grid: (_scale: Scale) => table1Architectures().map((architecture) => ({ architecture })),
  repetitions: () => 1,
  reductions: () => [],
  config: () => ({ sizeFormula: 'params * 4 / 1e6 (float32); stateMB adds buffers (BatchNorm running stats)', paramsCount: 'full model with head (ImageNet classifier; BERT pooler)' }),
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
});
