/**
 * Engine benchmark: ResNet-18 and ResNet-50, batch 32, 224x224, random weights, through our engine (our zoo, one
 * fused unit per model) and, in the same run, through Debian PyTorch (/usr/bin/python3, default and channels_last
 * layouts). Warm-up, then the median of several timed batches. Prints a table, then as its last line (with --json)
 * `{"results":[{engine, model, layout, imgPerSec}], "ratios": {model: ours / PyTorch's best layout}}`.
 * Also reports "prepare model" (graph lowering + session creation) against the weights' size.
 *
 *   npx tsx libs/engine/bench/engine.bench.ts [--json] [--ep cpu|webgpu|cuda] [--batch 32] [--repeats 5] [--threads N]
 *     [--torch-threads 2] [--prepare-sweep]
 */
import { execa } from 'execa';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { buildModel } from '@alsatian/models';
import { createEngine, parseExecutionProvider } from '../src/index.ts';
import { measureOurs, measurePrepare, type Throughput } from './measure.ts';

const MODELS = ['resnet18', 'resnet50'];
const SWEEP = ['mobilenet_v2', 'resnet18', 'efficientnet_v2_s', 'resnet50', 'vit_b_16'];
const TORCH_SCRIPT = fileURLToPath(new URL('../../../scripts/parity/bench_torch.py', import.meta.url));

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
const engine = await createEngine({ ep: parseExecutionProvider(args.ep!), threads: args.threads ? Number(args.threads) : undefined });
const log = (line: string) => process.stderr.write(`${line}\n`);
log(`engine: onnxruntime-node, ep=${engine.ep}, threads=${engine.threads}; batch ${batch}, median of ${repeats} after one warm-up`);

const results: Throughput[] = [];
const prepares = [];
for (const model of MODELS) {
  const measured = await measureOurs(engine, buildModel(model, { seed: 1 }), batch, repeats);
  results.push(measured.throughput);
  prepares.push(measured.prepare);
  log(`  ours ${model}: ${measured.throughput.imgPerSec.toFixed(1)} img/s`);
}

log(`PyTorch (${TORCH_SCRIPT}, ${args['torch-threads']} threads)...`);
const torch = await execa('/usr/bin/python3', [TORCH_SCRIPT, '--batch', String(batch), '--repeats', String(repeats), '--threads', args['torch-threads']!, ...MODELS]);
const torchResults = (JSON.parse(torch.stdout.trim().split('\n').at(-1)!) as { results: Omit<Throughput, 'engine'>[] }).results;
for (const r of torchResults) results.push({ engine: 'pytorch', model: r.model, layout: r.layout, imgPerSec: r.imgPerSec });

if (args['prepare-sweep']) {
  for (const model of SWEEP.filter((m) => !MODELS.includes(m))) prepares.push(await measurePrepare(engine, buildModel(model, { seed: 1 })));
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
  `prepare model (lower to ONNX + create session) vs weights:`,
  `${pad('model', 20)}${pad('weights MiB', 13)}${pad('lower ms', 10)}session ms`,
  ...prepares.map((p) => `${pad(p.model, 20)}${pad(p.weightMiB.toFixed(1), 13)}${pad(p.lowerMs.toFixed(0), 10)}${p.sessionMs.toFixed(0)}`),
];
process.stdout.write(`${lines.join('\n')}\n`);
if (args.json) process.stdout.write(`${JSON.stringify({ results, ratios })}\n`);
