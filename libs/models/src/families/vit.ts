/**
 * torchvision's VisionTransformer (0.14) as the reference's sequential block list: 0 VTProcessInput,
 * 1 AddPosEmbedding, 2 Dropout, 3.. EncoderBlock x L, LayerNorm, ClassifierTokenLayer; head = heads.head.
 */
import type { ArchitectureDef, BlockSpec } from '../architectures/architecture.ts';

interface VitConfig {
  readonly name: string;
  readonly image: number;
  readonly patch: number;
  readonly layers: number;
  readonly heads: number;
  readonly hidden: number;
  readonly mlp: number;
  readonly tiny?: boolean;
}

/** torchvision's norm_layer: LayerNorm(eps=1e-6). */
const EPS = 1e-6;

function vitArchitecture(c: VitConfig): ArchitectureDef {
  const encoders: BlockSpec[] = Array.from({ length: c.layers }, (_, i) => ({
    kind: 'vit_encoder_block',
    attrs: { hidden: c.hidden, heads: c.heads, mlp: c.mlp, eps: EPS },
    sourcePrefix: `encoder.layers.encoder_layer_${i}.`,
    label: `encoder_layer_${i} EncoderBlock`,
  }));
  const features: BlockSpec[] = [
    {
      kind: 'vit_process_input',
      attrs: { patch: c.patch, hidden: c.hidden },
      sourcePrefix: '',
      label: 'VTProcessInput',
    },
    { kind: 'vit_pos_embedding', attrs: {}, sourcePrefix: '', label: 'AddPosEmbedding' },
    { kind: 'dropout', attrs: { p: 0 }, sourcePrefix: '', label: 'Dropout' },
    ...encoders,
    { kind: 'layer_norm', attrs: { eps: EPS }, sourcePrefix: 'encoder.ln.', label: 'encoder.ln LayerNorm' },
    { kind: 'cls_token', attrs: {}, sourcePrefix: '', label: 'ClassifierTokenLayer' },
  ];
  // The reference's SPLIT_INDEXES: the feature cut, then the start of each encoder block from the last to the first.
  const firstEncoder = 3;
  const splitIndexes = [features.length, ...encoders.map((_, i) => firstEncoder + c.layers - 1 - i)];
  return {
    name: c.name,
    family: 'vit',
    inputs: [{ name: 'pixels', dtype: 'float32', shape: [3, c.image, c.image] }],
    features,
    head: {
      kind: 'linear',
      attrs: { out: 1000, init: 'zeros' },
      sourcePrefix: 'heads.head.',
      label: 'heads.head Linear',
    },
    splitIndexes,
    featureDim: c.hidden,
    tiny: c.tiny ?? false,
    description: c.tiny
      ? `tiny ViT for tests: ${c.image}x${c.image} input, patch ${c.patch}, ${c.layers} layers, hidden ${c.hidden}`
      : `torchvision ${c.name}: ${c.image}x${c.image} input, patch ${c.patch}, ${c.layers} layers, ${c.heads} ` +
        `heads, hidden ${c.hidden}, MLP ${c.mlp}`,
  };
}

const BASE = { image: 224, layers: 12, heads: 12, hidden: 768, mlp: 3072 };
const LARGE = { image: 224, layers: 24, heads: 16, hidden: 1024, mlp: 4096 };

export const VIT_B_16 = vitArchitecture({ name: 'vit_b_16', patch: 16, ...BASE });
export const VIT_B_32 = vitArchitecture({ name: 'vit_b_32', patch: 32, ...BASE });
export const VIT_L_16 = vitArchitecture({ name: 'vit_l_16', patch: 16, ...LARGE });
export const VIT_L_32 = vitArchitecture({ name: 'vit_l_32', patch: 32, ...LARGE });
export const TINY_VIT = vitArchitecture({
  name: 'tiny_vit',
  image: 32,
  patch: 8,
  layers: 2,
  heads: 2,
  hidden: 32,
  mlp: 64,
  tiny: true,
});
