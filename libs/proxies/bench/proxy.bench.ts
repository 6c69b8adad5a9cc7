/**
 * Proxy benchmark (npx tsx libs/proxies/bench/proxy.bench.ts [--epochs 100] [--skip ts,tfjs,torch,logme]).
 *
 * The linear probe on 8000 x 2048 features (250 train batches of 32), 10 classes, a 2000-item test set, 100
 * epochs: seconds per backend candidate (our wasm-simd and ts kernels, @tensorflow/tfjs wasm, and the original's
 * torch CPU proxy as the reference), all from the same initial weights; then kNN and LogME on the same features.
 * The goal (issue): the proxy costs < 5% of extracting those 8000 features with resnet50 here (25.9 img/s on
 * this 2-core machine, DESIGN.md section 2, so ~309 s: the proxy must stay under ~15 s).
 * Last line: one JSON object with every number.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Rng, type FeatureBatch } from '@alsatian/core';
import { KnnProxy, LogMeProxy, initLinear, tsProbe, wasmProbe, type LinearParams, type ProbeBackend } from '@alsatian/proxies';
import { tfjsLinearProbe, useTfjsWasm } from './tfjs-linear.ts';

const DIM = 2048, CLASSES = 10, BATCH = 32, TRAIN = 8000, TEST = 2000, LR = 0.1;
const RESNET50_IMAGES_PER_SECOND = 25.9; // DESIGN.md section 2: onnxruntime-node CPU EP on this machine
const { values: args } = parseArgs({ options: { epochs: { type: 'string', default: '100' }, skip: { type: 'string', default: '' } } });
const epochs = Number(args.epochs);
const skip = new Set(args.skip!.split(',').filter(Boolean));

/** ReLU-like features: non-negative, class-dependent means, like pooled CNN outputs. */
function features(count: number, tag: string): FeatureBatch[] {
  const centres = Rng.derive(1, 'bench-centres').fillNormal(new Float32Array(CLASSES * DIM), 0, 0.1);
  const rng = Rng.derive(1, tag);
  const batches: FeatureBatch[] = [];
  for (let start = 0; start < count; start += BATCH) {
    const rows = Math.min(BATCH, count - start);
    const x = new Float32Array(rows * DIM);
    const labels = new Int32Array(rows);
    for (let r = 0; r < rows; r++) {
      labels[r] = rng.int(CLASSES);
      for (let d = 0; d < DIM; d++) x[r * DIM + d] = Math.max(0, centres[labels[r] * DIM + d] + rng.normal());
    }
    batches.push({ rows, dim: DIM, features: x, labels });
  }
  return batches;
}

/** Wall and CPU seconds of `run` (CPU: this process, all threads; the machine is shared, so both are shown). */
async function measure<T>(run: () => T | Promise<T>): Promise<{ seconds: number; cpuSeconds: number; value: T }> {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  const value = await run();
  const used = process.cpuUsage(cpu);
  return { seconds: (performance.now() - wall) / 1000, cpuSeconds: (used.user + used.system) / 1e6, value };
}
const copy = (p: LinearParams): LinearParams => ({ weight: p.weight.slice(), bias: p.bias.slice() });
const line = (name: string, m: { seconds: number; cpuSeconds: number }, extra = '') =>
  console.log(`${name.padEnd(26)} ${m.seconds.toFixed(2).padStart(8)} s wall ${m.cpuSeconds.toFixed(2).padStart(8)} s cpu  ${extra}`);

const train = features(TRAIN, 'bench-train');
const test = features(TEST, 'bench-test');
const init = initLinear(DIM, CLASSES, Rng.derive(1, 'linear-proxy', DIM, CLASSES));
console.log(`linear probe: ${TRAIN} x ${DIM} train (${train.length} batches of ${BATCH}), ${TEST} test, ${CLASSES} classes, ${epochs} epochs, lr ${LR}`);

type Result = { seconds: number; cpuSeconds: number; accuracy: number; loss: number };
const results: Record<string, Result> = {};
const describe = (r: Result) => `accuracy ${r.accuracy.toFixed(4)} loss ${r.loss.toFixed(4)}`;
for (const backend of [wasmProbe, tsProbe] as ProbeBackend[]) {
  if (skip.has(backend.name)) continue;
  const params = copy(init);
  const m = await measure(() => {
    backend.train(train, CLASSES, params, epochs, LR);
    return backend.evaluate(test, CLASSES, params);
  });
  results[backend.name] = { seconds: m.seconds, cpuSeconds: m.cpuSeconds, ...m.value };
  line(`ours ${backend.name}`, m, describe(results[backend.name]));
}
if (!skip.has('tfjs')) {
  const info = await useTfjsWasm();
  const m = await measure(() => tfjsLinearProbe(train, test, CLASSES, copy(init), epochs, LR));
  results['tfjs-wasm'] = { seconds: m.seconds, cpuSeconds: m.cpuSeconds, ...m.value };
  line('@tensorflow/tfjs wasm', m, `${describe(results['tfjs-wasm'])} (${info})`);
}
if (!skip.has('torch')) {
  const folder = mkdtempSync(path.join(tmpdir(), 'proxy-bench-'));
  try {
    const write = (name: string, arrays: ArrayLike<number>[], Type: Float32ArrayConstructor | Int32ArrayConstructor) => {
      const total = arrays.reduce((n, a) => n + a.length, 0);
      const out = new Type(total);
      let at = 0;
      for (const a of arrays) { out.set(a, at); at += a.length; }
      writeFileSync(path.join(folder, name), new Uint8Array(out.buffer));
    };
    write('train_x.f32', train.map((b) => b.features), Float32Array);
    write('train_y.i32', train.map((b) => b.labels), Int32Array);
    write('test_x.f32', test.map((b) => b.features), Float32Array);
    write('test_y.i32', test.map((b) => b.labels), Int32Array);
    write('init_w.f32', [init.weight], Float32Array);
    write('init_b.f32', [init.bias], Float32Array);
    const script = new URL('./torch_linear_proxy.py', import.meta.url).pathname;
    const out = execFileSync('/usr/bin/python3', [script, folder, `${DIM}`, `${CLASSES}`, `${BATCH}`, `${epochs}`, `${LR}`], { encoding: 'utf8' });
    const torch = JSON.parse(out.trim().split('\n').pop()!) as Result & { threads: number };
    results['torch-cpu (original)'] = torch;
    line('torch 1.13 CPU (original)', torch, `${describe(torch)} (${torch.threads} threads)`);
  } catch (error) {
    console.log(`torch reference skipped: ${(error as Error).message.split('\n')[0]}`);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const input = { train, test, numClasses: CLASSES, seed: 1, deterministic: true };
const knn = await measure(() => new KnnProxy().score(input));
line('knn (cosine, 1-NN)', knn, `accuracy ${knn.value.score.toFixed(4)}`);
const logme = skip.has('logme') ? undefined : await measure(() => new LogMeProxy().score(input));
if (logme) line('logme', logme, `evidence ${logme.value.score.toFixed(4)}`);

const best = Object.entries(results).filter(([name]) => !name.startsWith('torch')).sort((a, b) => a[1].seconds - b[1].seconds)[0];
const extractionSeconds = TRAIN / RESNET50_IMAGES_PER_SECOND;
const torch = results['torch-cpu (original)'];
// Our kernels run on one thread, so on an idle machine wall ~ CPU seconds; on a shared one CPU seconds are the
// fairer number, and both are printed.
console.log(`fastest: ${best[0]}; ${pct(best[1].seconds)} (wall) / ${pct(best[1].cpuSeconds)} (cpu) of resnet50 extraction of ` +
  `${TRAIN} items (${extractionSeconds.toFixed(0)} s at ${RESNET50_IMAGES_PER_SECOND} img/s); target < 5%`);
if (torch) {
  console.log(`vs the original's torch proxy: ${(torch.seconds / best[1].seconds).toFixed(2)}x (wall), ` +
    `${(torch.cpuSeconds / best[1].cpuSeconds).toFixed(2)}x (cpu)`);
}
function pct(seconds: number): string {
  return `${((100 * seconds) / extractionSeconds).toFixed(1)}%`;
}
console.log(JSON.stringify({
  linearProxySeconds: best[1].seconds,
  backend: best[0],
  epochs,
  linearProxyCpuSeconds: best[1].cpuSeconds,
  candidates: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, { seconds: v.seconds, cpuSeconds: v.cpuSeconds, accuracy: v.accuracy, loss: v.loss }])),
  knnSeconds: knn.seconds,
  knnCpuSeconds: knn.cpuSeconds,
  logmeSeconds: logme?.seconds ?? null,
  logmeCpuSeconds: logme?.cpuSeconds ?? null,
  resnet50ExtractionSeconds: extractionSeconds,
  shareOfExtraction: best[1].seconds / extractionSeconds,
  shareOfExtractionCpu: best[1].cpuSeconds / extractionSeconds,
  speedupVsTorch: torch ? torch.seconds / best[1].seconds : null,
  speedupVsTorchCpu: torch ? torch.cpuSeconds / best[1].cpuSeconds : null,
}));
