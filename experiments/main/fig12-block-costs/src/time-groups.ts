import type { Engine, HostTensor, TensorSpec } from '@alsatian/core';
import { float32Tensor, int64Tensor, numel, Rng } from '@alsatian/core';
import { initBlockAt } from '@alsatian/models';
import type { BlockGroup } from './block-groups.ts';

export interface GroupTiming {
  readonly group: BlockGroup;
  /** Seconds of each timed run (after the warm-up runs), in run order. */
  readonly seconds: readonly number[];
  /** Seconds to build the group's ONNX graph and session (not plotted; recorded for context). */
  readonly prepareSeconds: number;
}

export interface TimeGroupsOptions {
  readonly engine: Engine;
  readonly architecture: string;
  readonly groups: readonly BlockGroup[];
  readonly batchSize: number;
  readonly warmup: number;
  readonly runs: number;
  readonly seed: number;
  readonly onGroup?: (timing: GroupTiming) => void;
}

/**
 * Times every group as its own session, the way a search runs an execution unit: the group's blocks fused into
 * one graph, fed the previous group's real output (the first group gets a seeded random batch), `warmup`
 * discarded runs, then `runs` timed ones. Weights are built per group and dropped after, so even ViT-L-32 holds
 * one group's weights at a time.
 */
export async function timeGroups(options: TimeGroupsOptions): Promise<GroupTiming[]> {
  const { engine, groups, batchSize } = options;
  let input = randomBatch(
    groups[0].descriptors[0].inputs,
    batchSize,
    Rng.derive(options.seed, 'fig12-input', options.architecture),
  );
  const out: GroupTiming[] = [];
  for (const group of groups) {
    const blocks = group.descriptors.map((d, i) => initBlockAt(options.architecture, d, options.seed, group.start + i));
    const t0 = performance.now();
    const unit = await engine.prepare(blocks, { label: `${options.architecture}_g${group.index}` });
    const prepareSeconds = (performance.now() - t0) / 1000;
    try {
      let output: HostTensor[] = [];
      for (let w = 0; w < options.warmup; w++) output = await unit.run(input);
      const seconds: number[] = [];
      for (let r = 0; r < options.runs; r++) {
        const start = performance.now();
        output = await unit.run(input);
        seconds.push((performance.now() - start) / 1000);
      }
      const timing = { group, seconds, prepareSeconds };
      out.push(timing);
      options.onGroup?.(timing);
      input = output;
    } finally {
      await unit.dispose();
    }
  }
  return out;
}

function randomBatch(specs: readonly TensorSpec[], batch: number, rng: Rng): HostTensor[] {
  return specs.map((spec) => {
    const shape = [batch, ...spec.shape];
    if (spec.dtype === 'float32') return float32Tensor(shape, rng.fillNormal(new Float32Array(numel(shape))));
    // Token inputs: ids within a small vocabulary and a full attention mask.
    const data = new BigInt64Array(numel(shape));
    for (let i = 0; i < data.length; i++) data[i] = spec.name.includes('mask') ? 1n : BigInt(1 + rng.int(1000));
    return int64Tensor(shape, data);
  });
}
