import { UnavailableError, type FeatureBatch, type Proxy, type ProxyInput, type ProxyScore } from '@alsatian/core';
import { checkProxyInput } from './features.ts';
import { tsChunkDots, wasmChunkDots, type ChunkDots } from './knn-dots.ts';
import { messages } from './messages.ts';
import { oneOf, rejectUnknownOptions } from './options.ts';

export const KNN_METRICS = ['cosine', 'euclidean'] as const;
export type KnnMetric = (typeof KNN_METRICS)[number];

export const KNN_BACKENDS = ['auto', 'wasm-simd', 'ts'] as const;
export type KnnBackend = (typeof KNN_BACKENDS)[number];

export interface KnnProxyOptions {
  /** Similarity of a test item to a train item (default cosine, as SHiFT's CosineNN). */
  readonly metric?: KnnMetric;
  /** Dot-product kernels (default 'auto': WebAssembly SIMD float32 where available, else TypeScript float64). */
  readonly backend?: KnnBackend;
}

/** Train items compared per pass: 32 rows of 2048 floats (256 KiB) stay in L2 while the test rows stream by. */
const TRAIN_CHUNK = 32;

/**
 * 1-nearest-neighbour proxy (SHiFT's NN query): each test item takes the label of its nearest train item;
 * score = top-1 accuracy. Cosine treats a zero vector as similarity 0 to everything. Ties go to the train item
 * that comes first. Euclidean ranks by |t|^2 + |x|^2 - 2 t.x (as Faiss does) and drops |t|^2, constant per test
 * item. The dot products reuse the linear probe's forward kernels (test rows as inputs, train rows as weights).
 */
export class KnnProxy implements Proxy {
  readonly name = 'knn';
  readonly metric: KnnMetric;
  readonly backend: KnnBackend;

  constructor(options: KnnProxyOptions = {}) {
    rejectUnknownOptions(this.name, options, ['metric', 'backend']);
    this.metric = oneOf(this.name, 'metric', options.metric ?? 'cosine', KNN_METRICS);
    this.backend = oneOf(this.name, 'backend', options.backend ?? 'auto', KNN_BACKENDS);
  }

  async score(input: ProxyInput): Promise<ProxyScore> {
    const { dim } = checkProxyInput(this.name, input);
    const train = stack(input.train, dim, this.metric === 'cosine');
    const test = stack(input.test, dim, this.metric === 'cosine');
    const nearest = nearestIndices(train, test, dim, this.metric, this.backend);
    let correct = 0;
    for (let t = 0; t < test.rows; t++) if (train.labels[nearest[t]] === test.labels[t]) correct++;
    return { score: correct / test.rows };
  }
}

/** For each test item, the index (in train order over all batches) of its nearest train item. */
export function nearestTrainItems(
  train: readonly FeatureBatch[],
  test: readonly FeatureBatch[],
  dim: number,
  metric: KnnMetric,
  backend: KnnBackend = 'auto',
): Int32Array {
  return nearestIndices(
    stack(train, dim, metric === 'cosine'),
    stack(test, dim, metric === 'cosine'),
    dim,
    metric,
    backend,
  );
}

function chunkDots(train: Stacked, test: Stacked, dim: number, backend: KnnBackend): ChunkDots {
  const wasm = backend === 'ts' ? undefined : wasmChunkDots(train.x, train.rows, test.x, test.rows, dim, TRAIN_CHUNK);
  if (backend === 'wasm-simd' && wasm === undefined) {
    throw new UnavailableError(messages.backendUnavailable('knn', backend));
  }
  return wasm ?? tsChunkDots(train.x, test.x, test.rows, dim, TRAIN_CHUNK);
}

function nearestIndices(
  train: Stacked,
  test: Stacked,
  dim: number,
  metric: KnnMetric,
  backend: KnnBackend,
): Int32Array {
  const cosine = metric === 'cosine';
  const best = new Float64Array(test.rows).fill(-Infinity);
  const nearest = new Int32Array(test.rows);
  const provider = chunkDots(train, test, dim, backend);
  const dots = provider.out;
  for (let start = 0; start < train.rows; start += TRAIN_CHUNK) {
    const count = Math.min(TRAIN_CHUNK, train.rows - start);
    provider.compute(start, count);
    for (let t = 0; t < test.rows; t++) {
      for (let j = 0; j < count; j++) {
        // Higher is nearer: cosine similarity, or minus the squared distance without the constant |t|^2.
        const closeness = cosine ? dots[t * count + j] : 2 * dots[t * count + j] - train.sqNorms[start + j];
        if (closeness > best[t]) {
          best[t] = closeness;
          nearest[t] = start + j;
        }
      }
    }
  }
  return nearest;
}

interface Stacked {
  readonly x: Float32Array;
  readonly labels: Int32Array;
  readonly sqNorms: Float64Array;
  readonly rows: number;
}

/** All rows as one float32 matrix (unit rows for cosine) with labels and squared norms. */
function stack(batches: readonly FeatureBatch[], dim: number, normalise: boolean): Stacked {
  const rows = batches.reduce((n, b) => n + b.rows, 0);
  const x = new Float32Array(rows * dim);
  const labels = new Int32Array(rows);
  const sqNorms = new Float64Array(rows);
  let at = 0;
  for (const b of batches) {
    if (b.rows === 0) continue;
    x.set(b.features, at * dim);
    labels.set(b.labels, at);
    at += b.rows;
  }
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let d = r * dim; d < (r + 1) * dim; d++) s += x[d] * x[d];
    sqNorms[r] = s;
    if (normalise && s > 0) {
      const inv = 1 / Math.sqrt(s);
      for (let d = r * dim; d < (r + 1) * dim; d++) x[d] *= inv;
    }
  }
  return { x, labels, sqNorms, rows };
}
