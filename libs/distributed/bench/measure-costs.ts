/**
 * Measures the cost model's constants on this machine with one ONNX Runtime thread (one simulated worker = one
 * core): preparing a resnet18 unit (fixed part from a weightless unit, the rest per weight byte), inference per
 * FLOP at 224 px, the linear proxy per feature byte, and writing + reading exchange files per byte. The job
 * overhead is not measured here but from the real run's job timings (real-run.ts); it is left at the prior.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostTensor } from '@alsatian/core';
import { createEngine } from '@alsatian/engine';
import { buildModel, describeArchitecture } from '@alsatian/models';
import { createProxy } from '@alsatian/proxies';
import { DEFAULT_COSTS, type CostModel } from '../src/index.ts';

const seconds = async (fn: () => Promise<unknown>) => {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
};

export async function measureCosts(): Promise<CostModel> {
  const engine = await createEngine({ threads: 1 });
  const model = buildModel('resnet18', { seed: 1 });
  const info = describeArchitecture('resnet18');
  const weightBytes = info.featureParams * 4;
  const flops = info.blocks.reduce((s, b) => s + b.flops, 0);
  try {
    const tail = model.blocks.slice(-1);
    const fixed = await seconds(async () => (await engine.prepare(tail, { continuesChain: true })).dispose());
    const session = await engine.prepare(model.blocks);
    const prepared = await seconds(async () => (await engine.prepare(model.blocks, { label: 'again' })).dispose());
    const batch = 8;
    const input: HostTensor = {
      dtype: 'float32',
      shape: [batch, 3, 224, 224],
      data: new Float32Array(batch * 3 * 224 * 224).fill(0.5),
    };
    await session.run([input]);
    const infer = await seconds(() => session.run([input]));
    await session.dispose();
    return {
      ...DEFAULT_COSTS,
      prepareSecondsPerUnit: fixed,
      prepareSecondsPerWeightByte: Math.max(0, prepared - fixed) / weightBytes,
      inferSecondsPerFlop: infer / (batch * flops),
      proxySecondsPerFeatureByte: await proxyPerByte(),
      exchangeSecondsPerByte: await exchangePerByte(),
    };
  } finally {
    await engine.dispose();
  }
}

async function proxyPerByte(): Promise<number> {
  const dim = 512;
  const make = (rows: number) =>
    Array.from({ length: rows / 32 }, (_, b) => ({
      features: Float32Array.from({ length: 32 * dim }, (_, i) => Math.sin(i * 0.37 + b)),
      rows: 32,
      dim,
      labels: Int32Array.from({ length: 32 }, (_, i) => (i + b) % 10),
    }));
  const train = make(512);
  const test = make(128);
  const t = await seconds(() =>
    createProxy('linear').score({ train, test, numClasses: 10, seed: 1, deterministic: true }),
  );
  return t / ((512 + 128) * dim * 4);
}

async function exchangePerByte(): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-exchange-'));
  const bytes = new Uint8Array(32 * 2 ** 20).fill(7);
  try {
    const t = await seconds(async () => {
      await writeFile(join(dir, 'f'), bytes);
      await readFile(join(dir, 'f'));
    });
    return t / bytes.byteLength;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
