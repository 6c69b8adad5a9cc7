/**
 * Fig 5: where the time goes when scoring ONE model (prepare model / prepare data / inference / proxy), for four
 * architectures at three data sizes, and at the middle size with the last 3 blocks fed from cached intermediates.
 * Model preparation is measured, not simulated: block reads from a store throttled to 200 MB/s plus session creation.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Row } from '@alsatian/bench';
import { openDataset } from '@alsatian/data';
import { createEngine } from '@alsatian/engine';
import { defineExperiment, ensureSnapshotStore, storesDirFor } from '@alsatian/exp-shared';
import { architectureAt, describeBlocks } from '@alsatian/models';
import { createProxy } from '@alsatian/proxies';
import { openStore } from '@alsatian/store';
import { ensureImageFolder, writeIntermediates } from './inputs.ts';
import { PHASES } from './phases.ts';
import { scoreOneModel } from './score-one.ts';
import type { ScoreInput } from './score-one.ts';
import { fig05Charts } from './charts.ts';
import { fig05Report } from './report.ts';
import { ARCHITECTURES, CACHED_LAST_BLOCKS, FIG05_SCALES, panelOf, STORE_READ_BYTES_PER_SEC } from './scales.ts';
import type { Fig05Settings } from './scales.ts';

export interface Fig05Cell extends Record<string, string | number | boolean> {
  readonly architecture: string;
  readonly items: number;
  readonly cached: boolean;
  readonly imageSize: number;
  readonly batchSize: number;
}

export default defineExperiment<Fig05Cell, Fig05Settings>({
  name: 'fig05-bottlenecks',
  figure: 'fig05',
  title: 'Fig 5: runtime breakdown for scoring a single model',
  description: 'Runtime breakdown of scoring one model (prepare model / prepare data / inference / proxy score).',
  columns: ['panel', 'category', 'seconds', 'readSeconds', 'sessionSeconds', 'bytesRead', 'blocksRun', 'score'],
  scales: FIG05_SCALES,
  provenance: () => ({
    models: {
      kind: 'synthetic',
      what: 'one seeded, randomly initialised model per architecture, read from a store throttled to 200 MB/s',
    },
    dataset: {
      kind: 'synthetic',
      what:
        'seeded generated JPEGs at twice the input side (decoded and resized), and seeded random intermediates ' +
        'for panel (d)',
    },
  }),
  grid({ imageSize, items, batchSize }) {
    const cells: Fig05Cell[] = [];
    for (const n of [items[2], items[1], items[0]])
      for (const architecture of ARCHITECTURES)
        cells.push({ architecture, items: n, cached: false, imageSize, batchSize });
    for (const architecture of ARCHITECTURES)
      cells.push({ architecture, items: items[1], cached: true, imageSize, batchSize });
    return cells;
  },
  async runCell(cell, ctx) {
    const storeInfo = await ensureSnapshotStore(
      storesDirFor(ctx.runDir),
      {
        architecture: cell.architecture,
        imageSize: cell.imageSize,
        count: 1,
        distribution: 'top-layers',
        seed: ctx.seed,
      },
      ctx.logger,
    );
    const store = await openStore(storeInfo.dir, {
      readLimitBytesPerSec: STORE_READ_BYTES_PER_SEC,
      logger: ctx.logger,
    });
    const model = store.getModel(storeInfo.models[0]);
    const def = architectureAt(cell.architecture, cell.imageSize);
    const scratch = join(ctx.runDir, `.scratch-${ctx.cellId}`);
    let input: ScoreInput;
    let close = async () => {};
    if (cell.cached) {
      const fromBlock = def.splitIndexes[CACHED_LAST_BLOCKS];
      const [spec] = describeBlocks(def).features[fromBlock].inputs;
      const files = await writeIntermediates(scratch, spec, cell.items, cell.batchSize, ctx.seed);
      input = { kind: 'intermediates', files, spec, fromBlock, classes: 10 };
    } else {
      const folder = await ensureImageFolder(ctx.runDir, ctx.settings.items[2], cell.imageSize, ctx.seed);
      const dataset = await openDataset(folder, { imageSize: cell.imageSize, seed: ctx.seed, logger: ctx.logger });
      input = { kind: 'images', dataset, items: cell.items };
      close = () => dataset.close();
    }
    const engine = await createEngine({ ep: ctx.ep, logger: ctx.logger });
    try {
      const result = await scoreOneModel({
        store,
        model,
        engine,
        proxy: createProxy('linear'),
        input,
        batchSize: cell.batchSize,
        seed: ctx.seed,
      });
      const panel = panelOf(cell.items, cell.cached, ctx.scale);
      return PHASES.map((category): Row => ({
        panel,
        category,
        seconds: result.seconds[category],
        readSeconds: category === 'prepareModel' ? result.readSeconds : null,
        sessionSeconds: category === 'prepareModel' ? result.sessionSeconds : null,
        bytesRead: result.bytesRead,
        blocksRun: result.blocksRun,
        score: result.score,
      }));
    } finally {
      await engine.dispose();
      await close();
      await rm(scratch, { recursive: true, force: true });
    }
  },
  charts: fig05Charts,
  report: fig05Report,
});
