/** Every user-facing message of the proxies lib, so tests can assert them and wording stays consistent. */
import type { Split } from '@alsatian/core';

export const messages = {
  noBatches: (proxy: string, part: Split) =>
    `Proxy '${proxy}': the ${part} set has no items; give at least one ${part} batch with rows > 0.`,
  badBatchShape: (proxy: string, part: string, index: number, rows: number, dim: number, length: number) =>
    `Proxy '${proxy}': ${part} batch ${index} claims ${rows} x ${dim} features but holds ${length} numbers; ` +
    `features must be rows * dim long.`,
  badLabelCount: (proxy: string, part: string, index: number, rows: number, labels: number) =>
    `Proxy '${proxy}': ${part} batch ${index} has ${rows} rows but ${labels} labels; give one label per row.`,
  dimMismatch: (proxy: string, part: string, index: number, dim: number, expected: number) =>
    `Proxy '${proxy}': ${part} batch ${index} has feature dimension ${dim}, expected ${expected} ` +
    `(the dimension of the first train batch); all batches must come from the same model.`,
  labelOutOfRange: (proxy: string, part: string, index: number, label: number, numClasses: number) =>
    `Proxy '${proxy}': ${part} batch ${index} has label ${label}; labels must be integers in [0, ${numClasses - 1}] ` +
    `(numClasses = ${numClasses}).`,
  badNumClasses: (proxy: string, numClasses: number) =>
    `Proxy '${proxy}': numClasses is ${numClasses}; it must be an integer >= 1.`,
  badOption: (proxy: string, option: string, value: unknown, valid: string) =>
    `Proxy '${proxy}': option '${option}' is ${JSON.stringify(value)}; ${valid}.`,
  unknownOption: (proxy: string, option: string, known: readonly string[]) =>
    `Proxy '${proxy}': unknown option '${option}'. Known options: ${known.length > 0 ? known.join(', ') : '(none)'}.`,
  backendUnavailable: (proxy: string, backend: string) =>
    `Proxy '${proxy}': backend '${backend}' is unavailable here (no WebAssembly SIMD, or the features need more ` +
    `than 3.5 GiB of wasm memory); use backend 'auto' or 'ts'.`,
} as const;
