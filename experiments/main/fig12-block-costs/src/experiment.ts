/**
 * Fig 12: parameters and inference time per block of ResNet-152 and ViT-L-32. Each block (the modules between
 * two retrain split points) is lowered to its own ONNX graph and timed as its own session on the previous block's
 * output. One row per timed run; the plot takes the median.
 */
import { createEngine } from '@alsatian/engine';
import { defineExperiment } from '@alsatian/exp-shared';
import { architectureAt } from '@alsatian/models';
import { blockGroups } from './block-groups.ts';
import { fig12Charts } from './charts.ts';
import { fig12Report } from './report.ts';
import { ARCHITECTURES, FIG12_SCALES } from './scales.ts';
import type { Fig12Settings } from './scales.ts';
import { timeGroups } from './time-groups.ts';

export interface Fig12Cell extends Record<string, string | number> {
  readonly architecture: string;
  readonly batchSize: number;
  readonly imageSize: number;
}

export default defineExperiment<Fig12Cell, Fig12Settings>({
  name: 'fig12-block-costs',
  figure: 'fig12',
  title: 'Fig 12: parameters and inference time per block',
  description:
    'Parameters and inference time per block (ResNet-152, ViT-L-32), each block timed as its own ONNX Runtime session.',
  columns: [
    'block',
    'blockStart',
    'blockEnd',
    'label',
    'params',
    'outputBytesPerItem',
    'run',
    'seconds',
    'prepareSeconds',
    'threads',
  ],
  scales: FIG12_SCALES,
  grid: (s) => ARCHITECTURES.map((architecture) => ({ architecture, batchSize: s.batchSize, imageSize: s.imageSize })),
  provenance: () => ({
    models: { kind: 'synthetic', what: 'seeded randomly initialised blocks (timing does not depend on the weights)' },
    dataset: { kind: 'synthetic', what: "a seeded random input batch, then each block's real output" },
  }),
  async runCell(cell, ctx) {
    const settings = ctx.settings;
    const def = architectureAt(cell.architecture, cell.imageSize);
    const engine = await createEngine({ ep: ctx.ep, logger: ctx.logger });
    try {
      const timings = await timeGroups({
        engine,
        architecture: cell.architecture,
        groups: blockGroups(def),
        batchSize: cell.batchSize,
        warmup: settings.warmup,
        runs: settings.runs,
        seed: ctx.seed,
        onGroup: (t) =>
          ctx.logger.info(
            `${cell.architecture} block ${t.group.index} (${t.group.label}): ${(t.seconds[0] * 1000).toFixed(1)} ms`,
          ),
      });
      return timings.flatMap((t) =>
        t.seconds.map((seconds, run) => ({
          block: t.group.index,
          blockStart: t.group.start,
          blockEnd: t.group.end,
          label: t.group.label,
          params: t.group.params,
          outputBytesPerItem: t.group.outputBytesPerItem,
          run,
          seconds,
          prepareSeconds: t.prepareSeconds,
          threads: engine.threads,
        })),
      );
    } finally {
      await engine.dispose();
    }
  },
  charts: fig12Charts,
  report: fig12Report,
});
