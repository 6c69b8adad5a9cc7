/**
 * Fig 16's memory levels. The paper ran each strategy in a container limited to 64, 10 and 5 GB with Alsatian's
 * intermediate-cache budget at 62000, 8000 and 3000 MB (35 ViT-L-32, Top 50 %, 8000 items). We emulate the limit
 * with the budgets the search takes: Alsatian's intermediate cache and the loaded-block/session cache (Base and
 * SHiFT keep neither, so no budget of ours touches them). The process itself is not bounded: a V8 heap flag does
 * not bound ONNX Runtime's native memory, and an address-space rlimit breaks V8's reservations.
 */
import type { Scales } from '@alsatian/bench';
import type { EndToEndCell } from '@alsatian/exp-shared';
import { STRATEGY_ORDER } from '@alsatian/exp-shared';

export interface MemoryLevel {
  /** The paper's container limit this level stands for. */
  readonly memoryGB: number;
  readonly cacheBudgetMB: number;
  readonly blockCacheMB: number;
}

export interface Fig16Settings {
  readonly architecture: string;
  readonly distribution: string;
  readonly train: number;
  readonly test: number;
  readonly setSize: number;
  readonly imageSize: number;
  readonly batchSize: number;
  readonly levels: readonly MemoryLevel[];
  readonly repetitions: number;
  readonly reductions: readonly string[];
}

export interface Fig16Cell extends EndToEndCell {
  readonly memoryGB: number;
}

export const FIG16_SCALES: Scales<Fig16Settings> = {
  quick: {
    architecture: 'resnet18',
    distribution: 'top-50',
    train: 192,
    test: 64,
    setSize: 8,
    imageSize: 64,
    batchSize: 32,
    // ResNet-18 at 64 px needs ~100 KB of intermediates per item (measured requirementBytesPerItem), ~9 MB for
    // the first SH iteration. Scaled like the paper's levels: 1000 MB never splits; 9 and 4 MB split the first
    // iteration into about 2 and 3 runs (our estimate of what 8000 and 3000 MB do for ViT-L-32 at 8000 items).
    // The block cache keeps what the rest of the container held in the paper, one to two models (46.8 MB each).
    // The report states the data runs each budget caused (column runs), so the split can be checked.
    levels: [
      { memoryGB: 64, cacheBudgetMB: 1000, blockCacheMB: 2000 },
      { memoryGB: 10, cacheBudgetMB: 9, blockCacheMB: 100 },
      { memoryGB: 5, cacheBudgetMB: 4, blockCacheMB: 70 },
    ],
    repetitions: 1,
    reductions: ['ResNet-18 instead of ViT-L-32; 8 models instead of 35', '256 items instead of 8000; 64x64 images', 'memory levels emulated by scaled cache budgets (no process limit)'],
  },
  small: {
    architecture: 'vit_l_32',
    distribution: 'top-50',
    train: 1600,
    test: 400,
    setSize: 35,
    imageSize: 64,
    batchSize: 64,
    levels: [
      { memoryGB: 64, cacheBudgetMB: 62000, blockCacheMB: 16000 },
      { memoryGB: 10, cacheBudgetMB: 200, blockCacheMB: 1500 },
      { memoryGB: 5, cacheBudgetMB: 75, blockCacheMB: 1000 },
    ],
    repetitions: 1,
    reductions: ['2000 items instead of 8000; 64x64 images', 'Alsatian budgets scaled with the data (x 1/40 at 10 and 5 GB)', 'memory levels emulated by cache budgets (no process limit)'],
  },
  paper: {
    architecture: 'vit_l_32',
    distribution: 'top-50',
    train: 6400,
    test: 1600,
    setSize: 35,
    imageSize: 0,
    batchSize: 128,
    levels: [
      { memoryGB: 64, cacheBudgetMB: 62000, blockCacheMB: 16000 },
      { memoryGB: 10, cacheBudgetMB: 8000, blockCacheMB: 1500 },
      { memoryGB: 5, cacheBudgetMB: 3000, blockCacheMB: 1000 },
    ],
    repetitions: 1,
    reductions: ['memory levels emulated by cache budgets (no process limit)'],
  },
};

export function fig16Grid(s: Fig16Settings): Fig16Cell[] {
  return s.levels.flatMap((level) =>
    STRATEGY_ORDER.map((strategy) => ({
      strategy, architecture: s.architecture, distribution: s.distribution, items: s.train + s.test, train: s.train, test: s.test,
      setSize: s.setSize, imageSize: s.imageSize, memoryGB: level.memoryGB, cacheBudgetMB: level.cacheBudgetMB, blockCacheMB: level.blockCacheMB,
    })),
  );
}
