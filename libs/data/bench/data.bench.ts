/**
 * Data preparation throughput: decode alone vs decode + transform (Resize 256, CenterCrop 224, Normalize), on one
 * worker thread vs the pool, and synthetic in-memory rendering. Reference in the same run: torchvision's PIL
 * pipeline (the original's), single process, when /usr/bin/python3 has torchvision, which also gives the value
 * difference between our transform and torchvision's. Prints a table; the last line is one JSON object.
 *
 *   npx tsx libs/data/bench/data.bench.ts [--images 400] [--size 448] [--repeats 3]
 */
import { setMaxListeners } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { execa } from 'execa';
import { openDataset, transformImage, writeSyntheticImageFolder } from '../src/index.ts';
import { createTaskRunner } from '../src/pool.ts';

const { values } = parseArgs({ options: { images: { type: 'string', default: '400' }, size: { type: 'string', default: '448' }, repeats: { type: 'string', default: '3' } } });
const images = Number(values.images);
const size = Number(values.size);
const repeats = Number(values.repeats);
const cores = availableParallelism();

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Median images/s of `pass` (one warm-up pass first: thread start and module loading are not data preparation). */
async function rate(count: number, pass: () => Promise<void>): Promise<number> {
  await pass();
  const times: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const start = performance.now();
    await pass();
    times.push((performance.now() - start) / 1000);
  }
  return count / median(times);
}

async function decodeOnly(files: readonly string[], workers: number): Promise<number> {
  const runner = createTaskRunner(workers);
  const signal = new AbortController().signal;
  setMaxListeners(Infinity, signal);
  try {
    return await rate(files.length, async () => {
      await Promise.all(files.map((path) => runner.run({ kind: 'decode-only', path }, signal)));
    });
  } finally {
    await runner.close();
  }
}

async function datasetPass(spec: string, workers: number): Promise<number> {
  const ds = await openDataset(spec, { workers, prefetch: 4 });
  try {
    return await rate(ds.train.length, async () => {
      for await (const batch of ds.train.batches({ start: 0, end: ds.train.length }, { batchSize: 32 })) void batch;
    });
  } finally {
    await ds.close();
  }
}

async function torchvisionReference(root: string): Promise<number | undefined> {
  const script = `
import glob, sys, time, torchvision.transforms as T
from PIL import Image
files = sorted(glob.glob(sys.argv[1] + '/train/*/*.jpg'))
t = T.Compose([T.Resize(256), T.CenterCrop(224), T.ToTensor(), T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
for f in files[:32]: t(Image.open(f).convert('RGB'))
times = []
for r in range(int(sys.argv[2])):
    s = time.perf_counter()
    for f in files: t(Image.open(f).convert('RGB'))
    times.append(time.perf_counter() - s)
print(len(files) / sorted(times)[len(times) // 2])
`;
  const result = await execa('/usr/bin/python3', ['-c', script, root, String(repeats)], { reject: false });
  return result.exitCode === 0 ? Number(result.stdout.trim()) : undefined;
}

/** Largest and mean difference, in 8-bit levels, between our transform and torchvision's on the first files. */
async function parityWithTorchvision(files: readonly string[]): Promise<{ files: number; maxLevels: number; meanLevels: number } | undefined> {
  const sample = files.slice(0, 16);
  const out = join(root, 'torchvision.f32');
  const script = `
import sys, numpy as np, torchvision.transforms as T
from PIL import Image
t = T.Compose([T.Resize(256), T.CenterCrop(224), T.ToTensor(), T.Normalize([0.485, 0.456, 0.406], [0.229, 0.224, 0.225])])
np.concatenate([t(Image.open(f).convert('RGB')).numpy().ravel() for f in sys.argv[2:]]).astype(np.float32).tofile(sys.argv[1])
`;
  const result = await execa('/usr/bin/python3', ['-c', script, out, ...sample], { reject: false });
  if (result.exitCode !== 0) return undefined;
  const reference = new Float32Array((await readFile(out)).buffer.slice(0));
  const std = [0.229, 0.224, 0.225];
  const plane = 224 * 224;
  let max = 0;
  let sum = 0;
  for (const [k, file] of sample.entries()) {
    const ours = await transformImage(await readFile(file), 224, 256);
    if (!ours.ok) throw new Error(`${file}: ${ours.reason}`);
    for (let i = 0; i < 3 * plane; i++) {
      const levels = Math.abs(ours.data[i] - reference[k * 3 * plane + i]) * std[Math.floor(i / plane)] * 255;
      max = Math.max(max, levels);
      sum += levels;
    }
  }
  return { files: sample.length, maxLevels: max, meanLevels: sum / (sample.length * 3 * plane) };
}

const root = await mkdtemp(join(tmpdir(), 'alsatian-data-bench-'));
try {
  process.stderr.write(`writing ${images} synthetic ${size}x${size} JPEGs to ${root}\n`);
  await writeSyntheticImageFolder(root, { classes: 10, train: images, test: 10, seed: 1, size });
  const ds = await openDataset(root, { workers: 0 });
  const files = await (async () => {
    const { readdir } = await import('node:fs/promises');
    const out: string[] = [];
    for (const c of ds.classes) for (const f of await readdir(join(root, 'train', c))) out.push(join(root, 'train', c, f));
    return out;
  })();
  await ds.close();

  const results = {
    decodeOnly: { oneWorker: await decodeOnly(files, 1), pool: await decodeOnly(files, cores) },
    decodeTransform: { oneWorker: await datasetPass(root, 1), pool: await datasetPass(root, cores), inProcess: await datasetPass(root, 0) },
    synthetic224: { oneWorker: await datasetPass(`synthetic:classes=10,train=${images},test=10,size=224`, 1), pool: await datasetPass(`synthetic:classes=10,train=${images},test=10,size=224`, cores) },
    torchvisionPil: await torchvisionReference(root),
  };
  const parity = await parityWithTorchvision(files);
  const rows: [string, number | undefined][] = [
    ['decode only, 1 worker', results.decodeOnly.oneWorker],
    [`decode only, pool of ${cores}`, results.decodeOnly.pool],
    ['decode + transform, 1 worker', results.decodeTransform.oneWorker],
    [`decode + transform, pool of ${cores}`, results.decodeTransform.pool],
    ['decode + transform, in-process (sharp threads)', results.decodeTransform.inProcess],
    ['synthetic 224 in memory, 1 worker', results.synthetic224.oneWorker],
    [`synthetic 224 in memory, pool of ${cores}`, results.synthetic224.pool],
    ['reference: torchvision PIL, 1 process', results.torchvisionPil],
  ];
  for (const [name, value] of rows) process.stdout.write(`${name.padEnd(48)} ${value === undefined ? 'n/a' : `${value.toFixed(1)} images/s`}\n`);
  const ratios = {
    poolVsOneWorker: results.decodeTransform.pool / results.decodeTransform.oneWorker,
    transformCostShare: 1 - results.decodeTransform.oneWorker / results.decodeOnly.oneWorker,
    poolVsTorchvision: results.torchvisionPil === undefined ? undefined : results.decodeTransform.pool / results.torchvisionPil,
    oneWorkerVsTorchvision: results.torchvisionPil === undefined ? undefined : results.decodeTransform.oneWorker / results.torchvisionPil,
  };
  process.stdout.write(`pool vs 1 worker: ${ratios.poolVsOneWorker.toFixed(2)}x; 1 worker vs torchvision: ${ratios.oneWorkerVsTorchvision?.toFixed(2) ?? 'n/a'}x; pool vs torchvision: ${ratios.poolVsTorchvision?.toFixed(2) ?? 'n/a'}x\n`);
  if (parity) process.stdout.write(`values vs torchvision on ${parity.files} files: max ${parity.maxLevels.toFixed(2)} / mean ${parity.meanLevels.toFixed(3)} 8-bit levels\n`);
  process.stdout.write(`${JSON.stringify({ benchmark: 'data', images, size, cores, repeats, imagesPerSecond: results, ratios, parityWithTorchvision: parity })}\n`);
} finally {
  await rm(root, { recursive: true, force: true });
}
