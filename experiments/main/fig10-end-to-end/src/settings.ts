/** Fig 10's grid per scale. The paper: 35 chained synthetic models, 4 architectures, 3 distributions, 2000/8000 items. */
import type { Scale } from '@alsatian/bench';
import type { EndToEndCell } from '@alsatian/exp-shared';

export interface Fig10Scale {
  readonly architectures: readonly string[];
  readonly distributions: readonly string[];
  /** [train, test] pairs. */
  readonly items: readonly (readonly [number, number])[];
  readonly setSize: number;
  /** 0 = the architecture's own (224). */
  readonly imageSize: number;
  readonly batchSize: number;
  readonly repetitions: number;
  readonly reductions: readonly string[];
}

const PAPER_ARCHITECTURES = ['resnet18', 'resnet152', 'efficientnet_v2_l', 'vit_l_32'];
export const DISTRIBUTIONS = ['top-50', 'top-25', 'top-layers'];
export const APPROACHES = ['Base', 'SHiFT', 'Alsatian'];

export const FIG10_SCALES: Readonly<Record<Scale, Fig10Scale>> = {
  quick: {
    // ViT-B-32 (350 MB per model) spent 140 s of a 200 s Base search creating sessions on the loaded 2-core
    // machine. ResNet-50 stands in for ResNet-152: a deeper family whose random-init features stay informative
    // (MobileNetV2's vanish under torchvision's init, so every model tied and the SH regret said nothing).
    architectures: ['resnet18', 'resnet50'],
    distributions: DISTRIBUTIONS,
    items: [[64, 32], [192, 64]],
    setSize: 8,
    imageSize: 64,
    batchSize: 32,
    repetitions: 1,
    reductions: ['8 models per set instead of 35', 'ResNet-18 and ResNet-50 instead of ResNet-18/152, EffNetV2-L, ViT-L-32', '96 and 256 items instead of 2000 and 8000', '64x64 images instead of 224x224', 'CPU (2 cores) instead of a GPU; 1 repetition'],
  },
  small: {
    architectures: ['resnet18', 'resnet152', 'efficientnet_v2_l', 'vit_l_32'],
    distributions: DISTRIBUTIONS,
    items: [[400, 100], [1600, 400]],
    setSize: 35,
    imageSize: 64,
    batchSize: 64,
    repetitions: 1,
    reductions: ['500 and 2000 items instead of 2000 and 8000', '64x64 images instead of 224x224', 'CPU instead of a GPU; 1 repetition'],
  },
  paper: {
    architectures: PAPER_ARCHITECTURES,
    distributions: DISTRIBUTIONS,
    items: [[1600, 400], [6400, 1600]],
    setSize: 35,
    imageSize: 0,
    batchSize: 128,
    repetitions: 3,
    reductions: [],
  },
};

/** Approach-innermost, so the three approaches of one set run back to back on the same (warm-generated) store. */
export function fig10Grid(scale: Scale): EndToEndCell[] {
  const s = FIG10_SCALES[scale];
  const cells: EndToEndCell[] = [];
  for (const [train, test] of s.items) {
    for (const distribution of s.distributions) {
      for (const architecture of s.architectures) {
        for (const approach of APPROACHES) {
          cells.push({ approach, architecture, distribution, items: train + test, train, test, setSize: s.setSize, imageSize: s.imageSize, cacheBudgetMB: 0, blockCacheMB: 0 });
        }
      }
    }
  }
  return cells;
}
