/**
 * The reference implementation (Python, PyTorch) run by us on a 2-core CPU machine of the same kind as our
 * development machine, on the same configuration as our small Fig 10 cell it matches: 35 distinct resnet18
 * snapshots from the reference's own retrain draws, Top Layers, 256 / 64 items of a 10-class folder of 256x256
 * JPEGs at 224 px, batch 32. Measured one run after another on 2026-12-02 (issue "Preparing a unit must cost almost
 * nothing"); not a paper number. Base ran on a store whose draws gave 28 distinct models (same work per model).
 */
import { breakdown } from './setup.ts';
import type { ByStrategy, PaperBreakdown, PaperDistribution } from './setup.ts';

export interface ReferenceCpuCell {
  readonly architecture: string;
  readonly distribution: PaperDistribution;
  readonly setSize: number;
  readonly train: number;
  readonly test: number;
  readonly imageSize: number;
  readonly batchSize: number;
  readonly cores: number;
  /** What the reference read as its dataset. */
  readonly data: string;
  readonly measuredOn: string;
  readonly seconds: ByStrategy<PaperBreakdown>;
}

export const REFERENCE_ON_2_CORES: readonly ReferenceCpuCell[] = [
  {
    architecture: 'resnet18',
    distribution: 'top-layers',
    setSize: 35,
    train: 256,
    test: 64,
    imageSize: 224,
    batchSize: 32,
    cores: 2,
    data: 'a 10-class folder of 256x256 JPEGs (quality 90), decoded and transformed per item',
    measuredOn: '2026-12-02',
    seconds: {
      baseline: breakdown(8.9, 20.0, 769.6, 5.0, 805.2),
      shift: breakdown(14.5, 5.2, 190.0, 2.7, 213.0),
      alsatian: breakdown(3.2, 0.7, 28.9, 2.3, 35.1),
    },
  },
];
