import { Rng, sha256Hex, type FeatureBatch } from '@alsatian/core';

/** Parameters of a Linear(dim, classes) layer in torch layout: weight `classes x dim` row-major, then bias. */
export interface LinearParams {
  readonly weight: Float32Array;
  readonly bias: Float32Array;
}

/**
 * torch.nn.Linear's default initialisation: kaiming_uniform_(a = sqrt(5)) gives the weight U(-b, b) with
 * b = sqrt(1/3) * sqrt(3 / dim) = 1 / sqrt(dim), and the bias is U(-1/sqrt(dim), 1/sqrt(dim)). Weight first,
 * row-major, then bias, all from `rng`.
 */
export function initLinear(dim: number, classes: number, rng: Rng): LinearParams {
  const bound = 1 / Math.sqrt(dim);
  const weight = rng.fillUniform(new Float32Array(classes * dim), -bound, bound);
  const bias = rng.fillUniform(new Float32Array(classes), -bound, bound);
  return { weight, bias };
}

/**
 * The generator for the probe's initial weights. Deterministic mode (the original's DETERMINISTIC_EXECUTION,
 * which reseeds torch with 42 before every proxy) gives every model the same start for the same (dim, classes):
 * that is what makes SHiFT and Alsatian score identically. Otherwise each model gets its own start, keyed by a
 * fingerprint of its first train batch, so the choice is still reproducible run to run.
 */
export function linearInitRng(
  seed: number,
  dim: number,
  classes: number,
  deterministic: boolean,
  firstBatch: FeatureBatch,
): Rng {
  if (deterministic) return Rng.derive(seed, 'linear-proxy', dim, classes);
  const head = firstBatch.features.subarray(0, Math.min(firstBatch.features.length, 4096));
  const fingerprint = sha256Hex(new Uint8Array(head.buffer, head.byteOffset, head.byteLength)).slice(0, 16);
  return Rng.derive(seed, 'linear-proxy', dim, classes, fingerprint);
}
