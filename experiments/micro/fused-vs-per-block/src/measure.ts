import type { Block, ExecutionProvider, HostTensor, Logger } from '@alsatian/core';
import { float32Tensor, numel } from '@alsatian/core';
import { createEngine } from '@alsatian/engine';
import type { OrtPreparedUnit } from '@alsatian/engine';
import type { Row } from '@alsatian/bench';

export const MODES = ['fused', 'per-block'] as const;
export type Mode = (typeof MODES)[number];

export interface FusedVsPerBlockOptions {
  readonly blocks: readonly Block[];
  readonly batchSize: number;
  readonly warmupBatches: number;
  readonly measuredBatches: number;
  readonly threads: number;
  readonly ep: ExecutionProvider;
  readonly logger: Logger;
}

/**
 * Prepares the same blocks twice on one engine: as one fused unit (one session) and as one unit per block (a
 * chain of sessions, each block's output fed to the next), then times batches alternately, so both modes see the
 * same machine state. Rows: session creation and lowering per mode, and one row per measured batch and mode.
 */
export async function measureFusedVsPerBlock(options: FusedVsPerBlockOptions): Promise<Row[]> {
  const engine = await createEngine({ ep: options.ep, threads: options.threads, logger: options.logger });
  const rows: Row[] = [];
  try {
    const fused = await engine.prepare(options.blocks, { label: 'fused' });
    const chain: OrtPreparedUnit[] = [];
    for (const [i, block] of options.blocks.entries())
      chain.push(await engine.prepare([block], { label: `block${i}` }));
    const sum = (units: readonly OrtPreparedUnit[], key: 'lowerMs' | 'sessionMs') =>
      units.reduce((s, u) => s + u.timings[key], 0) / 1000;
    for (const [mode, units] of [
      ['fused', [fused]],
      ['per-block', chain],
    ] as const) {
      rows.push(row(mode, 'lower', -1, sum(units, 'lowerMs'), units.length));
      rows.push(row(mode, 'session', -1, sum(units, 'sessionMs'), units.length));
    }
    const input = inputBatch(options.blocks[0], options.batchSize);
    const runners: Record<Mode, () => Promise<unknown>> = {
      fused: () => fused.run(input),
      'per-block': async () => {
        let x: HostTensor[] = [...input];
        for (const unit of chain) x = await unit.run(x);
        return x;
      },
    };
    for (let b = 0; b < options.warmupBatches + options.measuredBatches; b++) {
      // Alternate which mode goes first, so neither always follows the other's idle-spinning threads.
      const order = b % 2 === 0 ? MODES : [...MODES].reverse();
      for (const mode of order) {
        const t0 = performance.now();
        await runners[mode]();
        const seconds = (performance.now() - t0) / 1000;
        if (b >= options.warmupBatches)
          rows.push(row(mode, 'batch', b - options.warmupBatches, seconds, mode === 'fused' ? 1 : chain.length));
      }
    }
  } finally {
    await engine.dispose();
  }
  return rows;
}

function row(mode: Mode, metric: string, batchIndex: number, seconds: number, sessions: number): Row {
  return { mode, metric, batchIndex, sessions, seconds };
}

/** A batch of zeros-plus-ramp inputs shaped like the first block's inputs (values do not change the cost). */
function inputBatch(first: Block, batchSize: number): HostTensor[] {
  return first.descriptor.inputs.map((spec) => {
    if (spec.dtype !== 'float32')
      throw new Error(`fused-vs-per-block feeds float32 image inputs; input '${spec.name}' is ${spec.dtype}.`);
    const t = float32Tensor([batchSize, ...spec.shape]);
    const n = numel(t.shape);
    for (let i = 0; i < n; i++) (t.data as Float32Array)[i] = ((i % 255) - 127) / 128;
    return t;
  });
}
