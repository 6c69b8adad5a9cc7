import type { Inputs, Provenance } from '@alsatian/bench';
/**
 * The twelve Hugging Face families of the paper's Figs 14 and 15 (reference 3.4), as stand-ins built with
 * @alsatian/store's generateHfFamily: each family takes the overlap pattern (which blocks children share with the
 * base) of the crawled family that is closest in kind, on its own backbone architecture and with its own base
 * weights (its own seed), and the paper's model count (base included).
 */
export interface PaperFamily {
  /** Folder-safe key, also the `family` CSV column and the --hf-dir subfolder name. */
  readonly key: string;
  /** The paper's plot label. */
  readonly label: string;
  readonly hfBase: string;
  /** HF_FAMILIES entry whose overlap groups this family follows. */
  readonly pattern: string;
  readonly architecture: string;
  /** Models the paper's Alsatian searched (base included). */
  readonly models: number;
  /**
   * Fig 14's panels: the two large families left ('long'), the three small ones right ('short'); absent: Fig 15 only.
   */
  readonly fig14?: 'long' | 'short';
}

export const PAPER_FAMILIES: readonly PaperFamily[] = [
  {
    key: 'vit-b-16',
    label: 'ViT-B-16',
    hfBase: 'google/vit-base-patch16-224-in21k',
    pattern: 'vit-base-patch16-224-in21k',
    architecture: 'vit_b_16',
    models: 101,
    fig14: 'long',
  },
  {
    key: 'detr-50',
    label: 'DETR-50',
    hfBase: 'facebook/detr-resnet-50',
    pattern: 'detr-resnet-50',
    architecture: 'resnet50',
    models: 233,
    fig14: 'long',
  },
  {
    key: 'detr-101',
    label: 'DETR-101',
    hfBase: 'facebook/detr-resnet-101',
    pattern: 'detr-resnet-50',
    architecture: 'resnet101',
    models: 10,
    fig14: 'short',
  },
  {
    key: 'dinov2-l',
    label: 'DINOv2-L',
    hfBase: 'facebook/dinov2-large',
    pattern: 'dinov2-large',
    architecture: 'vit_l_16',
    models: 9,
    fig14: 'short',
  },
  {
    key: 'm-res-152',
    label: 'M-Res-152',
    hfBase: 'microsoft/resnet-152',
    pattern: 'resnet-18',
    architecture: 'resnet152',
    models: 9,
    fig14: 'short',
  },
  {
    key: 'm-res-18',
    label: 'M-Res-18',
    hfBase: 'microsoft/resnet-18',
    pattern: 'resnet-18',
    architecture: 'resnet18',
    models: 22,
  },
  {
    key: 'tab-rec',
    label: 'Tab-Rec',
    hfBase: 'microsoft/table-transformer-structure-recognition',
    pattern: 'detr-resnet-50',
    architecture: 'resnet18',
    models: 19,
  },
  {
    key: 'tab-det',
    label: 'Tab-Det',
    hfBase: 'microsoft/table-transformer-detection',
    pattern: 'detr-resnet-50',
    architecture: 'resnet18',
    models: 12,
  },
  {
    key: 'detr-50-dc5',
    label: 'DETR-50-DC5',
    hfBase: 'facebook/detr-resnet-50-dc5',
    pattern: 'detr-resnet-50',
    architecture: 'resnet50',
    models: 17,
  },
  {
    key: 'c-detr-50',
    label: 'C-DETR-50',
    hfBase: 'microsoft/conditional-detr-resnet-50',
    pattern: 'conditional-detr-resnet-50',
    architecture: 'resnet50',
    models: 44,
  },
  {
    key: 'dinov2-b',
    label: 'DINOv2-B',
    hfBase: 'facebook/dinov2-base',
    pattern: 'dinov2-large',
    architecture: 'vit_b_16',
    models: 23,
  },
  {
    key: 'def-detr',
    label: 'Def-DETR',
    hfBase: 'SenseTime/deformable-detr',
    pattern: 'detr-resnet-50',
    architecture: 'resnet50',
    models: 9,
  },
];

export const FIG14_FAMILIES = PAPER_FAMILIES.filter((f) => f.fig14 !== undefined);

export function paperFamily(key: string): PaperFamily {
  const family = PAPER_FAMILIES.find((f) => f.key === key);
  if (family === undefined)
    throw new Error(`Unknown family '${key}'. Known: ${PAPER_FAMILIES.map((f) => f.key).join(', ')}.`);
  return family;
}

/** The tiny architecture of the same family, for quick runs (tiny_resnet for ResNets, tiny_vit for ViTs). */
export function tinyArchitecture(architecture: string): string {
  return architecture.startsWith('vit') ? 'tiny_vit' : 'tiny_resnet';
}

/** A family's model count at `fraction` of the paper's, at least `min` (base + children). */
export function scaledCount(family: PaperFamily, fraction: number, min: number): number {
  return Math.max(min, Math.round(family.models * fraction));
}

/** Each family's own base weights: a seed per family, so stand-ins on one architecture do not share a base. */
export function familySeed(seed: number, key: string): number {
  return seed * 100 + PAPER_FAMILIES.findIndex((f) => f.key === key);
}

/** Without --hf-dir the stand-in's reductions; with it, real families bring their own backbones and counts. */
export const hfReductions = (
  s: { readonly reductions: readonly string[]; readonly familyReductions: readonly string[] },
  inputs: Inputs,
) => (inputs['hf-dir'] === '' ? s.reductions : s.reductions.filter((r) => !s.familyReductions.includes(r)));

/** Stand-in families, or the Hugging Face checkpoints imported from --hf-dir. */
export function hfProvenance(inputs: Inputs): Provenance {
  const dataset = { kind: 'synthetic', what: 'seeded generated images, 10 classes' } as const;
  return inputs['hf-dir'] === ''
    ? {
        models: {
          kind: 'synthetic',
          what:
            "stand-in families: each follows the overlap groups the reference's crawl reported for the closest " +
            'family, on its own backbone, with seeded weights',
        },
        dataset,
      }
    : { models: { kind: 'real', what: `Hugging Face checkpoints imported from ${inputs['hf-dir']}` }, dataset };
}
