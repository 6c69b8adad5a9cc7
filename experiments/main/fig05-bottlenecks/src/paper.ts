/**
 * The paper's Fig 5 (reference 5.1): percent of the time to score one model spent in prepare model / prepare data
 * / inference / proxy, per panel and architecture (RTX A5000, raw Imagenette JPEGs, prepare model simulated as
 * full-model size / 200 MB/s + device transfer + state-dict load). Values read from the plots (±0.5 %).
 */
export type PaperPanel = 'a' | 'b' | 'c' | 'd';

export const PAPER_FIG05_PANELS: Readonly<Record<PaperPanel, string>> = {
  a: '9216 items',
  b: '1024 items',
  c: '96 items',
  d: '1024 items, last 3 blocks from cache',
};

/** [prepareModel, prepareData, inference, proxy] in percent. */
export const PAPER_FIG05: Readonly<Record<PaperPanel, Readonly<Record<string, readonly [number, number, number, number]>>>> = {
  a: { resnet18: [5.3, 46.7, 45.5, 2.5], resnet152: [7.1, 10.5, 81.4, 1.0], efficientnet_v2_l: [9.6, 7.0, 82.9, 0.5], vit_l_32: [19.9, 5.8, 73.9, 0.4] },
  b: { resnet18: [17.2, 51.4, 24.9, 6.4], resnet152: [33.0, 19.4, 45.3, 2.3], efficientnet_v2_l: [42.5, 13.1, 42.9, 1.4], vit_l_32: [63.7, 8.7, 26.8, 0.8] },
  c: { resnet18: [26.1, 49.6, 15.2, 9.1], resnet152: [58.4, 24.3, 13.5, 3.8], efficientnet_v2_l: [71.5, 15.7, 10.6, 2.2], vit_l_32: [86.9, 7.6, 4.3, 1.2] },
  d: { resnet18: [37.9, 23.7, 24.0, 14.4], resnet152: [65.1, 24.1, 5.9, 4.8], efficientnet_v2_l: [85.0, 4.9, 7.2, 2.9], vit_l_32: [91.4, 2.7, 4.6, 1.3] },
};
