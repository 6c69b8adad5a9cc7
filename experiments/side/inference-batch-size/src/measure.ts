import type { Block, ExecutionProvider, HostTensor, Logger } from '@alsatian/core';
import { float32Tensor, numel } from '@alsatian/core';
import type { Row } from '@alsatian/bench';
import { createEngine } from '@alsatian/engine';

export interface BatchSweepOptions {
  readonly blocks: readonly Block[];
  readonly batchSizes: readonly number[];
  readonly warmupBatches: number;
  readonly batches: number;
  readonly threads?: number;
  readonly ep: ExecutionProvider;
  readonly logger: Logger;
}

/**
 * One fused session for the whole feature extractor (as a search runs it), then for each batch size a few warm-up
 * batches and `batches` timed ones. One row per timed batch, with the time per item.
 */
export async function measureBatchSweep(options: BatchSweepOptions): Promise<Row[]> {
  const engine = await createEngine({ ep: options.ep, threads: options.threads, logger: options.logger });
  const rows: Row[] = [];
  try {
    const unit = await engine.prepare(options.blocks, { label: 'features' });
    for (const batchSize of options.batchSizes) {
      const input = inputBatch(options.blocks[0], batchSize);
      for (let b = 0; b < options.warmupBatches + options.batches; b++) {
        const t0 = performance.now();
        await unit.run(input);
        const seconds = (performance.now() - t0) / 1000;
        if (b >= options.warmupBatches)
          rows.push({
            batchSize,
            batchIndex: b - options.warmupBatches,
            seconds,
            msPerItem: (seconds * 1000) / batchSize,
            threads: engine.threads,
          });
      }
    }
  } finally {
    await engine.dispose();
  }
  return rows;
}

function inputBatch(first: Block, batchSize: number): HostTensor[] {
  return first.descriptor.inputs.map((spec) => {
    if (spec.dtype !== 'float32')
      throw new Error(`inference-batch-size feeds float32 image inputs; input '${spec.name}' is ${spec.dtype}.`);
    const t = float32Tensor([batchSize, ...spec.shape]);
    const n = numel(t.shape);
    for (let i = 0; i < n; i++) (t.data as Float32Array)[i] = Math.cos(i * 0.11);
    return t;
  });
}
