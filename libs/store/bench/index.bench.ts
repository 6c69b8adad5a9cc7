/**
 * How the store index scales with thousands of models (what listing and opening cost, and why bulk adds go in
 * `batch`): `npx tsx libs/store/bench/index.bench.ts [--models 2000] [--blocks-per-model 50]`.
 * Prints batch insert, reopen, listModels and a metadata filter; and, for a tenth of the models, unbatched
 * inserts (one index merge per model) against batched ones measured in the same run.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Block } from '@alsatian/core';
import { float32Tensor } from '@alsatian/core';
import { openStore } from '../src/index.ts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1]);
const models = Number(args.get('models') ?? 2000);
const perModel = Number(args.get('blocks-per-model') ?? 50);

const block = (i: number): Block => ({
  descriptor: { kind: 'bench', attrs: { i }, inputs: [], outputs: [] },
  weights: new Map([['w', float32Tensor([4], new Float32Array([i, 0, 0, 0]))]]),
});

async function seconds(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return (performance.now() - t) / 1000;
}

async function fill(dir: string, count: number, batched: boolean): Promise<number> {
  const store = await openStore(dir);
  const ids: string[] = [];
  await store.batch(async () => {
    for (let i = 0; i < perModel * 2; i++) ids.push(await store.putBlock(block(i)));
  });
  const add = async () => {
    for (let m = 0; m < count; m++) {
      const blocks = Array.from({ length: perModel }, (_, j) => ids[(m + j) % ids.length]);
      await store.putModel({
        id: `model-${m}`,
        architecture: 'bench',
        blocks,
        featureDim: 4,
        params: 4 * perModel,
        source: 'bench',
        metadata: { dataset: `d${m % 10}` },
      });
    }
  };
  return seconds(() => (batched ? store.batch(add) : add()));
}

const dir = await mkdtemp(join(tmpdir(), 'index-bench-'));
const insert = await fill(dir, models, true);
let reopened: Awaited<ReturnType<typeof openStore>> | undefined;
const reopen = await seconds(async () => {
  reopened = await openStore(dir);
});
const list = await seconds(async () => reopened!.listModels());
const filter = await seconds(async () => reopened!.listModels({ metadata: { dataset: 'd3' } }));
console.log(
  `${models} models x ${perModel} blocks: batched insert ${insert.toFixed(2)} s, reopen ` +
    `${(reopen * 1000).toFixed(0)} ms, listModels ${(list * 1000).toFixed(1)} ms, metadata filter ` +
    `${(filter * 1000).toFixed(1)} ms`,
);

const small = Math.max(10, Math.floor(models / 10));
const unbatched = await fill(await mkdtemp(join(tmpdir(), 'index-bench-')), small, false);
const batched = await fill(await mkdtemp(join(tmpdir(), 'index-bench-')), small, true);
console.log(
  `${small} models: unbatched ${unbatched.toFixed(2)} s vs batched ${batched.toFixed(2)} s (` +
    `${(unbatched / batched).toFixed(1)}x)`,
);
