/** Fuzzes the ONNX importer: forged graphs (protobuf-valid, semantically hostile) and damaged model bytes. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BadInputError, float32Tensor } from '@alsatian/core';
import { GraphBuilder } from '@alsatian/models';
import { damaged, fuzz, fuzzRuns, parsesOrRejects } from '@alsatian/core/testing';
import { onnxToBlocks } from '../src/index.ts';
import { onnx } from '../src/import/onnx/proto.ts';

const RUNS = fuzzRuns(300);
const SOURCE = 'fuzzed.onnx';

function validModel(): Uint8Array {
  const g = new GraphBuilder();
  const x = g.input('x', 'float32', ['batch', 2, 4, 4]);
  const conv = g.op('Conv', [x, g.initializer('w', float32Tensor([3, 2, 3, 3], new Float32Array(54).fill(0.1)))], {
    kernel_shape: [3, 3],
    pads: [1, 1, 1, 1],
  });
  const pooled = g.op('GlobalAveragePool', [g.op('Relu', [conv])]);
  g.output(g.op('Flatten', [pooled]), 'y', 'float32', ['batch', 3]);
  return g.toBytes('net');
}

const names = fc.constantFrom('x', 'y', 'w', 'b', 't0', 't1', '', 'x');
const dim = fc.oneof(fc.nat(5), fc.integer({ min: -3, max: -1 }), fc.constantFrom(2 ** 31, 2 ** 40));
const OPS = [
  'Conv',
  'Relu',
  'Add',
  'MatMul',
  'Gemm',
  'Flatten',
  'MaxPool',
  'GlobalAveragePool',
  'Softmax',
  'Constant',
  'Loop',
  'Reshape',
  '',
];

const attribute = fc.oneof(
  fc.record({
    name: fc.constantFrom('kernel_shape', 'strides', 'pads', 'dilations'),
    type: fc.constant(7),
    ints: fc.array(dim, { maxLength: 5 }),
  }),
  fc.record({
    name: fc.constantFrom('axis', 'transA', 'transB', 'ceil_mode'),
    type: fc.constant(2),
    i: fc.integer({ min: -4, max: 4 }),
  }),
  fc.record({ name: fc.constantFrom('auto_pad', 'x'), type: fc.constant(3), s: fc.uint8Array({ maxLength: 8 }) }),
  fc.record({ name: fc.constant('g'), type: fc.integer({ min: 0, max: 14 }) }),
);

const tensor = fc.record({
  name: names,
  dims: fc.array(dim, { maxLength: 4 }),
  dataType: fc.constantFrom(1, 7, 2, 0, 16),
  rawData: fc.option(fc.uint8Array({ maxLength: 64 }), { nil: undefined }),
  floatData: fc.array(fc.float({ noNaN: false }), { maxLength: 8 }),
  int64Data: fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 4 }),
});

/** Half the inputs are well-typed, so many graphs get past the input checks into shape inference and cutting. */
const goodInput = fc.constant({
  name: 'x',
  type: {
    tensorType: { elemType: 1, shape: { dim: [{ dimValue: 1 }, { dimValue: 2 }, { dimValue: 4 }, { dimValue: 4 }] } },
  },
});
const goodWeight = fc.constant({ name: 'w', dims: [3, 2, 3, 3], dataType: 1, floatData: new Array(54).fill(0.5) });
const valueInfo = fc.record({
  name: names,
  type: fc.option(
    fc.record({
      tensorType: fc.record({
        elemType: fc.constantFrom(1, 7, 0, 11),
        shape: fc.record({ dim: fc.array(fc.record({ dimValue: dim }), { maxLength: 4 }) }),
      }),
    }),
    { nil: undefined },
  ),
});

const node = fc.record({
  opType: fc.constantFrom(...OPS),
  input: fc.array(names, { maxLength: 3 }),
  output: fc.array(names, { maxLength: 2 }),
  attribute: fc.array(attribute, { maxLength: 3 }),
});

/**
 * Graphs wired like real ones (each node reads earlier tensors, the last one writes 'y'), with hostile ops and
 * attributes.
 */
const wired = fc
  .tuple(
    fc.array(
      fc.tuple(fc.constantFrom(...OPS.slice(0, 9)), fc.nat(), fc.boolean(), fc.array(attribute, { maxLength: 2 })),
      { minLength: 1, maxLength: 6 },
    ),
    fc.array(fc.oneof(goodWeight, tensor), { maxLength: 2 }),
  )
  .map(([steps, initializer]) => {
    const node = steps.map(([opType, pick, withWeight, attribute], i) => {
      const earlier = ['x', ...steps.slice(0, i).map((_, k) => `t${k}`)];
      return {
        opType,
        input: [earlier[pick % earlier.length], ...(withWeight ? ['w'] : [])],
        output: [i === steps.length - 1 ? 'y' : `t${i}`],
        attribute,
      };
    });
    const graph = {
      name: 'wired',
      node,
      initializer,
      input: [
        {
          name: 'x',
          type: {
            tensorType: {
              elemType: 1,
              shape: { dim: [{ dimValue: 1 }, { dimValue: 2 }, { dimValue: 4 }, { dimValue: 4 }] },
            },
          },
        },
      ],
      output: [{ name: 'y' }],
    };
    return onnx.ModelProto.encode(onnx.ModelProto.create({ irVersion: 8, graph } as never)).finish();
  });

const forged = fc
  .record({
    name: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('../../x', 'a\u0000b', 'x'.repeat(300))),
    node: fc.array(node, { maxLength: 6 }),
    initializer: fc.array(fc.oneof(goodWeight, tensor), { maxLength: 3 }),
    input: fc.oneof(fc.tuple(goodInput), fc.array(valueInfo, { maxLength: 3 })),
    output: fc.array(valueInfo, { maxLength: 2 }),
  })
  .map((graph) => onnx.ModelProto.encode(onnx.ModelProto.create({ irVersion: 8, graph } as never)).finish());

let accepted = 0;

async function check(bytes: Uint8Array): Promise<void> {
  const imported = await parsesOrRejects(SOURCE, () => onnxToBlocks(bytes, SOURCE));
  if (!imported) return;
  accepted++;
  // Each weight is decoded once (blocks share it). A packed int64 varint can be 1 byte in the file and 8 in memory,
  // so the bound is 8x the file, never more.
  const weights = new Set(imported.blocks.flatMap((b) => [...b.weights.values()]));
  expect([...weights].reduce((s, t) => s + t.data.byteLength, 0)).toBeLessThanOrEqual(8 * bytes.length);
}

describe('fuzz: ONNX importer', () => {
  it(`forged graphs: odd ops, dims, data types, attributes, names (${RUNS} cases)`, async () => {
    accepted = 0;
    await fuzz('onnx forged graphs', RUNS, fc.asyncProperty(fc.oneof(forged, wired), check));
    console.log(`fuzz onnx forged graphs: ${accepted} imported, the rest rejected with a BadInputError`);
  });

  it(`damaged valid models: truncated, flipped, spliced (${RUNS} cases)`, async () => {
    await fuzz('onnx damaged models', RUNS, fc.asyncProperty(damaged(validModel()), check));
  });

  it('the valid model imports', () => {
    expect(onnxToBlocks(validModel(), SOURCE).featureDim).toBe(3);
    expect(() => onnxToBlocks(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]), SOURCE)).toThrow(BadInputError);
  });
});
