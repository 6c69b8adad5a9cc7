// Piscina worker entry: runs one data task and hands pixel buffers back without a copy.
// Plain JavaScript because worker threads do not get the TypeScript loader.
import { move, transferableSymbol, valueSymbol } from 'piscina';
import sharp from 'sharp';
import { runDataTask } from './data-tasks.mjs';

// These are process-wide libvips settings (worker threads share one libvips), so they also apply to the host.
// Parallelism comes from libuv's thread pool, where sharp runs each image; one libvips thread per image avoids
// oversubscribing the cores.
sharp.concurrency(1);
// libvips' operation cache keys on the input buffer, which is new for every item, so it never hits; it only holds up
// to 50 MB of decoded images. Off, 256 px items took ~10% less CPU per item (0.25-0.28x -> 0.27-0.31x torchvision's
// per-core rate, alternating runs on the shared 2-core machine); neutral at 448 px.
sharp.cache(false);

export default async function handle(task) {
  const result = await runDataTask(task);
  if (result instanceof Float32Array) return move(result);
  // A batch result: the filled batch tensor goes back by transfer, the failure list by copy.
  if (task.kind === 'images') return move({ [transferableSymbol]: [result.out.buffer], [valueSymbol]: result });
  return result;
}
