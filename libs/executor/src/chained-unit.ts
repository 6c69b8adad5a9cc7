import type { HostTensor, PreparedUnit } from '@alsatian/core';

/** Several prepared sessions run back to back as one unit (the output of each feeds the next). */
export function chainUnits(parts: readonly PreparedUnit[]): PreparedUnit {
  const first = parts[0];
  const last = parts[parts.length - 1];
  return {
    label: parts.map((p) => p.label).join('+'),
    inputs: first.inputs,
    outputs: last.outputs,
    weightBytes: parts.reduce((s, p) => s + p.weightBytes, 0),
    async run(inputs: readonly HostTensor[]) {
      let values = inputs;
      for (const part of parts) values = await part.run(values);
      return [...values];
    },
    async dispose() {
      await Promise.all(parts.map((p) => p.dispose()));
    },
  };
}
