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
   * Let the engine keep what it prepared for a unit (its compiled form) and reuse it when the unit is prepared
   * again, in a later step, SH iteration or search: the unit is then only loaded. Off, every preparation starts
   * from the store's blocks, as the paper's strategies load every module from disk for every step.
   */
  readonly reusePrepared: boolean;
  /**
   * Read the blocks of the next unit while the current one runs (a disk read costs no compute, so it overlaps
   * inference); off, a unit's blocks are read when it is prepared, as the paper's strategies load modules.
   */
  readonly prefetchBlocks: boolean;
  /** Seeds the proxy; with `deterministic`, every model's proxy starts from the same weights. */
  readonly seed: number;
  readonly deterministic: boolean;
}
