/**
 * Seconds a piece of work takes on one worker, as a linear model of what the planner knows statically: a unit's
 * FLOPs per item and weight bytes, model feature bytes, items. The constants are per-unit costs measured on the
 * development machine (2 shared cores, resnet18 units, `npm run bench:distributed` re-measures them); only their
 * ratios matter for the partition, since every option is priced with the same model.
 */
export interface CostModel {
  /** Fixed cost of preparing one unit in a job (session creation, graph building). */
  readonly prepareSecondsPerUnit: number;
  /** Reading and loading weights. */
  readonly prepareSecondsPerWeightByte: number;
  readonly inferSecondsPerFlop: number;
  /** Per item and unit, beyond FLOPs (copies, data decoding amortised). */
  readonly inferSecondsPerItem: number;
  /** The proxy, per item and feature byte. */
  readonly proxySecondsPerFeatureByte: number;
  /** Writing and reading one byte through the shared exchange directory. */
  readonly exchangeSecondsPerByte: number;
  /** Queue round trip and job start-up. */
  readonly jobOverheadSeconds: number;
}

/**
 * The coordinator's prior: what it prices partitions with until jobs have reported timings. It then replaces
 * `jobOverheadSeconds` with the median it measured (overhead-estimate.ts); the other constants stay. The bench
 * measures them all instead (measure-costs.ts, and the overhead from its real run's job timings: 30-50 ms here).
 */
export const DEFAULT_COSTS: CostModel = {
  prepareSecondsPerUnit: 0.03,
  prepareSecondsPerWeightByte: 1.5e-9,
  inferSecondsPerFlop: 2.5e-11,
  inferSecondsPerItem: 2e-5,
  proxySecondsPerFeatureByte: 2e-8,
  exchangeSecondsPerByte: 2e-9,
  jobOverheadSeconds: 0.05,
};

/** What the cost model needs to know of one execution unit. */
export interface UnitFacts {
  readonly flopsPerItem: number;
  readonly weightBytes: number;
  readonly outputBytesPerItem: number;
}

/** A unit's cost as `fixed + perItem * items`. */
export interface LinearCost {
  readonly fixed: number;
  readonly perItem: number;
}

export function unitCost(facts: UnitFacts, costs: CostModel): LinearCost {
  return {
    fixed: costs.prepareSecondsPerUnit + facts.weightBytes * costs.prepareSecondsPerWeightByte,
    perItem: facts.flopsPerItem * costs.inferSecondsPerFlop + costs.inferSecondsPerItem,
  };
}
