/**
 * Fig 12: parameters and inference time per block of ResNet-152 and ViT-L-32. Each block (the modules between
 * two retrain split points) is lowered to its own ONNX graph and timed as its own session on the previous block's
 * output. One row per timed run; the plot takes the median.
 */
import { defineExperiment } from '@alsatian/bench';
import { createEngine } from '@alsatian/engine';
import { architectureAt } from '@alsatian/models';
import { blockGroups } from './block-groups.ts';
import { ARCHITECTURES, reductions, SETTINGS } from './settings.ts';
import { timeGroups } from './time-groups.ts';

export interface Fig12Cell extends Record<string, string | number> {
  readonly architecture: string;
  readonly batchSize: number;
  readonly imageSize: number;
}

export default defineExperiment<Fig12Cell>({
  name: 'fig12-block-costs',
  figure: 'fig12',
  description: 'Parameters and inference time per block (ResNet-152, ViT-L-32), each block timed as its own ONNX Runtime session.',
  moduleUrl: import.meta.url,
  columns: ['block', 'blockStart', 'blockEnd', 'label', 'params', 'outputBytesPerItem', 'run', 'seconds', 'prepareSeconds', 'threads'],
  grid: (scale) => ARCHITECTURES.map((architecture) => ({ architecture, batchSize: SETTINGS[scale].batchSize, imageSize: SETTINGS[scale].imageSize })),
  repetitions: () => 1,
  reductions,
  config: (scale) => ({ ...SETTINGS[scale], architectures: [...ARCHITECTURES] }),
  async runCell(cell, ctx) {
    const settings = SETTINGS[ctx.scale];
    const def = architectureAt(cell.architecture, cell.imageSize);
    const engine = await createEngine({ logger: ctx.logger });
    try {
      const timings = await timeGroups({
        engine,
        architecture: cell.architecture,
        groups: blockGroups(def),
        batchSize: cell.batchSize,
        warmup: settings.warmup,
        runs: settings.runs,
        seed: ctx.seed,
        onGroup: (t) => ctx.logger.info(`${cell.architecture} block ${t.group.index} (${t.group.label}): ${(t.seconds[0] * 1000).toFixed(1)} ms`),
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
});
