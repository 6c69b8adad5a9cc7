/**
 * The small scale's promises (docs/small-scale.md): every experiment keeps the architectures' own resolution
 * (224 px for images), and Fig 11's small cells are Fig 10's, so a reproduce run measures them once.
 */
import { describe, expect, it } from 'vitest';
import { fixtureGrid, loadExperiment } from '@alsatian/exp-shared';
import type { Experiment } from '@alsatian/exp-shared';
import { discoverExperiments } from '../report/discover.ts';
import { REPO_ROOT } from './fixture-runs.ts';

const packages = discoverExperiments(REPO_ROOT);
const load = async (name: string): Promise<Experiment> =>
  (await loadExperiment(packages.find((p) => p.name === name)!.dir)).experiment;

describe('small scale', () => {
  it("runs every experiment at the architectures' own resolution (0 = native) or 224 px", async () => {
    expect(packages.length).toBeGreaterThan(10);
    for (const pkg of packages) {
      const { experiment } = await loadExperiment(pkg.dir);
      const settings = experiment.scales.small as { imageSize?: number };
      if (settings.imageSize !== undefined)
        expect([pkg.name, [0, 224].includes(settings.imageSize)]).toEqual([pkg.name, true]);
      for (const cell of fixtureGrid(experiment, 'small')) {
        const size = (cell as { imageSize?: number }).imageSize;
        if (size !== undefined) expect([pkg.name, [0, 224].includes(size)]).toEqual([pkg.name, true]);
      }
    }
  });

  it("Fig 11's small cells are all among Fig 10's, measured with the same batch size and set draws", async () => {
    const [fig10, fig11] = [await load('fig10-end-to-end'), await load('fig11-breakdown')];
    const fig10Cells = new Set(fixtureGrid(fig10, 'small').map((c) => JSON.stringify(c)));
    const cells = fixtureGrid(fig11, 'small');
    expect(cells.length).toBeGreaterThan(0);
    for (const c of cells) expect(fig10Cells.has(JSON.stringify(c))).toBe(true);
    const [s10, s11] = [fig10.scales.small, fig11.scales.small] as unknown as {
      batchSize: number;
      paperIndices?: boolean;
    }[];
    expect([s11.batchSize, s11.paperIndices]).toEqual([s10.batchSize, s10.paperIndices]);
  });
});
