import { describe, expect, it } from 'vitest';
import { architecture, blockDescriptor, blockKind, describeArchitecture, describeBlocks } from '@alsatian/models';

const PAPER = ['vit_b_16', 'vit_b_32', 'vit_l_16', 'vit_l_32', 'bert_base'] as const;

describe('transformer architectures: parameter counts', () => {
  // torchvision 0.14 / transformers' counts of the full model with its head (ImageNet head; BERT pooler).
  const expected: Record<(typeof PAPER)[number], number> = {
    vit_b_16: 86_567_656,
    vit_b_32: 88_224_232,
    vit_l_16: 304_326_632,
    vit_l_32: 306_535_400,
    bert_base: 109_482_240,
  };
  it.each(PAPER)('%s has the reference parameter count', (name) => {
    const info = describeArchitecture(name);
    expect(info.params).toBe(expected[name]);
    expect(info.featureParams + info.head.params).toBe(info.params);
  });

  it('the heads hold exactly the classifier / pooler parameters', () => {
    expect(describeArchitecture('vit_b_16').head.params).toBe(768 * 1000 + 1000);
    expect(describeArchitecture('vit_l_32').head.params).toBe(1024 * 1000 + 1000);
    expect(describeArchitecture('bert_base').head.params).toBe(768 * 768 + 768);
  });
});

describe('transformer architectures: block lists', () => {
  it.each([
    ['vit_b_16', 12, 768, 197],
    ['vit_b_32', 12, 768, 50],
    ['vit_l_16', 24, 1024, 197],
    ['vit_l_32', 24, 1024, 50],
  ] as const)('%s follows the reference layout with %i encoder blocks', (name, layers, hidden, seq) => {
    const info = describeArchitecture(name);
    const kinds = info.blocks.map((b) => b.kind);
    expect(kinds).toEqual([
      'vit_process_input',
      'vit_pos_embedding',
      'dropout',
      ...Array(layers).fill('vit_encoder_block'),
      'layer_norm',
      'cls_token',
    ]);
    expect(info.featureDim).toBe(hidden);
    expect(info.blocks.slice(0, -1).every((b) => b.outputShape[0].join() === `${seq},${hidden}`)).toBe(true);
    expect(info.blocks.at(-1)!.outputShape).toEqual([[hidden]]);
    expect(info.head.outputShape).toEqual([[1000]]);
    const split = architecture(name).splitIndexes;
    expect(split[0]).toBe(info.blocks.length);
    expect(split.slice(1)).toEqual(Array.from({ length: layers }, (_, k) => 2 + layers - k));
  });

  it('bert_base: embeddings, 12 encoder layers passing (hidden, mask_bias), the CLS cut; the pooler as head', () => {
    const info = describeArchitecture('bert_base');
    expect(info.blocks.map((b) => b.kind)).toEqual([
      'bert_embeddings',
      ...Array(12).fill('bert_encoder_block'),
      'cls_token',
    ]);
    for (const b of info.blocks.slice(0, -1)) expect(b.outputShape).toEqual([[256, 768], [256]]);
    expect(info.blocks.at(-1)!.outputShape).toEqual([[768]]);
    expect(info.head.kind).toBe('bert_pooler');
    expect(architecture('bert_base').splitIndexes).toEqual([14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
    expect(architecture('bert_base').inputs.map((s) => `${s.name}:${s.dtype}[${s.shape}]`)).toEqual([
      'input_ids:int64[256]',
      'attention_mask:int64[256]',
    ]);
  });

  // The reference's pattern: ViT [cut, last encoder .. first encoder]; BERT [L+2, L+1, .., 2] (no split before layer
  // 1).
  it.each([
    ['tiny_vit', [7, 4, 3]],
    ['tiny_bert', [4, 3, 2]],
  ] as const)('%s is tiny, with split indexes %j following its family pattern', (name, split) => {
    const def = architecture(name);
    expect(def.tiny).toBe(true);
    expect(def.splitIndexes).toEqual(split);
    expect(describeBlocks(def).features.length).toBe(split[0]);
    expect(describeArchitecture(name).params).toBeLessThan(100_000);
  });

  it('every block input matches the previous block output (the shape chain)', () => {
    for (const name of [...PAPER, 'tiny_vit', 'tiny_bert']) {
      const def = architecture(name);
      const { features, head } = describeBlocks(def);
      expect(features[0].inputs).toEqual(def.inputs);
      for (let i = 1; i < features.length; i++) expect(features[i].inputs).toEqual(features[i - 1].outputs);
      expect(head.inputs).toEqual(features.at(-1)!.outputs);
    }
  });
});

describe('transformer architectures: bytes per item and FLOPs', () => {
  it('vit_l_32 encoder blocks hold 50 x 1024 floats per item; its classifier token 1024', () => {
    const info = describeArchitecture('vit_l_32');
    for (const b of info.blocks.filter((x) => x.kind === 'vit_encoder_block')) expect(b.bytesPerItem).toBe(51_200 * 4);
    expect(info.blocks.at(-1)!.bytesPerItem).toBe(1024 * 4);
  });

  it('bert_base blocks carry hidden [256,768] plus the [256] mask bias as float32', () => {
    const info = describeArchitecture('bert_base');
    for (const b of info.blocks.slice(0, -1)) expect(b.bytesPerItem).toBe((256 * 768 + 256) * 4);
  });

  // torchvision reports 17.56 / 4.41 / 61.55 / 15.38 GMACs; BERT-base at 256 tokens is ~22.5 GMACs. One MAC = 2 FLOPs.
  it.each([
    ['vit_b_16', 17.56],
    ['vit_b_32', 4.41],
    ['vit_l_16', 61.55],
    ['vit_l_32', 15.38],
    ['bert_base', 22.5],
  ] as const)('%s FLOPs are within 5%% of %f GMACs x 2', (name, gmacs) => {
    const info = describeArchitecture(name);
    const flops = info.blocks.reduce((s, b) => s + b.flops, 0) + info.head.flops;
    expect(flops / (2 * gmacs * 1e9)).toBeGreaterThan(0.95);
    expect(flops / (2 * gmacs * 1e9)).toBeLessThan(1.05);
  });

  it('attention makes encoder FLOPs grow faster than linearly in the sequence length', () => {
    const b16 = describeArchitecture('vit_b_16').blocks[3].flops;
    const b32 = describeArchitecture('vit_b_32').blocks[3].flops;
    expect(b16 / b32).toBeGreaterThan(197 / 50);
  });
});

describe('transformer block kinds: bad input', () => {
  const pixels = (size: number) => [{ name: 'pixels', dtype: 'float32' as const, shape: [3, size, size] }];
  it('vit_process_input rejects an image the patch size does not divide', () => {
    expect(() =>
      blockDescriptor(
        { kind: 'vit_process_input', attrs: { patch: 16, hidden: 8 }, sourcePrefix: '', label: '' },
        pixels(30),
      ),
    ).toThrow(/30x30 is not divisible by patch size 16/);
  });
  it('vit_encoder_block rejects a width that differs from its hidden size', () => {
    const inputs = [{ name: 'x', dtype: 'float32' as const, shape: [5, 16] }];
    const spec = {
      kind: 'vit_encoder_block',
      attrs: { hidden: 32, heads: 2, mlp: 8, eps: 1e-6 },
      sourcePrefix: '',
      label: '',
    };
    expect(() => blockDescriptor(spec, inputs)).toThrow(RangeError);
    expect(() => blockDescriptor(spec, inputs)).toThrow(/vit_encoder_block.*width 16.*hidden 32/);
  });
  it('bert_embeddings rejects float inputs and sequences longer than its position table', () => {
    const spec = {
      kind: 'bert_embeddings',
      attrs: { vocab: 10, hidden: 4, maxPositions: 8, typeVocab: 2, eps: 1e-12 },
      sourcePrefix: '',
      label: '',
    };
    expect(() => blockDescriptor(spec, pixels(4))).toThrow(/bert_embeddings expects int64 input_ids/);
    const ids = (n: number) => [
      { name: 'input_ids', dtype: 'int64' as const, shape: [n] },
      { name: 'attention_mask', dtype: 'int64' as const, shape: [n] },
    ];
    expect(() => blockDescriptor(spec, ids(9))).toThrow(/length 9 exceeds max positions 8/);
    expect(blockDescriptor(spec, ids(8)).outputs.map((o) => o.name)).toEqual(['hidden', 'mask_bias']);
  });
  it('bert_encoder_block needs the mask bias next to the hidden states', () => {
    const spec = {
      kind: 'bert_encoder_block',
      attrs: { hidden: 4, heads: 2, intermediate: 8, eps: 1e-12 },
      sourcePrefix: '',
      label: '',
    };
    expect(() => blockDescriptor(spec, [{ name: 'hidden', dtype: 'float32', shape: [3, 4] }])).toThrow(
      /bert_encoder_block expects input 1/,
    );
  });
  it('every transformer kind is registered in the catalog', () => {
    for (const k of [
      'vit_process_input',
      'vit_pos_embedding',
      'vit_encoder_block',
      'layer_norm',
      'cls_token',
      'bert_embeddings',
      'bert_encoder_block',
      'bert_pooler',
    ]) {
      expect(blockKind(k).name).toBe(k);
    }
  });
});
