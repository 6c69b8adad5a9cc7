/** The paper's model-search figures on synthetic and trained snapshots (Figs 10, 11, 13, 16, 17), in seconds. */
import { breakdown, byStrategy } from './setup.ts';
import type { ByStrategy, PaperBreakdown, PaperDistribution } from './setup.ts';

export interface PaperSearchCell {
  readonly items: number;
  readonly distribution: PaperDistribution;
  readonly architecture: string;
  readonly seconds: ByStrategy<number>;
}

const FIG10_RAW: readonly [number, PaperDistribution, string, number, number, number][] = [
  [2000, 'top-50', 'resnet18', 127.1, 109.9, 29.1],
  [2000, 'top-50', 'resnet152', 311.6, 243.8, 86.0],
  [2000, 'top-50', 'efficientnet_v2_l', 484.9, 399.5, 153.8],
  [2000, 'top-50', 'vit_l_32', 723.6, 663.7, 199.1],
  [2000, 'top-25', 'resnet18', 131.8, 112.4, 23.2],
  [2000, 'top-25', 'resnet152', 322.4, 253.2, 62.8],
  [2000, 'top-25', 'efficientnet_v2_l', 488.6, 403.8, 108.9],
  [2000, 'top-25', 'vit_l_32', 738.7, 683.7, 113.0],
  [2000, 'top-layers', 'resnet18', 132.9, 112.6, 19.8],
  [2000, 'top-layers', 'resnet152', 316.9, 248.2, 45.7],
  [2000, 'top-layers', 'efficientnet_v2_l', 497.4, 412.4, 73.4],
  [2000, 'top-layers', 'vit_l_32', 737.4, 684.1, 64.1],
  [8000, 'top-50', 'resnet18', 257.0, 156.1, 46.1],
  [8000, 'top-50', 'resnet152', 722.9, 367.0, 150.5],
  [8000, 'top-50', 'efficientnet_v2_l', 1061.8, 565.1, 227.1],
  [8000, 'top-50', 'vit_l_32', 1347.7, 838.6, 288.7],
  [8000, 'top-25', 'resnet18', 261.0, 158.0, 37.2],
  [8000, 'top-25', 'resnet152', 735.9, 376.6, 111.9],
  [8000, 'top-25', 'efficientnet_v2_l', 1069.5, 570.6, 157.8],
  [8000, 'top-25', 'vit_l_32', 1365.9, 866.1, 169.5],
  [8000, 'top-layers', 'resnet18', 262.1, 159.2, 28.6],
  [8000, 'top-layers', 'resnet152', 730.7, 371.2, 84.7],
  [8000, 'top-layers', 'efficientnet_v2_l', 1071.7, 570.0, 106.8],
  [8000, 'top-layers', 'vit_l_32', 1363.7, 862.5, 100.5],
];

/** Fig 10: end-to-end search time, 35 chained synthetic models, 200 MB/s store. */
export const PAPER_FIG10: readonly PaperSearchCell[] = FIG10_RAW.map(([items, distribution, architecture, ...s]) => ({
  items,
  distribution,
  architecture,
  seconds: byStrategy(s),
}));

/** Fig 11 (a-c): breakdown per strategy; (d, e): Alsatian's per distribution, 8000 items. */
export const PAPER_FIG11 = {
  strategies: [
    {
      panel: 'a',
      architecture: 'resnet152',
      items: 8000,
      distribution: 'top-50',
      seconds: byStrategy([
        breakdown(116.4, 92.1, 437.8, 68.9, 715.1),
        breakdown(138.1, 89.2, 117.6, 12.8, 357.6),
        breakdown(56.1, 12.5, 53.9, 12.5, 135.1),
      ]),
    },
    {
      panel: 'b',
      architecture: 'resnet152',
      items: 8000,
      distribution: 'top-layers',
      seconds: byStrategy([
        breakdown(118.1, 92.2, 436.9, 69.5, 716.7),
        breakdown(141.2, 89.0, 117.6, 12.9, 360.6),
        breakdown(24.4, 12.6, 20.9, 12.5, 70.4),
      ]),
    },
    {
      panel: 'c',
      architecture: 'resnet152',
      items: 2000,
      distribution: 'top-layers',
      seconds: byStrategy([
        breakdown(119.2, 63.8, 108.8, 18.3, 310.1),
        breakdown(141.0, 62.6, 29.6, 6.2, 239.4),
        breakdown(23.4, 6.8, 5.3, 6.1, 41.5),
      ]),
    },
  ],
  alsatianByDistribution: [
    {
      panel: 'd',
      architecture: 'resnet152',
      items: 8000,
      seconds: {
        'top-50': breakdown(56.1, 12.5, 53.9, 12.5, 135.1),
        'top-25': breakdown(37.1, 12.7, 33.7, 12.3, 95.8),
        'top-layers': breakdown(24.4, 12.6, 20.9, 12.5, 70.4),
      },
    },
    {
      panel: 'e',
      architecture: 'vit_l_32',
      items: 8000,
      seconds: {
        'top-50': breakdown(159.4, 8.7, 106.1, 12.4, 286.6),
        'top-25': breakdown(84.7, 8.8, 60.8, 12.3, 166.6),
        'top-layers': breakdown(41.3, 8.9, 36.3, 12.3, 98.8),
      },
    },
  ],
} as const;

/** Fig 13: 36 trained models per architecture (35 fine-tuned from the base), Top 25 %, 2000 items. */
export const PAPER_FIG13: readonly { architecture: string; seconds: ByStrategy<number> }[] = [
  { architecture: 'resnet18', seconds: byStrategy([129.9, 109.1, 32.2]) },
  { architecture: 'resnet152', seconds: byStrategy([325.3, 256.4, 64.1]) },
  { architecture: 'efficientnet_v2_l', seconds: byStrategy([496.3, 412.7, 108.0]) },
  { architecture: 'vit_l_32', seconds: byStrategy([753.3, 695.6, 117.6]) },
];

/** Fig 16: 35 ViT-L-32, Top 50 %, 8000 items, container memory 64 / 10 / 5 GB with Alsatian's cache budget. */
export const PAPER_FIG16: readonly {
  memoryGB: number;
  alsatianCacheMB: number;
  seconds: ByStrategy<PaperBreakdown>;
}[] = [
  {
    memoryGB: 64,
    alsatianCacheMB: 62000,
    seconds: byStrategy([
      breakdown(460.2, 78.7, 720.9, 68.5, 1328),
      breakdown(553.9, 72.2, 208.0, 17.6, 852),
      breakdown(155.4, 7.5, 114.0, 16.6, 294),
    ]),
  },
  {
    memoryGB: 10,
    alsatianCacheMB: 8000,
    seconds: byStrategy([
      breakdown(528.3, 85.3, 716.7, 70.5, 1401),
      breakdown(1061.8, 82.0, 207.6, 19.0, 1370),
      breakdown(391.6, 7.3, 112.2, 16.7, 528),
    ]),
  },
  {
    memoryGB: 5,
    alsatianCacheMB: 3000,
    seconds: byStrategy([
      breakdown(592.5, 90.9, 714.5, 71.1, 1469),
      breakdown(1019.1, 85.8, 207.7, 19.6, 1332),
      breakdown(442.7, 8.2, 113.3, 16.6, 581),
    ]),
  },
];

/** Fig 17: BERT base, 35 chained synthetic models, IMDB, 2000 items. */
export const PAPER_FIG17: readonly { items: number; distribution: PaperDistribution; seconds: ByStrategy<number> }[] = [
  { items: 2000, distribution: 'top-50', seconds: byStrategy([523.6, 296.7, 109.0]) },
  { items: 2000, distribution: 'top-25', seconds: byStrategy([527.0, 299.2, 65.9]) },
  { items: 2000, distribution: 'top-layers', seconds: byStrategy([528.9, 299.3, 38.2]) },
];
