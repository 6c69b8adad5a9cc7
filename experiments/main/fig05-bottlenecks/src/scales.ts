import type { Scale, Scales } from '@alsatian/bench';

/**
 * Fig 5's sweep (reference 5.1): four architectures; 96, 1024 and 9216 items from raw JPEGs; and 1024 items whose
 * last 3 blocks read their input from pre-computed intermediates on disk. Quick and small scale the items or the
 * resolution down; the ratios between the three item counts stay the paper's (1 : ~10.7 : 96).
 */
export const ARCHITECTURES = ['resnet18', 'resnet152', 'efficientnet_v2_l', 'vit_l_32'] as const;

export interface Fig05Settings {
  readonly imageSize: number;
  /** The paper's 96 / 1024 / 9216 at this scale. */
  readonly items: readonly [number, number, number];
  readonly batchSize: number;
  readonly repetitions: number;
  readonly reductions: readonly string[];
}

function settings(s: Omit<Fig05Settings, 'reductions'>): Fig05Settings {
  const reductions: string[] = [];
  if (s.imageSize !== 224) reductions.push(`${s.imageSize} px images instead of 224`);
  if (s.items[0] !== 96) reductions.push(`${s.items.join(' / ')} items instead of 96 / 1024 / 9216`);
  if (s.batchSize !== 128) reductions.push(`batch ${s.batchSize} instead of 128`);
  return { ...s, reductions };
}

export const FIG05_SCALES: Scales<Fig05Settings> = {
  quick: settings({ imageSize: 64, items: [3, 32, 288], batchSize: 32, repetitions: 1 }),
  // Small keeps 224 px and the paper's architectures and cuts the items 32-fold (docs/small-scale.md).
  small: settings({ imageSize: 224, items: [3, 32, 288], batchSize: 32, repetitions: 1 }),
  paper: settings({ imageSize: 224, items: [96, 1024, 9216], batchSize: 128, repetitions: 5 }),
};

/** Blocks run from cached input in panel (d): the last 3 retrain blocks (split level -3). */
export const CACHED_LAST_BLOCKS = 3;

/** The paper's store throughput (its HDD limit and Fig 5's disk_speed). */
export const STORE_READ_BYTES_PER_SEC = 200e6;

/** The panel a cell belongs to, named as the paper's (a)-(d). */
export function panelOf(items: number, cached: boolean, scale: Scale): string {
  const [small, medium, large] = FIG05_SCALES[scale].items;
  if (cached) return `(d) ${medium} items, last ${CACHED_LAST_BLOCKS} blocks from cache`;
  if (items === large) return `(a) ${large} items`;
  if (items === medium) return `(b) ${medium} items`;
  if (items === small) return `(c) ${small} items`;
  return `${items} items`;
}
