import onnxProto from 'onnx-proto';
import type { DType, HostTensor } from '@alsatian/core';

const { onnx } = onnxProto;

/** The ONNX opset our lowerings target (LayerNormalization needs 17). */
export const OPSET = 17;

export type AttrValue =
  number | number[] | string | { readonly float: number } | { readonly floats: number[] } | HostTensor;

const DATA_TYPE: Record<DType, number> = {
  float32: onnx.TensorProto.DataType.FLOAT,
  int64: onnx.TensorProto.DataType.INT64,
};

/** A symbolic or fixed dimension of a graph input or output. */
export type Dim = number | string;

/** Memory an ONNX model's external initializers point into: `path` is the name the model uses for `data`. */
export interface ExternalWeights {
  readonly path: string;
  readonly data: Uint8Array;
}

export interface GraphBuilderOptions {
  /**
   * Initializers of at least this many bytes are not copied into the protobuf: they are external data that points
   * into the memory already holding them (`externalWeights()`), and the runtime reads them from there. Default:
   * Infinity (every weight is copied in, the model is self-contained).
   */
  readonly externalFromBytes?: number;
}

/**
 * Builds one ONNX graph in code. Lowerings call `node(...)` and get fresh, unique value names back, so block
 * lowerings compose without name clashes; weights become initializers. `toBytes()` serialises a ModelProto.
 */
export class GraphBuilder {
  private readonly nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  private readonly initializers: InstanceType<typeof onnx.TensorProto>[] = [];
  private readonly inputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  private readonly outputs: InstanceType<typeof onnx.ValueInfoProto>[] = [];
  private readonly used = new Set<string>();
  /** One external "file" per distinct buffer: tensors viewing one block file's buffer share an entry. */
  private readonly external = new Map<ArrayBufferLike, ExternalWeights>();
  private readonly externalFromBytes: number;
  private counter = 0;

  constructor(options: GraphBuilderOptions = {}) {
    this.externalFromBytes = options.externalFromBytes ?? Number.POSITIVE_INFINITY;
  }

  /** A name not used before in this graph, derived from `hint`. */
  fresh(hint: string): string {
    let name = hint;
    while (this.used.has(name)) name = `${hint}_${++this.counter}`;
    this.used.add(name);
    return name;
  }

  input(name: string, dtype: DType, shape: readonly Dim[]): string {
    const unique = this.fresh(name);
    this.inputs.push(valueInfo(unique, dtype, shape));
    return unique;
  }

  /** Declares `value` as a graph output named `name` (an Identity node renames it when needed). */
  output(value: string, name: string, dtype: DType, shape: readonly Dim[]): string {
    let out = value;
    if (value !== name) {
      out = this.fresh(name);
      this.nodes.push(
        onnx.NodeProto.create({
          opType: 'Identity',
          input: [value],
          output: [out],
          name: this.fresh(`Identity_${name}`),
        }),
      );
    }
    this.outputs.push(valueInfo(out, dtype, shape));
    return out;
  }

  /** Adds a weight (or any constant tensor) as an initializer and returns its value name. */
  initializer(name: string, tensor: Pick<HostTensor, 'dtype' | 'shape' | 'data'>): string {
    const unique = this.fresh(name);
    const { buffer, byteOffset, byteLength } = tensor.data;
    const proto = { name: unique, dims: [...tensor.shape], dataType: DATA_TYPE[tensor.dtype] };
    if (byteLength >= this.externalFromBytes) {
      let file = this.external.get(buffer);
      if (!file) {
        file = { path: `weights_${this.external.size}`, data: new Uint8Array(buffer) };
        this.external.set(buffer, file);
      }
      const externalData = [
        { key: 'location', value: file.path },
        { key: 'offset', value: String(byteOffset) },
        { key: 'length', value: String(byteLength) },
      ];
      this.initializers.push(
        onnx.TensorProto.create({ ...proto, dataLocation: onnx.TensorProto.DataLocation.EXTERNAL, externalData }),
      );
    } else {
      this.initializers.push(
        onnx.TensorProto.create({ ...proto, rawData: new Uint8Array(buffer, byteOffset, byteLength) }),
      );
    }
    return unique;
  }

  /** The memory the model's external initializers point into (empty unless `externalFromBytes` was set). */
  externalWeights(): ExternalWeights[] {
    return [...this.external.values()];
  }

  /** A small int64 constant (shapes, axes, indices). */
  ints(name: string, values: readonly number[]): string {
    return this.initializer(name, {
      dtype: 'int64',
      shape: [values.length],
      data: BigInt64Array.from(values.map((v) => BigInt(v))),
    });
  }

  /** A float32 scalar or vector constant. */
  floats(
    name: string,
    values: readonly number[],
    shape: readonly number[] = values.length === 1 ? [] : [values.length],
  ): string {
    return this.initializer(name, { dtype: 'float32', shape, data: Float32Array.from(values) });
  }

  /** Adds a node; returns the names of its `outputs` fresh output values. */
  node(opType: string, inputs: readonly string[], attrs: Record<string, AttrValue> = {}, outputs = 1): string[] {
    const outNames = Array.from({ length: outputs }, (_, i) =>
      this.fresh(`${opType}_${this.nodes.length}${outputs > 1 ? `_${i}` : ''}`),
    );
    this.nodes.push(
      onnx.NodeProto.create({
        opType,
        input: [...inputs],
        output: outNames,
        name: this.fresh(`${opType}_node_${this.nodes.length}`),
        attribute: Object.entries(attrs).map(([k, v]) => attribute(k, v)),
      }),
    );
    return outNames;
  }

  /** Single-output shorthand for `node`. */
  op(opType: string, inputs: readonly string[], attrs: Record<string, AttrValue> = {}): string {
    return this.node(opType, inputs, attrs, 1)[0];
  }

  toBytes(graphName = 'alsatian_unit'): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'alsatian-ts',
      opsetImport: [{ domain: '', version: OPSET }],
      graph: onnx.GraphProto.create({
        name: graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: this.inputs,
        output: this.outputs,
      }),
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

function valueInfo(name: string, dtype: DType, shape: readonly Dim[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType: DATA_TYPE[dtype],
        shape: { dim: shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  });
}

function attribute(name: string, value: AttrValue) {
  const T = onnx.AttributeProto.AttributeType;
  if (typeof value === 'number') {
    if (!Number.isInteger(value))
      throw new TypeError(`attribute '${name}': ${value} is not an integer; use { float: x }`);
    return onnx.AttributeProto.create({ name, type: T.INT, i: value });
  }
  if (typeof value === 'string')
    return onnx.AttributeProto.create({ name, type: T.STRING, s: new TextEncoder().encode(value) });
  if (Array.isArray(value)) return onnx.AttributeProto.create({ name, type: T.INTS, ints: value });
  if ('float' in value) return onnx.AttributeProto.create({ name, type: T.FLOAT, f: value.float });
  if ('floats' in value) return onnx.AttributeProto.create({ name, type: T.FLOATS, floats: value.floats });
  const t = value as HostTensor;
  const bytes = new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength);
  return onnx.AttributeProto.create({
    name,
    type: T.TENSOR,
    t: onnx.TensorProto.create({ dims: [...t.shape], dataType: DATA_TYPE[t.dtype], rawData: bytes }),
  });
}
