/**
 * How the paper measured (reference sections 1 and 2): the machine, the throttled store and the number of runs
 * behind each reported value. Reports compare a run's meta.json with this record.
 */
export const PAPER_SETUP = {
  gpu: 'NVIDIA RTX A5000',
  cpu: 'AMD Ryzen Threadripper PRO 3995WX',
  /** The container's CPU set: half of the 128 logical cores. */
  cores: 64,
  memoryGB: 64,
  /** The model store's read limit (HDD, docker --device-read-bps). */
  storeReadMBps: 200,
  /** The paper reports the median of this many runs (the reproducibility drivers run one). */
  runs: '3 to 5',
  pageCache: 'dropped once before every search by a root helper on the host',
} as const;

/** The strategies in the paper's bar order, with its labels. */
export const PAPER_STRATEGIES = ['baseline', 'shift', 'alsatian'] as const;
export type PaperStrategy = (typeof PAPER_STRATEGIES)[number];
export type ByStrategy<T> = Readonly<Record<PaperStrategy, T>>;

export type PaperDistribution = 'top-50' | 'top-25' | 'top-layers';

/** Breakdown in the paper's four categories (its plots leave out planning, which is tiny); seconds. */
export interface PaperBreakdown {
  readonly prepareModel: number;
  readonly prepareData: number;
  readonly inference: number;
  readonly proxy: number;
  readonly total: number;
}

export const breakdown = (
  prepareModel: number,
  prepareData: number,
  inference: number,
  proxy: number,
  total: number,
): PaperBreakdown => ({ prepareModel, prepareData, inference, proxy, total });

/** [baseline, shift, alsatian] seconds as a record. */
export const byStrategy = <T>([baseline, shift, alsatian]: readonly [T, T, T]): ByStrategy<T> => ({
  baseline,
  shift,
  alsatian,
});
