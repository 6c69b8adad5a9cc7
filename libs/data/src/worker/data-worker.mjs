// Piscina worker entry: runs one data task and hands pixel buffers back without a copy.
// Plain JavaScript because worker threads do not get the TypeScript loader.
import { move, transferableSymbol, valueSymbol } from 'piscina';
import sharp from 'sharp';
import { runDataTask } from './data-tasks.mjs';

// Parallelism comes from the pool's threads; one libvips thread each avoids oversubscribing the cores.
sharp.concurrency(1);

export default async function handle(task) {
  const result = await runDataTask(task);
  if (result instanceof Float32Array) return move(result);
  // A batch result: the filled batch tensor goes back by transfer, the failure list by copy.
  if (task.kind === 'images') return move({ [transferableSymbol]: [result.out.buffer], [valueSymbol]: result });
  return result;
}
