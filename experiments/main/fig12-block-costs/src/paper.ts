/** The paper's Fig 12 numbers (reference 5.4, read from the committed SVGs; batch 32 on an RTX A5000). */
export interface PaperBlockProfile {
  readonly architecture: string;
  readonly blocks: number;
  readonly params: string;
  readonly inference: string;
}

export const PAPER_FIG12: readonly PaperBlockProfile[] = [
  { architecture: 'resnet152', blocks: 51, params: 'stem 9.4 k; layer1 0.07 M; layer2 0.28-0.38 M; layer3 1.12-1.52 M; layer4 6.05, 4.47, 4.47 M', inference: 'first blocks 3.3, 2.4, 2.1, 2.1, 2.2 ms; layer2 ~1.1 ms; layer3 0.6-1.1 ms; layer4 0.9-1.3 ms' },
  { architecture: 'vit_l_32', blocks: 25, params: '12.6 M per encoder block (constant)', inference: '2.6-5.1 ms per block (typically 3.0-3.8 ms)' },
];
