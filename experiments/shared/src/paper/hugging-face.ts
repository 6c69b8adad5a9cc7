/**
 * The paper's Hugging Face figures (reference 5.6, 5.7): per family (Fig 14, seconds) and combined (Fig 15, minutes).
 */
import { byStrategy } from './setup.ts';
import type { ByStrategy } from './setup.ts';

const FIG14_RAW: readonly [string, number, number, number, number][] = [
  ['vit-b-16', 2000, 1186.3, 701.4, 403.0],
  ['detr-50', 2000, 1567.8, 1359.0, 326.8],
  ['detr-101', 2000, 91.0, 84.7, 37.0],
  ['dinov2-l', 2000, 361.3, 216.4, 93.4],
  ['m-res-152', 2000, 84.0, 72.8, 49.6],
  ['vit-b-16', 8000, 3301.6, 1219.0, 706.2],
  ['detr-50', 8000, 3068.3, 1701.8, 500.8],
  ['detr-101', 8000, 182.1, 121.5, 72.9],
  ['dinov2-l', 8000, 1133.0, 516.4, 216.0],
  ['m-res-152', 8000, 192.8, 115.0, 85.5],
];

/** Fig 14: seconds per family (Base and SHiFT loaded full HF checkpoints, Alsatian its block store). */
export const PAPER_FIG14: readonly { family: string; items: number; seconds: ByStrategy<number> }[] = FIG14_RAW.map(
  ([family, items, ...s]) => ({ family, items, seconds: byStrategy(s) }),
);

/** Fig 15: all ~500 models of twelve families in one search, minutes. */
export const PAPER_FIG15: readonly { items: number; minutes: ByStrategy<number> }[] = [
  { items: 2000, minutes: byStrategy([73.0, 77.1, 34.9]) },
  { items: 8000, minutes: byStrategy([169.8, 93.6, 45.2]) },
];

/** Fig 15's breakdown (an older combined run), minutes: prepare data / prepare model / inference / proxy. */
export const PAPER_FIG15_BREAKDOWN: readonly {
  items: number;
  minutes: ByStrategy<readonly [number, number, number, number]>;
}[] = [
  {
    items: 2000,
    minutes: byStrategy([
      [15.0, 16.6, 25.5, 4.4],
      [12.2, 39.9, 5.9, 1.5],
      [4.1, 21.9, 3.6, 1.3],
    ]),
  },
  {
    items: 8000,
    minutes: byStrategy([
      [22.5, 16.7, 102.8, 16.7],
      [15.4, 35.3, 24.5, 1.8],
      [7.1, 19.4, 14.1, 1.4],
    ]),
  },
];
