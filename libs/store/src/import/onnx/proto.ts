/** Decoding of ONNX protobuf pieces (onnx-proto) into plain values: tensors, attributes, shapes. */
import onnxProto from 'onnx-proto';
import type { HostTensor } from '@alsatian/core';
import { BadInputError, float32Tensor, int64Tensor, numel, printable } from '@alsatian/core';
import type { OnnxAttrJson } from '@alsatian/models';

export const { onnx } = onnxProto;
export type ModelProto = ReturnType<typeof onnx.ModelProto.decode>;
export type NodeProto = InstanceType<typeof onnx.NodeProto>;
type TensorProto = NonNullable<Parameters<typeof onnx.TensorProto.create>[0]>;
type AttributeProto = NonNullable<Parameters<typeof onnx.AttributeProto.create>[0]>;

const FLOAT = 1;
const INT64 = 7;

/** protobufjs gives int64 fields as numbers or Long objects. */
export const num = (v: unknown): number => Number(typeof v === 'object' && v !== null ? String(v) : v);

/** A tensor's values, checked against its dims before anything is allocated (the file may lie about either). */
export function decodeTensor(t: TensorProto, source: string): HostTensor {
  const where = `${source}: tensor '${printable(t.name ?? '')}'`;
  const shape = (t.dims ?? []).map(num);
  if (!shape.every((d) => Number.isSafeInteger(d) && d >= 0))
    throw new BadInputError(`${where} has dims [${shape.join(', ')}]; dims must be non-negative integers.`);
  const n = numel(shape);
  const raw = t.rawData && t.rawData.length > 0 ? t.rawData : undefined;
  if (t.dataType === FLOAT || t.dataType === INT64) {
    const float = t.dataType === FLOAT;
    const values = raw ? raw.length / (float ? 4 : 8) : float ? (t.floatData ?? []).length : (t.int64Data ?? []).length;
    if (values !== n)
      throw new BadInputError(`${where} has shape [${shape.join(', ')}] (${n} values) but its data holds ${values}.`);
    if (float)
      return float32Tensor(
        shape,
        raw
          ? new Float32Array(Uint8Array.prototype.slice.call(raw).buffer, 0, n)
          : Float32Array.from(t.floatData ?? []),
      );
    return int64Tensor(
      shape,
      raw
        ? new BigInt64Array(Uint8Array.prototype.slice.call(raw).buffer, 0, n)
        : BigInt64Array.from((t.int64Data ?? []).map((v) => BigInt(String(v)))),
    );
  }
  if (t.externalData && t.externalData.length > 0)
    throw new BadInputError(`${where} keeps its data in an external file; save the model with all tensors inside.`);
  throw new BadInputError(`${where} has ONNX data type ${t.dataType}; supported: FLOAT (1), INT64 (7).`);
}

export function decodeAttribute(a: AttributeProto, source: string): OnnxAttrJson {
  const T = onnx.AttributeProto.AttributeType;
  const name = a.name ?? '';
  switch (a.type) {
    case T.INT:
      return { name, kind: 'int', value: num(a.i) };
    case T.FLOAT:
      return { name, kind: 'float', value: a.f ?? 0 };
    case T.STRING:
      return { name, kind: 'string', value: new TextDecoder().decode(a.s ?? new Uint8Array(0)) };
    case T.INTS:
      return { name, kind: 'ints', value: (a.ints ?? []).map(num) };
    case T.FLOATS:
      return { name, kind: 'floats', value: [...(a.floats ?? [])] };
    case T.TENSOR: {
      if (!a.t) throw new BadInputError(`${source}: tensor attribute '${printable(name)}' holds no tensor.`);
      const t = decodeTensor(a.t, source);
      return {
        name,
        kind: 'tensor',
        value: {
          dtype: t.dtype,
          shape: [...t.shape],
          data: Array.from(t.data as ArrayLike<number | bigint>, (v) => (typeof v === 'bigint' ? String(v) : v)),
        },
      };
    }
    default:
      throw new BadInputError(
        `${source}: attribute '${a.name}' has type ${a.type} (graphs and lists of strings or tensors are not ` +
          `supported).`,
      );
  }
}

export function attrOf(attrs: readonly OnnxAttrJson[], name: string): OnnxAttrJson['value'] | undefined {
  return attrs.find((a) => a.name === name)?.value;
}
