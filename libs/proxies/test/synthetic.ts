import { Rng, type FeatureBatch } from '@alsatian/core';

/**
 * Seeded synthetic features split into batches: class c sits at a random centre scaled by `separation`, plus
 * unit Gaussian noise. `randomLabels` relabels every item uniformly at random (nothing to learn).
 */
export function syntheticBatches(opts: {
  seed: number;
  dim: number;
  classes: number;
  batchSizes: readonly number[];
  separation: number;
  randomLabels?: boolean;
  tag: string;
}): FeatureBatch[] {
  const centres = Rng.derive(opts.seed, 'centres').fillNormal(
    new Float32Array(opts.classes * opts.dim),
    0,
    opts.separation,
  );
  const rng = Rng.derive(opts.seed, opts.tag);
  return opts.batchSizes.map((rows) => {
    const features = new Float32Array(rows * opts.dim);
    const labels = new Int32Array(rows);
    for (let r = 0; r < rows; r++) {
      const c = rng.int(opts.classes);
      for (let d = 0; d < opts.dim; d++) features[r * opts.dim + d] = centres[c * opts.dim + d] + rng.normal();
      labels[r] = opts.randomLabels ? rng.int(opts.classes) : c;
    }
    return { rows, dim: opts.dim, features, labels };
  });
}
