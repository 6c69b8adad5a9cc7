// Measures what the cold-start protocol costs and whether it works, side by side in one run:
//  1. seconds per unit of the toy experiment in-process vs in a fresh process (the fresh-process overhead);
//  2. reading a 256 MiB file warm (in the page cache) vs after dropPageCache (from disk).
// Run: npx tsx libs/bench/bench/runner-overheads.ts
import { open, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dropPageCache, runExperiment } from '../src/index.ts';
import { toyExperiment } from '../test/fixtures/toy-experiment.ts';

const dir = await mkdtemp(join(tmpdir(), 'bench-overheads-'));
try {
  const quick = toyExperiment.scales.quick;
  const units = toyExperiment.grid(quick, { scale: 'quick', inputs: { note: '' } }).length * quick.repetitions;
  const time = async (freshProcess: boolean) => {
    const t = performance.now();
    await runExperiment(toyExperiment, {
      scale: 'quick',
      resultsDir: join(dir, String(freshProcess)),
      freshProcess,
      dropPageCache: false,
      moduleUrl: new URL('../test/fixtures/toy-experiment.ts', import.meta.url).href,
    });
    return (performance.now() - t) / 1000 / units;
  };
  const inProcess = await time(false);
  const fresh = await time(true);
  console.log(
    `unit in process: ${(inProcess * 1000).toFixed(1)} ms; in a fresh process: ${(fresh * 1000).toFixed(1)} ` +
      `ms (${(fresh / inProcess).toFixed(1)}x, +${((fresh - inProcess) * 1000).toFixed(0)} ms per unit)`,
  );

  const file = join(dir, 'blob.bin');
  const size = 256 * 1024 * 1024;
  const chunk = Buffer.alloc(8 * 1024 * 1024, 7);
  const w = await open(file, 'w');
  for (let off = 0; off < size; off += chunk.length) await w.write(chunk);
  await w.close();
  const readAll = async () => {
    const t = performance.now();
    const r = await open(file, 'r');
    while ((await r.read(chunk, 0, chunk.length)).bytesRead > 0);
    await r.close();
    return size / 2 ** 20 / ((performance.now() - t) / 1000);
  };
  await readAll();
  const warm = await readAll();
  const drop = await dropPageCache();
  const cold = await readAll();
  console.log(`page cache drop: ${drop.dropped ? 'done' : `not done (${drop.reason})`}`);
  console.log(
    `read 256 MiB warm: ${warm.toFixed(0)} MiB/s; after the drop: ${cold.toFixed(0)} MiB/s (warm/cold ` +
      `${(warm / cold).toFixed(1)}x)`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
