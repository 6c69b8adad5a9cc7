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
   * Bytes of loaded blocks (weights read from the store) kept between preparations, LRU. 0 reads a unit's blocks
   * from the store every time the unit is prepared, as the paper's baselines load each model from disk.
   */
  readonly blockCacheBytes: number;
  /**
   * How long a prepared session lives:
   * - 'consecutive': while consecutive steps run its unit, then it is released; a unit run over the test piece and
   *   then the train piece of a pass is prepared once, and prepared again in the next SH iteration (the paper's
   *   baselines reload every alive model in every iteration);
   * - 'search': kept across steps and SH iterations, least recently used first out under `sessionCacheBytes`.
   */
  readonly sessionLifetime: 'consecutive' | 'search';
  /** Bytes of prepared sessions kept with the 'search' lifetime. */
  readonly sessionCacheBytes: number;
  /** Seeds the proxy; with `deterministic`, every model's proxy starts from the same weights. */
  readonly seed: number;
  readonly deterministic: boolean;
}
