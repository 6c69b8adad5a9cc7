import type { Provenance } from '@alsatian/bench';

/**
 * What a search over generated snapshot sets uses: seeded synthetic snapshots (the paper's M_syn is synthetic too,
 * but derived from ImageNet-pretrained weights) and seeded synthetic images.
 */
export function syntheticSearchProvenance(structure: 'chained' | 'from-base'): Provenance {
  const how =
    structure === 'chained'
      ? 'each derived from a random earlier model of its set'
      : 'each derived directly from the base';
  return {
    models: {
      kind: 'synthetic',
      what: `snapshot sets generated from a seeded, randomly initialised base, ${how}, retrained blocks re-initialised`,
    },
    dataset: { kind: 'synthetic', what: 'seeded generated images, 10 classes' },
  };
}
