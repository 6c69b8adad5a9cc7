/**
 * The paper's Fig 14 (reference 5.6, `hf_snapshots_load_all`): seconds Base / SHiFT / Alsatian per family and
 * item count; Base and SHiFT loaded full HF checkpoints, Alsatian its block store (RTX A5000, 200 MB/s).
 */
export interface PaperFig14Row {
  readonly family: string;
  readonly items: number;
  readonly Base: number;
  readonly SHiFT: number;
  readonly Alsatian: number;
}

const RAW: readonly [string, number, number, number, number][] = [
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

export const PAPER_FIG14: readonly PaperFig14Row[] = RAW.map(([family, items, Base, SHiFT, Alsatian]) => ({ family, items, Base, SHiFT, Alsatian }));
