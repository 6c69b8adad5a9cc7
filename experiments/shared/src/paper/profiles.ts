/** Table 1, Fig 5 and Fig 12 of the paper: what the architectures are and where the time of one model goes. */

/** Table 1: full-model parameters (with head; BERT without) and size in MB (params * 4 / 1e6). */
export const PAPER_TABLE1: readonly { architecture: string; label: string; params: number; sizeMB: number }[] = [
  { architecture: 'resnet18', label: 'ResNet-18', params: 11_689_512, sizeMB: 46.8 },
  { architecture: 'resnet152', label: 'ResNet-152', params: 60_192_808, sizeMB: 241.7 },
  { architecture: 'efficientnet_v2_l', label: 'EfficientNetV2-L', params: 118_515_272, sizeMB: 476.7 },
  { architecture: 'vit_l_32', label: 'ViT-L-32', params: 306_535_400, sizeMB: 1226.3 },
  { architecture: 'bert_base', label: 'BERT base', params: 109_482_240, sizeMB: 438.0 },
];

export const PAPER_ARCH_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  PAPER_TABLE1.map((r) => [r.architecture, r.label]),
);

/**
 * Fig 5 (reference 5.1): percent of the time to score one model in prepare model / prepare data / inference /
 * proxy, per panel and architecture; prepare model was simulated as size / 200 MB/s + device transfer + state-dict
 * load. Values read from the plots (±0.5 %).
 */
export type PaperFig05Panel = 'a' | 'b' | 'c' | 'd';

export const PAPER_FIG05_PANELS: Readonly<Record<PaperFig05Panel, string>> = {
  a: '9216 items',
  b: '1024 items',
  c: '96 items',
  d: '1024 items, last 3 blocks from cache',
};

export const PAPER_FIG05: Readonly<
  Record<PaperFig05Panel, Readonly<Record<string, readonly [number, number, number, number]>>>
> = {
  a: {
    resnet18: [5.3, 46.7, 45.5, 2.5],
    resnet152: [7.1, 10.5, 81.4, 1.0],
    efficientnet_v2_l: [9.6, 7.0, 82.9, 0.5],
    vit_l_32: [19.9, 5.8, 73.9, 0.4],
  },
  b: {
    resnet18: [17.2, 51.4, 24.9, 6.4],
    resnet152: [33.0, 19.4, 45.3, 2.3],
    efficientnet_v2_l: [42.5, 13.1, 42.9, 1.4],
    vit_l_32: [63.7, 8.7, 26.8, 0.8],
  },
  c: {
    resnet18: [26.1, 49.6, 15.2, 9.1],
    resnet152: [58.4, 24.3, 13.5, 3.8],
    efficientnet_v2_l: [71.5, 15.7, 10.6, 2.2],
    vit_l_32: [86.9, 7.6, 4.3, 1.2],
  },
  d: {
    resnet18: [37.9, 23.7, 24.0, 14.4],
    resnet152: [65.1, 24.1, 5.9, 4.8],
    efficientnet_v2_l: [85.0, 4.9, 7.2, 2.9],
    vit_l_32: [91.4, 2.7, 4.6, 1.3],
  },
};

/** Fig 12 (reference 5.4, batch 32): parameters and GPU inference time per block, as ranges read from the plots. */
export const PAPER_FIG12: readonly { architecture: string; blocks: number; params: string; inference: string }[] = [
  {
    architecture: 'resnet152',
    blocks: 51,
    params: 'stem 9.4 k; layer1 0.07 M; layer2 0.28-0.38 M; layer3 1.12-1.52 M; layer4 6.05, 4.47, 4.47 M',
    inference: 'first blocks 3.3, 2.4, 2.1, 2.1, 2.2 ms; layer2 ~1.1 ms; layer3 0.6-1.1 ms; layer4 0.9-1.3 ms',
  },
  {
    architecture: 'vit_l_32',
    blocks: 25,
    params: '12.6 M per encoder block (constant)',
    inference: '2.6-5.1 ms per block (typically 3.0-3.8 ms)',
  },
];
