/** The paper's Fig 13 (reference 5.5): seconds, Base / SHiFT / Alsatian, 36 trained models, Top 25 %, 2000 items. */
export interface PaperFig13Row {
  readonly architecture: string;
  readonly Base: number;
  readonly SHiFT: number;
  readonly Alsatian: number;
}

export const PAPER_FIG13: readonly PaperFig13Row[] = [
  { architecture: 'resnet18', Base: 129.9, SHiFT: 109.1, Alsatian: 32.2 },
  { architecture: 'resnet152', Base: 325.3, SHiFT: 256.4, Alsatian: 64.1 },
  { architecture: 'efficientnet_v2_l', Base: 496.3, SHiFT: 412.7, Alsatian: 108.0 },
  { architecture: 'vit_l_32', Base: 753.3, SHiFT: 695.6, Alsatian: 117.6 },
];
