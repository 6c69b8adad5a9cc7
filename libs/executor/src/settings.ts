/** How the executor runs steps. Strategies differ only in these settings and the planner's options. */
export interface ExecutorSettings {
  /** Items per inference batch; also one proxy SGD step per cached batch. */
  readonly batchSize: number;
  /**
   * Write model features to the cache's disk tier and read them back for the proxy, as the paper's Base and
   * SHiFT do (`torch.save` per batch); otherwise features stay in RAM.
   */
  readonly featuresOnDisk: boolean;
  /**
   * Bytes of loaded blocks (weights read from the store) kept between steps, LRU. 0 reads every unit's blocks
   * from the store at every step, as the paper's baselines load each model per step.
   */
  readonly blockCacheBytes: number;
  /** Bytes of prepared sessions kept between steps, LRU; 0 creates a session per step. */
  readonly sessionCacheBytes: number;
  /** Seeds the proxy; with `deterministic`, every model's proxy starts from the same weights. */
  readonly seed: number;
  readonly deterministic: boolean;
}
