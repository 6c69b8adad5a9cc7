/** Conversions between the core's HostTensor and ORT tensors, and the checks a batch must pass before a run. */
import type { HostTensor, TensorSpec } from '@alsatian/core';
import { InvalidArgumentError } from '@alsatian/core';
import { Tensor } from 'onnxruntime-node';

const fmt = (shape: readonly number[]) => `[${shape.join(', ')}]`;

/**
 * Checks that `inputs` match the unit's per-item specs: same count and order, same dtype, a leading batch
 * dimension (equal across inputs) followed by the spec's shape. Returns the batch size. Messages lead with what
 * is wrong with the data; the unit label (an internal name) comes last, as detail for a bug report.
 */
export function checkBatch(label: string, specs: readonly TensorSpec[], inputs: readonly HostTensor[]): number {
  const unit = ` (engine unit '${label}')`;
  if (inputs.length !== specs.length) {
    throw new InvalidArgumentError(
      `The model takes ${specs.length} input(s) (${specs.map((s) => s.name).join(', ')}), got ${inputs.length}${unit}.`,
    );
  }
  let batch = -1;
  specs.forEach((spec, i) => {
    const t = inputs[i];
    const expected = `${spec.dtype} [batch, ${spec.shape.join(', ')}]`;
    if (
      t.dtype !== spec.dtype ||
      t.shape.length !== spec.shape.length + 1 ||
      spec.shape.some((d, k) => t.shape[k + 1] !== d)
    ) {
      throw new InvalidArgumentError(
        `Model input ${i} ('${spec.name}') must be ${expected}, got ${t.dtype} ${fmt(t.shape)}: the dataset ` +
          `does not produce what the model takes${unit}.`,
      );
    }
    if (t.shape[0] < 1) throw new InvalidArgumentError(`Model input ${i} ('${spec.name}') has an empty batch${unit}.`);
    if (batch >= 0 && t.shape[0] !== batch)
      throw new InvalidArgumentError(
        `Model inputs disagree on the batch size: ${batch} and ${t.shape[0]} (input ${i})${unit}.`,
      );
    batch = t.shape[0];
  });
  return batch;
}

export function toOrt(t: HostTensor): Tensor {
  return t.dtype === 'float32'
    ? new Tensor('float32', t.data as Float32Array, [...t.shape])
    : new Tensor('int64', t.data as BigInt64Array, [...t.shape]);
}

export function fromOrt(t: Tensor, name: string): HostTensor {
  const shape = t.dims.map(Number);
  if (t.type === 'float32') return { dtype: 'float32', shape, data: t.data as Float32Array };
  if (t.type === 'int64') return { dtype: 'int64', shape, data: t.data as BigInt64Array };
  throw new TypeError(`output '${name}' has ORT type ${t.type}; units only produce float32 or int64`);
}
