/**
 * Data preparation throughput: decode + transform (Resize 256, CenterCrop 224, Normalize) of a JPEG folder through
 * `openDataset` batches, on the worker pool, one worker, in-process, and the pool reusing batch memory
 * (recycleBatches); decode alone; synthetic in-memory rendering.
 * Reference: torchvision's PIL pipeline (see torchvision-reference.ts), asked for one pass between ours in every
 * round, so machine load hits both alike. Two rates per row: wall images/s, and images per CPU-second of the whole
 * process (every thread), which is the per-core rate and what to compare on a shared machine. Ratios are medians of
 * the per-round ratios. Also prints the value difference from torchvision's tensors. The last line is one JSON object.
 *
 *   npx tsx libs/data/bench/data.bench.ts [--images 400] [--size 448] [--repeats 5]
 */
import { setMaxListeners } from 'node:events';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDataset, transformImage, writeSyntheticImageFolder, type OpenedDataset } from '../src/index.ts';
import { createTaskRunner } from '../src/pool.ts';
import { startTorchvision, type TorchvisionReference } from './torchvision-reference.ts';

const { values } = parseArgs({
  options: {
    images: { type: 'string', default: '400' },
    size: { type: 'string', default: '448' },
    repeats: { type: 'string', default: '5' },
  },
});
const images = Number(values.images);
const size = Number(values.size);
const repeats = Number(values.repeats);
const cores = availableParallelism();

interface Pass {
  readonly wallSeconds: number;
  readonly cpuSeconds: number;
}

/** A measured configuration: one pass over `items` items per call. */
interface Config {
  readonly name: string;
  readonly items: number;
  pass(): Promise<Pass>;
  close(): Promise<void>;
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed(work: () => Promise<void>): Promise<Pass> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await work();
  const used = process.cpuUsage(cpu);
  return { wallSeconds: (performance.now() - start) / 1000, cpuSeconds: (used.user + used.system) / 1e6 };
}

async function datasetConfig(name: string, spec: string, workers: number, recycleBatches = false): Promise<Config> {
  const ds: OpenedDataset = await openDataset(spec, { workers, recycleBatches });
  return {
    name,
    items: ds.train.length,
    pass: () =>
      timed(async () => {
        for await (const batch of ds.train.batches({ start: 0, end: ds.train.length }, { batchSize: 32 })) void batch;
      }),
    close: () => ds.close(),
  };
}

function decodeOnlyConfig(name: string, files: readonly string[], workers: number): Config {
  const runner = createTaskRunner(workers);
  const signal = new AbortController().signal;
  setMaxListeners(Infinity, signal);
  return {
    name,
    items: files.length,
    pass: () =>
      timed(async () => {
        await Promise.all(files.map((path) => runner.run({ kind: 'decode-only', path }, signal)));
      }),
    close: () => runner.close(),
  };
}

function referenceConfig(reference: TorchvisionReference): Config {
  return {
    name: 'reference: torchvision PIL, 1 process, 1 thread',
    items: reference.files,
    pass: () => reference.pass(),
    close: async () => reference.close(),
  };
}

/** Largest and mean difference, in 8-bit levels, between our transform and torchvision's on the first files. */
async function parity(reference: TorchvisionReference, files: readonly string[], dir: string) {
  const sample = files.slice(0, 16);
  const out = join(dir, 'torchvision.f32');
  await reference.tensors(out, sample);
  const expected = new Float32Array((await readFile(out)).buffer.slice(0));
  const std = [0.229, 0.224, 0.225];
  const plane = 224 * 224;
  let max = 0;
  let sum = 0;
  for (const [k, file] of sample.entries()) {
    const ours = await transformImage(await readFile(file), 224, 256);
    if (!ours.ok) throw new Error(`${file}: ${ours.reason}`);
    for (let i = 0; i < 3 * plane; i++) {
      const levels = Math.abs(ours.data[i] - expected[k * 3 * plane + i]) * std[Math.floor(i / plane)] * 255;
      max = Math.max(max, levels);
      sum += levels;
    }
  }
  return { files: sample.length, maxLevels: max, meanLevels: sum / (sample.length * 3 * plane) };
}

const root = await mkdtemp(join(tmpdir(), 'alsatian-data-bench-'));
const configs: Config[] = [];
try {
  process.stderr.write(`writing ${images} synthetic ${size}x${size} JPEGs to ${root}\n`);
  await writeSyntheticImageFolder(root, { classes: 10, train: images, test: 10, seed: 1, size });
  const files: string[] = [];
  for (const c of (await readdir(join(root, 'train'))).sort())
    for (const f of (await readdir(join(root, 'train', c))).sort()) files.push(join(root, 'train', c, f));

  const reference = await startTorchvision(root);
  if (reference) configs.push(referenceConfig(reference));
  configs.push(
    await datasetConfig(`decode + transform, pool of ${cores}`, root, cores),
    await datasetConfig('decode + transform, 1 worker', root, 1),
    await datasetConfig('decode + transform, in-process', root, 0),
    await datasetConfig(`decode + transform, pool of ${cores}, recycleBatches`, root, cores, true),
    decodeOnlyConfig('decode only (full size), 1 worker', files, 1),
    await datasetConfig(
      `synthetic 224 in memory, pool of ${cores}`,
      `synthetic:classes=10,train=${images},test=10,size=224`,
      cores,
    ),
  );
  const passes = new Map<string, Pass[]>(configs.map((c) => [c.name, []]));
  // Warm-up: thread start and module loading are not data preparation.
  for (const config of configs) await config.pass();
  for (let round = 0; round < repeats; round++)
    for (const config of configs) passes.get(config.name)!.push(await config.pass());

  const refPasses = reference ? passes.get(configs[0].name)! : undefined;
  const rows = configs.map((config) => {
    const own = passes.get(config.name)!;
    const ratio = (pick: (p: Pass) => number) =>
      refPasses
        ? median(own.map((p, r) => pick(refPasses[r]) / pick(p) / (reference!.files / config.items)))
        : undefined;
    return {
      name: config.name,
      imagesPerSecond: median(own.map((p) => config.items / p.wallSeconds)),
      cpuMsPerImage: median(own.map((p) => (1000 * p.cpuSeconds) / config.items)),
      perCoreVsTorchvision: ratio((p) => p.cpuSeconds),
      wallVsTorchvision: ratio((p) => p.wallSeconds),
    };
  });
  const x = (v: number | undefined) => (v === undefined ? 'n/a' : `${v.toFixed(2)}x`);
  process.stdout.write(
    `${'configuration'.padEnd(48)} ${'images/s'.padStart(9)} ${'CPU ms/img'.padStart(11)}  per-core vs tv  ` +
      `wall vs tv\n`,
  );
  for (const r of rows)
    process.stdout.write(
      `${r.name.padEnd(48)} ${r.imagesPerSecond.toFixed(1).padStart(9)} ` +
        `${r.cpuMsPerImage.toFixed(2).padStart(11)}  ${x(r.perCoreVsTorchvision).padStart(14)}  ` +
        `${x(r.wallVsTorchvision).padStart(10)}\n`,
    );
  const values = reference ? await parity(reference, files, root) : undefined;
  if (values)
    process.stdout.write(
      `values vs torchvision on ${values.files} files: max ${values.maxLevels.toFixed(2)} / mean ` +
        `${values.meanLevels.toFixed(3)} 8-bit levels\n`,
    );
  process.stdout.write(
    `${JSON.stringify({ benchmark: 'data', images, size, cores, repeats, rows, parityWithTorchvision: values })}\n`,
  );
} finally {
  for (const config of configs) await config.close();
  await rm(root, { recursive: true, force: true });
}
