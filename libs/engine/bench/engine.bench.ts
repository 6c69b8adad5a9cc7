/**
 * Engine benchmark: ResNet-18 and ResNet-50, batch 32, 224x224, random weights, through our engine (our zoo, one
 * fused unit per model) and, in the same run, through Debian PyTorch (/usr/bin/python3, default and channels_last
 * layouts, eval + inference_mode). One warm-up batch each, then `repeats` rounds that time one batch of ours and
 * one of each PyTorch layout back to back (so both see the same machine load); medians. Prints a table, then as
 * its last line (with --json) `{"results":[{engine, model, layout, imgPerSec}], "ratios": {model: ours / PyTorch's
 * best layout}}`. Also reports "prepare model" (graph lowering + session creation) against the weights' size.
 *
 *   npx tsx libs/engine/bench/engine.bench.ts [--json] [--ep cpu|webgpu|cuda] [--batch 32] [--repeats 5]
 *     [--threads N] [--torch-threads 2] [--prepare-sweep]
 */
import { parseArgs } from 'node:util';
import { relaunchWithAllocatorSettings, AlsatianError, float32Tensor, numel, Rng } from '@alsatian/core';
import { buildModel } from '@alsatian/models';
import { createEngine } from '../src/index.ts';
import { measurePrepare, median, type PrepareCost, type Throughput } from './measure.ts';
import { startTorchServer, TORCH_LAYOUTS } from './torch-server.ts';

// glibc malloc settings that let sessions reuse freed memory (see libs/core/src/allocator.ts).
await relaunchWithAllocatorSettings();

const MODELS = ['resnet18', 'resnet50'];
const SWEEP = ['mobilenet_v2', 'efficientnet_v2_s', 'vit_b_16'];

const { values: args } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    ep: { type: 'string', default: 'cpu' },
    batch: { type: 'string', default: '32' },
    repeats: { type: 'string', default: '5' },
    threads: { type: 'string' },
    'torch-threads': { type: 'string', default: '2' },
    'prepare-sweep': { type: 'boolean', default: false },
  },
});

const batch = Number(args.batch);
const repeats = Number(args.repeats);
const log = (line: string) => process.stderr.write(`${line}\n`);
const engine = await createEngine({ ep: args.ep!, threads: args.threads ? Number(args.threads) : undefined }).catch(
  (error: unknown) => {
    // A user mistake or a missing provider: one line, no stack trace.
    if (!(error instanceof AlsatianError)) throw error;
    log(`bench:engine: ${error.message}`);
    process.exit(2);
  },
);
log(
  `ours: onnxruntime-node, ep=${engine.ep}, threads=${engine.threads}; PyTorch: ${args['torch-threads']} ` +
    `threads; batch ${batch}, median of ${repeats} interleaved rounds after one warm-up`,
);
const torch = await startTorchServer(MODELS, batch, Number(args['torch-threads']));

const results: Throughput[] = [];
const prepares: PrepareCost[] = [];
for (const model of MODELS) {
  const unit = await engine.prepare(buildModel(model, { seed: 1 }).blocks, { label: model });
  prepares.push({
    model,
    weightMiB: unit.weightBytes / 2 ** 20,
    lowerMs: unit.timings.lowerMs,
    sessionMs: unit.timings.sessionMs,
  });
  const shape = [batch, ...unit.inputs[0].shape];
  const pixels = float32Tensor(shape, Rng.derive(0, 'bench-pixels').fillNormal(new Float32Array(numel(shape))));
  await unit.run([pixels]);
  const ours: number[] = [];
  const theirs = new Map<string, number[]>(TORCH_LAYOUTS.map((l) => [l, []]));
  for (let round = 0; round < repeats; round++) {
    const start = performance.now();
    await unit.run([pixels]);
    ours.push((performance.now() - start) / 1000);
    for (const layout of TORCH_LAYOUTS) theirs.get(layout)!.push(await torch.time(model, layout));
    log(
      `  ${model} round ${round + 1}: ours ${ours.at(-1)!.toFixed(2)} s, pytorch ` +
        `${TORCH_LAYOUTS.map((l) => `${l} ${theirs.get(l)!.at(-1)!.toFixed(2)} s`).join(', ')}`,
    );
  }
  await unit.dispose();
  results.push({ engine: 'ours', model, layout: 'default', imgPerSec: batch / median(ours) });
  for (const layout of TORCH_LAYOUTS)
    results.push({ engine: 'pytorch', model, layout, imgPerSec: batch / median(theirs.get(layout)!) });
}
await torch.close();

if (args['prepare-sweep']) {
  for (const model of SWEEP) prepares.push(await measurePrepare(engine, buildModel(model, { seed: 1 })));
  prepares.sort((a, b) => a.weightMiB - b.weightMiB);
}
await engine.dispose();

const ratios: Record<string, number> = {};
for (const model of MODELS) {
  const ours = results.find((r) => r.engine === 'ours' && r.model === model)!;
  const best = Math.max(...results.filter((r) => r.engine === 'pytorch' && r.model === model).map((r) => r.imgPerSec));
  ratios[model] = ours.imgPerSec / best;
}

const pad = (s: string, n: number) => s.padEnd(n);
const lines = [
  `${pad('engine', 10)}${pad('model', 12)}${pad('layout', 15)}img/s`,
  ...results.map((r) => `${pad(r.engine, 10)}${pad(r.model, 12)}${pad(r.layout, 15)}${r.imgPerSec.toFixed(1)}`),
  '',
  ...MODELS.map((m) => `ratio ${m}: ours / PyTorch best layout = ${ratios[m].toFixed(2)}x`),
  '',
  'prepare model (lower to ONNX + create session) vs weights:',
  `${pad('model', 20)}${pad('weights MiB', 13)}${pad('lower ms', 10)}session ms`,
  ...prepares.map(
    (p) =>
      `${pad(p.model, 20)}${pad(p.weightMiB.toFixed(1), 13)}${pad(p.lowerMs.toFixed(0), 10)}${p.sessionMs.toFixed(0)}`,
  ),
];
process.stdout.write(`${lines.join('\n')}\n`);
if (args.json) process.stdout.write(`${JSON.stringify({ results, ratios })}\n`);
