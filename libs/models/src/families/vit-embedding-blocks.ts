/**
 * ViT's input-side blocks, as the reference's sequential ViT has them: VTProcessInput (conv patchify, flatten
 * patches to tokens, prepend the class token) and AddPosEmbedding. Local weight names are torchvision 0.14's
 * state-dict keys with an empty sourcePrefix (`conv_proj.weight`, `class_token`, `encoder.pos_embedding`).
 */
import type { JsonObject } from '@alsatian/core';
import { defineBlockKind } from '../blocks/kind.ts';
import { conv } from '../blocks/ops.ts';
import { spec } from '../blocks/shapes.ts';
import { expectFloat } from '../blocks/transformer-ops.ts';

type ProcessInputA = { patch: number; hidden: number } & JsonObject;

function patchGrid(inputs: Parameters<typeof expectFloat>[0], patch: number): { channels: number; patches: number } {
  const [channels, h, w] = expectFloat(inputs, 0, 3, 'vit_process_input').shape;
  if (h % patch !== 0 || w % patch !== 0)
    throw new RangeError(`vit_process_input: image ${h}x${w} is not divisible by patch size ${patch}`);
  return { channels, patches: (h / patch) * (w / patch) };
}

/** [3,H,W] pixels -> [1 + (H/p)(W/p), E] tokens, class token first (torchvision's _process_input + cat). */
export const VitProcessInput = defineBlockKind<ProcessInputA>({
  name: 'vit_process_input',
  outputs(inputs, a) {
    return [spec([patchGrid(inputs, a.patch).patches + 1, a.hidden])];
  },
  weights(inputs, a) {
    const { channels } = patchGrid(inputs, a.patch);
    const fanIn = channels * a.patch * a.patch;
    // torchvision: trunc_normal_(std=sqrt(1/fan_in)) with its default absolute bounds [-2, 2]; bias zeros.
    const std = Math.sqrt(1 / fanIn);
    return [
      {
        name: 'conv_proj.weight',
        shape: [a.hidden, channels, a.patch, a.patch],
        role: 'parameter',
        init: { kind: 'truncNormal', mean: 0, std, low: -2, high: 2 },
      },
      { name: 'conv_proj.bias', shape: [a.hidden], role: 'parameter', init: { kind: 'zeros' } },
      { name: 'class_token', shape: [1, 1, a.hidden], role: 'parameter', init: { kind: 'zeros' } },
    ];
  },
  flops(inputs, a) {
    const { channels, patches } = patchGrid(inputs, a.patch);
    return 2 * patches * a.hidden * channels * a.patch * a.patch;
  },
  lower(g, [x], a, w) {
    const patches = conv(g, x, w, 'conv_proj.', { kernel: a.patch, stride: a.patch, padding: 0, bias: true });
    const flat = g.op('Reshape', [patches, g.ints('tokens_shape', [0, a.hidden, -1])]);
    const tokens = g.op('Transpose', [flat], { perm: [0, 2, 1] });
    // Broadcast the [1,1,E] class token to [B,1,E]; B comes from the input at run time.
    const batch = g.op('Shape', [x], { start: 0, end: 1 });
    const cls = g.op('Expand', [
      w('class_token'),
      g.op('Concat', [batch, g.ints('cls_tail', [1, a.hidden])], { axis: 0 }),
    ]);
    return [g.op('Concat', [cls, tokens], { axis: 1 })];
  },
});

/** Adds the learned [1,S,E] position embedding (torchvision's Encoder does this before its dropout). */
export const VitPosEmbedding = defineBlockKind<JsonObject>({
  name: 'vit_pos_embedding',
  outputs: (inputs) => [spec(expectFloat(inputs, 0, 2, 'vit_pos_embedding').shape)],
  weights(inputs) {
    const [seq, hidden] = expectFloat(inputs, 0, 2, 'vit_pos_embedding').shape;
    return [
      {
        name: 'encoder.pos_embedding',
        shape: [1, seq, hidden],
        role: 'parameter',
        init: { kind: 'normal', mean: 0, std: 0.02 },
      },
    ];
  },
  flops: (inputs) => inputs[0].shape[0] * inputs[0].shape[1],
  lower: (g, [x], _a, w) => [g.op('Add', [x, w('encoder.pos_embedding')])],
});
