/**
 * Makespan of independent jobs on `workers` identical workers, scheduled longest first onto the least loaded
 * worker (LPT, within 4/3 of optimal). BullMQ hands jobs to whichever worker asks first, which behaves like
 * list scheduling; LPT is the same with the coordinator enqueueing the longest jobs first, which it does.
 */
export function lptMakespan(costs: readonly number[], workers: number): number {
  if (costs.length === 0) return 0;
  const loads = new Array<number>(Math.max(1, Math.min(workers, costs.length))).fill(0);
  for (const cost of [...costs].sort((a, b) => b - a)) {
    let least = 0;
    for (let w = 1; w < loads.length; w++) if (loads[w] < loads[least]) least = w;
    loads[least] += cost;
  }
  return Math.max(...loads);
}
