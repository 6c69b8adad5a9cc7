/**
 * The paper's numbers (SIGMOD 2025), as catalogued in shared/reference/alsatian-original-experiments.md
 * (sections 3.1, 5.2, 5.3, 5.8, 9): values read from the committed plots, ±0.5 %. Seconds unless named otherwise.
 */

export type PaperApproach = 'Base' | 'SHiFT' | 'Alsatian';
export type PaperDistribution = 'top-50' | 'top-25' | 'top-layers';

/** Table 1: full-model parameters (with head; BERT without) and size in MB (params * 4 / 1e6). */
export const PAPER_TABLE1: readonly { architecture: string; label: string; params: number; sizeMB: number }[] = [
  { architecture: 'resnet18', label: 'ResNet-18', params: 11_689_512, sizeMB: 46.8 },
  { architecture: 'resnet152', label: 'ResNet-152', params: 60_192_808, sizeMB: 241.7 },
  { architecture: 'efficientnet_v2_l', label: 'EfficientNetV2-L', params: 118_515_272, sizeMB: 476.7 },
  { architecture: 'vit_l_32', label: 'ViT-L-32', params: 306_535_400, sizeMB: 1226.3 },
  { architecture: 'bert_base', label: 'BERT base', params: 109_482_240, sizeMB: 438.0 },
];

export const PAPER_ARCH_LABELS: Readonly<Record<string, string>> = Object.fromEntries(PAPER_TABLE1.map((r) => [r.architecture, r.label]));

export interface PaperEndToEnd {
  readonly items: number;
  readonly distribution: PaperDistribution;
  readonly architecture: string;
  readonly Base: number;
  readonly SHiFT: number;
  readonly Alsatian: number;
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

/** Fig 10: end-to-end search time, 35 synthetic (chained) models, 200 MB/s store, GPU. */
export const PAPER_FIG10: readonly PaperEndToEnd[] = FIG10_RAW.map(([items, distribution, architecture, Base, SHiFT, Alsatian]) => ({ items, distribution, architecture, Base, SHiFT, Alsatian }));

/** Breakdown in the paper's four categories (its plots leave out planning, which is tiny). */
export interface PaperBreakdown {
  readonly prepareModel: number;
  readonly prepareData: number;
  readonly inference: number;
  readonly proxy: number;
  readonly total: number;
}

const b = (prepareModel: number, prepareData: number, inference: number, proxy: number, total: number): PaperBreakdown => ({ prepareModel, prepareData, inference, proxy, total });

/** Fig 11 (a-c): per approach; (d, e): Alsatian per distribution at 8000 items. */
export const PAPER_FIG11 = {
  approaches: [
    { panel: 'a', architecture: 'resnet152', items: 8000, distribution: 'top-50', Base: b(116.4, 92.1, 437.8, 68.9, 715.1), SHiFT: b(138.1, 89.2, 117.6, 12.8, 357.6), Alsatian: b(56.1, 12.5, 53.9, 12.5, 135.1) },
    { panel: 'b', architecture: 'resnet152', items: 8000, distribution: 'top-layers', Base: b(118.1, 92.2, 436.9, 69.5, 716.7), SHiFT: b(141.2, 89.0, 117.6, 12.9, 360.6), Alsatian: b(24.4, 12.6, 20.9, 12.5, 70.4) },
    { panel: 'c', architecture: 'resnet152', items: 2000, distribution: 'top-layers', Base: b(119.2, 63.8, 108.8, 18.3, 310.1), SHiFT: b(141.0, 62.6, 29.6, 6.2, 239.4), Alsatian: b(23.4, 6.8, 5.3, 6.1, 41.5) },
  ],
  alsatianByDistribution: [
    { panel: 'd', architecture: 'resnet152', items: 8000, 'top-50': b(56.1, 12.5, 53.9, 12.5, 135.1), 'top-25': b(37.1, 12.7, 33.7, 12.3, 95.8), 'top-layers': b(24.4, 12.6, 20.9, 12.5, 70.4) },
    { panel: 'e', architecture: 'vit_l_32', items: 8000, 'top-50': b(159.4, 8.7, 106.1, 12.4, 286.6), 'top-25': b(84.7, 8.8, 60.8, 12.3, 166.6), 'top-layers': b(41.3, 8.9, 36.3, 12.3, 98.8) },
  ],
} as const;

/** Fig 16: 35 ViT-L-32, Top 50 %, 8000 items, container memory 64 / 10 / 5 GB; Alsatian cache 62000 / 8000 / 3000 MB. */
export const PAPER_FIG16: readonly { memoryGB: number; alsatianCacheMB: number; Base: PaperBreakdown; SHiFT: PaperBreakdown; Alsatian: PaperBreakdown }[] = [
  { memoryGB: 64, alsatianCacheMB: 62000, Base: b(460.2, 78.7, 720.9, 68.5, 1328), SHiFT: b(553.9, 72.2, 208.0, 17.6, 852), Alsatian: b(155.4, 7.5, 114.0, 16.6, 294) },
  { memoryGB: 10, alsatianCacheMB: 8000, Base: b(528.3, 85.3, 716.7, 70.5, 1401), SHiFT: b(1061.8, 82.0, 207.6, 19.0, 1370), Alsatian: b(391.6, 7.3, 112.2, 16.7, 528) },
  { memoryGB: 5, alsatianCacheMB: 3000, Base: b(592.5, 90.9, 714.5, 71.1, 1469), SHiFT: b(1019.1, 85.8, 207.7, 19.6, 1332), Alsatian: b(442.7, 8.2, 113.3, 16.6, 581) },
];

/** Fig 17: BERT, 35 synthetic models, IMDB, 2000 items (Base / SHiFT / Alsatian seconds). */
export const PAPER_FIG17: readonly { items: number; distribution: PaperDistribution; Base: number; SHiFT: number; Alsatian: number }[] = [
  { items: 2000, distribution: 'top-50', Base: 523.6, SHiFT: 296.7, Alsatian: 109.0 },
  { items: 2000, distribution: 'top-25', Base: 527.0, SHiFT: 299.2, Alsatian: 65.9 },
  { items: 2000, distribution: 'top-layers', Base: 528.9, SHiFT: 299.3, Alsatian: 38.2 },
];

/** The paper's speedup of `approach` over Base (Base / approach) for one Fig 10 cell, or undefined. */
export function paperFig10Speedup(items: number, distribution: string, architecture: string, approach: 'SHiFT' | 'Alsatian'): number | undefined {
  const row = PAPER_FIG10.find((r) => r.items === items && r.distribution === distribution && r.architecture === architecture);
  return row === undefined ? undefined : row.Base / row[approach];
}
