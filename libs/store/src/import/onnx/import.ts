/**
 * Imports any ONNX model with one input and one output as a chain of `onnx_subgraph` blocks, cut at its
 * single-tensor cut points (cut.ts), with static shapes inferred per block (shapes.ts). The blocks lowered in a
 * chain compute what the original graph computes.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Block, DType, HostTensor, ModelManifest, TensorSpec } from '@alsatian/core';
import { BadInputError, numel, printable } from '@alsatian/core';
import type { OnnxNodeJson, OnnxSubgraphAttrs } from '@alsatian/models';
import type { ModelStore } from '../../store.ts';
import { splitAtCuts } from './cut.ts';
import type { ModelProto } from './proto.ts';
import { decodeAttribute, decodeTensor, num, onnx } from './proto.ts';
import { inferShape } from './shapes.ts';

const DTYPES: Record<number, DType> = { 1: 'float32', 7: 'int64' };

export interface OnnxImport {
  readonly architecture: string;
  readonly blocks: Block[];
  readonly featureDim: number;
  readonly params: number;
}

/** Parses ONNX bytes into blocks; `source` names the file in errors. */
export function onnxToBlocks(bytes: Uint8Array, source: string): OnnxImport {
  let model: ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new BadInputError(`${source}: not an ONNX model (${(error as Error).message}).`, { cause: error });
  }
  const graph = model.graph;
  if (!graph) throw new BadInputError(`${source}: the ONNX model has no graph.`);
  const weights = new Map<string, HostTensor>((graph.initializer ?? []).map((t) => [t.name!, decodeTensor(t, source)]));
  const inputs = (graph.input ?? []).filter((i) => !weights.has(i.name!));
  if (inputs.length !== 1 || (graph.output ?? []).length !== 1)
    throw new BadInputError(
      `${source}: the graph has ${inputs.length} inputs and ${(graph.output ?? []).length} outputs; only ` +
        `single-input, single-output models can be cut into a chain.`,
    );
  const input = inputs[0];
  const output = graph.output![0].name!;
  const tensorType = input.type?.tensorType;
  const inputDtype = DTYPES[tensorType?.elemType ?? 0];
  const dims = (tensorType?.shape?.dim ?? []).map((d) =>
    d.dimValue !== undefined && d.dimValue !== null && num(d.dimValue) > 0 ? num(d.dimValue) : undefined,
  );
  if (!inputDtype || dims.length < 1 || dims.slice(1).some((d) => d === undefined))
    throw new BadInputError(
      `${source}: input '${input.name}' needs a float32/int64 type and a static shape after the batch dimension.`,
    );
  const nodes: OnnxNodeJson[] = (graph.node ?? []).map((n) => ({
    op: n.opType!,
    inputs: [...(n.input ?? [])],
    outputs: [...(n.output ?? [])],
    attrs: (n.attribute ?? []).map((a) => decodeAttribute(a, source)),
  }));
  if (nodes.some((n) => n.op === 'Constant'))
    throw new BadInputError(`${source}: Constant nodes are not supported; fold them into initializers.`);
  const unnamed = nodes.findIndex((n) => !n.outputs[0]);
  if (unnamed >= 0)
    throw new BadInputError(`${source}: node ${unnamed} (${printable(nodes[unnamed].op)}) has no output name.`);

  const shapes = new Map<string, readonly number[]>([[input.name!, [1, ...(dims.slice(1) as number[])]]]);
  for (const [name, t] of weights) shapes.set(name, t.shape);
  for (const n of nodes) {
    if (!n.inputs.some((v) => v !== '' && !weights.has(v))) continue;
    shapes.set(
      n.outputs[0],
      inferShape(n, (v) => shapes.get(v), source),
    );
  }
  if (!shapes.has(output) || output === input.name)
    throw new BadInputError(
      `${source}: the graph output '${printable(output)}' is not computed by any node from the input '` +
        `${printable(input.name ?? '')}'.`,
    );
  const dtypeOf = (name: string): DType => (name === input.name ? inputDtype : 'float32');

  let prev: TensorSpec[] = [{ name: input.name!, dtype: inputDtype, shape: dims.slice(1) as number[] }];
  const blocks = splitAtCuts(nodes, input.name!, output).map((segment) => {
    const used = [...new Set(segment.nodes.flatMap((n) => n.inputs).filter((v) => weights.has(v)))];
    const attrs: OnnxSubgraphAttrs = {
      input: segment.input,
      output: segment.output,
      nodes: segment.nodes,
      weights: used.map((name) => ({ name, dtype: weights.get(name)!.dtype, shape: [...weights.get(name)!.shape] })),
      outputDtype: dtypeOf(segment.output),
      outputShape: shapes.get(segment.output)!.slice(1),
    };
    const descriptor = {
      kind: 'onnx_subgraph',
      attrs,
      inputs: prev,
      outputs: [{ name: segment.output, dtype: attrs.outputDtype, shape: attrs.outputShape }],
    };
    prev = descriptor.outputs;
    return { descriptor, weights: new Map(used.map((name) => [name, weights.get(name)!])) } satisfies Block;
  });
  const params = [...weights.values()].filter((t) => t.dtype === 'float32').reduce((s, t) => s + numel(t.shape), 0);
  // The graph name comes from the file: escaped and cut, since it becomes part of the model id.
  return {
    architecture: `onnx:${printable(graph.name || basename(source)).slice(0, 64)}`,
    blocks,
    featureDim: numel(prev[0].shape),
    params,
  };
}

export async function importOnnxModel(
  store: ModelStore,
  file: string,
  options: { name?: string } = {},
): Promise<ModelManifest> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new BadInputError(`Cannot read ONNX file ${file}: ${(error as Error).message}`, { cause: error });
  }
  const imported = onnxToBlocks(bytes, file);
  return store.putModel(
    {
      id: options.name,
      architecture: imported.architecture,
      featureDim: imported.featureDim,
      params: imported.params,
      source: 'onnx',
      metadata: { importedFrom: basename(file) },
    },
    imported.blocks,
  );
}
