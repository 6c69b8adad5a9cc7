import { readFile } from 'node:fs/promises';
import type {
  Block,
  Dataset,
  Engine,
  FeatureBatch,
  HostTensor,
  ModelManifest,
  Proxy,
  TensorSpec,
} from '@alsatian/core';
import { float32Tensor } from '@alsatian/core';
import type { ModelStore } from '@alsatian/store';

/** Seconds of the four phases the paper's Fig 5 splits scoring one model into. */
export interface PhaseSeconds {
  readonly prepareModel: number;
  readonly prepareData: number;
  readonly inference: number;
  readonly proxy: number;
}

export interface ScoreOneResult {
  readonly seconds: PhaseSeconds;
  /** Part of prepareModel spent reading blocks from the (throttled) store, and creating the session. */
  readonly readSeconds: number;
  readonly sessionSeconds: number;
  readonly bytesRead: number;
  readonly blocksRun: number;
  readonly score: number;
}

/** Where the items come from: decoded JPEGs (the whole model runs) or intermediates on disk (the last blocks run). */
export type ScoreInput =
  | { readonly kind: 'images'; readonly dataset: Dataset; readonly items: number }
  | {
      readonly kind: 'intermediates';
      readonly files: readonly { file: string; rows: number }[];
      readonly spec: TensorSpec;
      readonly fromBlock: number;
      readonly classes: number;
    };

export interface ScoreOneOptions {
  /** Opened with the paper's 200 MB/s read limit. */
  readonly store: ModelStore;
  readonly model: ModelManifest;
  readonly engine: Engine;
  readonly proxy: Proxy;
  readonly input: ScoreInput;
  readonly batchSize: number;
  readonly seed: number;
}

/**
 * Scores one model the way the paper's bottleneck analysis does, timing each phase for real:
 *   prepare model = read every block of the model from the store (throttled) + lower and create the session of
 *                   the blocks that run (the paper reads the full model even when only the last blocks run);
 *   prepare data  = waiting for each decoded batch (or reading each cached intermediate batch from disk);
 *   inference     = running the session on each batch;
 *   proxy         = the linear proxy trained full-batch on all features and scored on them (the reference's
 *                   100 full-batch SGD steps, evaluated on the same features).
 */
export async function scoreOneModel(options: ScoreOneOptions): Promise<ScoreOneResult> {
  const { store, model, engine, input } = options;
  const t0 = performance.now();
  const blocks: Block[] = [];
  let bytesRead = 0;
  for (const id of model.blocks) {
    const block = await store.getBlock(id);
    bytesRead += [...block.weights.values()].reduce((s, w) => s + w.data.byteLength, 0);
    blocks.push(block);
  }
  const t1 = performance.now();
  const run = input.kind === 'images' ? blocks : blocks.slice(input.fromBlock);
  const unit = await engine.prepare(run, { label: `${model.architecture}_score` });
  const t2 = performance.now();

  let prepareData = 0;
  let inference = 0;
  const features: Float32Array[] = [];
  const labels: Int32Array[] = [];
  try {
    const batches =
      input.kind === 'images'
        ? imageBatches(input.dataset, input.items, options.batchSize)
        : intermediateBatches(input);
    let waitStart = performance.now();
    for await (const batch of batches) {
      const ready = performance.now();
      prepareData += ready - waitStart;
      const [out] = await unit.run(batch.inputs);
      const done = performance.now();
      inference += done - ready;
      features.push(out.data as Float32Array);
      labels.push(batch.labels);
      waitStart = performance.now();
    }
  } finally {
    await unit.dispose();
  }

  const t3 = performance.now();
  const all = concatFeatures(
    features,
    labels,
    unit.outputs[0].shape.reduce((a, b) => a * b, 1),
  );
  const classes = input.kind === 'images' ? input.dataset.classes.length : input.classes;
  const { score } = await options.proxy.score({
    train: [all],
    test: [all],
    numClasses: classes,
    seed: options.seed,
    deterministic: true,
  });
  const proxy = performance.now() - t3;
  return {
    seconds: {
      prepareModel: (t2 - t0) / 1000,
      prepareData: prepareData / 1000,
      inference: inference / 1000,
      proxy: proxy / 1000,
    },
    readSeconds: (t1 - t0) / 1000,
    sessionSeconds: (t2 - t1) / 1000,
    bytesRead,
    blocksRun: run.length,
    score,
  };
}

interface InputBatch {
  readonly inputs: readonly HostTensor[];
  readonly labels: Int32Array;
}

async function* imageBatches(dataset: Dataset, items: number, batchSize: number): AsyncGenerator<InputBatch> {
  for await (const batch of dataset.train.batches({ start: 0, end: items }, { batchSize })) yield batch;
}

async function* intermediateBatches(input: Extract<ScoreInput, { kind: 'intermediates' }>): AsyncGenerator<InputBatch> {
  let item = 0;
  for (const { file, rows } of input.files) {
    const bytes = await readFile(file);
    // A Buffer may start at an offset that is not a multiple of 4; copy then.
    const values =
      bytes.byteOffset % 4 === 0
        ? new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4)
        : new Float32Array(new Uint8Array(bytes).buffer);
    const labels = Int32Array.from({ length: rows }, (_, i) => (item + i) % input.classes);
    item += rows;
    yield { inputs: [float32Tensor([rows, ...input.spec.shape], values)], labels };
  }
}

/** All features as one full batch, so the linear proxy takes one SGD step per epoch as the reference's Fig 5. */
function concatFeatures(parts: readonly Float32Array[], labels: readonly Int32Array[], dim: number): FeatureBatch {
  const rows = labels.reduce((s, l) => s + l.length, 0);
  const features = new Float32Array(rows * dim);
  const allLabels = new Int32Array(rows);
  let offset = 0;
  for (const [i, part] of parts.entries()) {
    features.set(part.subarray(0, labels[i].length * dim), offset * dim);
    allLabels.set(labels[i], offset);
    offset += labels[i].length;
  }
  return { features, rows, dim, labels: allLabels };
}
