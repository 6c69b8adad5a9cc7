import { Rng, type FeatureBatch } from '@alsatian/core';

/**
 * ReLU-like synthetic features (non-negative, class-dependent means, like pooled CNN outputs) in batches of
 * `batch` rows, seeded by `tag`. Centres are shared across tags so train and test sets describe the same task.
 */
export function benchFeatures(count: number, dim: number, classes: number, batch: number, tag: string): FeatureBatch[] {
  const centres = Rng.derive(1, 'bench-centres', dim).fillNormal(new Float32Array(classes * dim), 0, 0.1);
  const rng = Rng.derive(1, tag, dim);
  const batches: FeatureBatch[] = [];
  for (let start = 0; start < count; start += batch) {
    const rows = Math.min(batch, count - start);
    const x = new Float32Array(rows * dim);
    const labels = new Int32Array(rows);
    for (let r = 0; r < rows; r++) {
      labels[r] = rng.int(classes);
      for (let d = 0; d < dim; d++) x[r * dim + d] = Math.max(0, centres[labels[r] * dim + d] + rng.normal());
    }
    batches.push({ rows, dim, features: x, labels });
  }
  return batches;
}

/** Wall and CPU seconds of `run` (CPU: this process, all threads; the machine is shared, so both are shown). */
export async function measure<T>(
  run: () => T | Promise<T>,
): Promise<{ seconds: number; cpuSeconds: number; value: T }> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const value = await run();
  const used = process.cpuUsage(cpu);
  return { seconds: (performance.now() - wall) / 1000, cpuSeconds: (used.user + used.system) / 1e6, value };
}
