/** A prepared unit around an ORT session: checks each batch against the unit's specs and converts tensors. */
import type { Block, HostTensor, TensorSpec } from '@alsatian/core';
import { InvalidArgumentError } from '@alsatian/core';
import type { InferenceSession } from 'onnxruntime-node';
import { runInSlices } from './batch-slices.ts';
import type { OrtPreparedUnit, PrepareTimings } from './ort-engine.ts';
import { checkBatch, fromOrt, toOrt } from './tensors.ts';

export function wrapSession(
  session: InferenceSession,
  blocks: readonly Block[],
  label: string,
  timings: PrepareTimings,
  onDispose: () => Promise<void>,
  sliceItems = Number.POSITIVE_INFINITY,
): OrtPreparedUnit {
  const inputs: readonly TensorSpec[] = blocks[0].descriptor.inputs;
  const outputs: readonly TensorSpec[] = blocks[blocks.length - 1].descriptor.outputs;
  const weightBytes = blocks.reduce(
    (s, b) => s + [...b.weights.values()].reduce((t, w) => t + w.data.byteLength, 0),
    0,
  );
  const inputNames = session.inputNames;
  const outputNames = session.outputNames;
  let disposed = false;
  return {
    label,
    inputs,
    outputs,
    weightBytes,
    timings,
    reused: timings.source === 'reused',
    // A compiled unit runs from its own file; a direct session may keep pointing into the weights it was given.
    borrowsWeights: timings.source === 'direct',
    async run(batch: readonly HostTensor[]): Promise<HostTensor[]> {
      if (disposed) throw new InvalidArgumentError(`Unit '${label}' was disposed and cannot run.`);
      const items = checkBatch(label, inputs, batch);
      return runInSlices(batch, items, sliceItems, async (slice) => {
        const feeds = Object.fromEntries(inputNames.map((name, i) => [name, toOrt(slice[i])]));
        const result = await session.run(feeds);
        return outputNames.map((name) => fromOrt(result[name] as never, name));
      });
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      await session.release();
      await onDispose();
    },
  };
}
