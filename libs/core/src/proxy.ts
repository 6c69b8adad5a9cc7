/** Feature-based proxies: given features of the train and test items, score how well a model transfers. */

/** Features of one cached batch: `rows` x `dim`, row-major, with one label per row. */
export interface FeatureBatch {
  readonly features: Float32Array;
  readonly rows: number;
  readonly dim: number;
  readonly labels: Int32Array;
}

export interface ProxyInput {
  /** Train batches in cache order; the linear proxy takes one SGD step per batch. */
  readonly train: readonly FeatureBatch[];
  readonly test: readonly FeatureBatch[];
  readonly numClasses: number;
  /** Seeds the proxy's initialisation; with `deterministic`, every model gets the same initial weights. */
  readonly seed: number;
  readonly deterministic: boolean;
}

export interface ProxyScore {
  /** Higher is better (top-1 accuracy for linear and kNN, evidence for LogME). */
  readonly score: number;
  readonly loss?: number;
}

export interface Proxy {
  readonly name: string;
  score(input: ProxyInput): Promise<ProxyScore>;
}
