import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureCellContext, fixtureGrid, fixtureRun, plotRun } from '@alsatian/exp-shared';
import experiment from '../src/experiment.ts';

const ctx = fixtureCellContext(experiment);

describe('table1-architectures', () => {
  it('counts the paper architectures exactly as Table 1 and sizes them as params * 4 / 1e6', async () => {
    const rows = await experiment.runCell({ architecture: 'resnet18' }, ctx);
    const get = (m: string) => rows.find((r) => r.metric === m)?.value;
    expect(get('params')).toBe(11_689_512);
    expect(get('sizeMB')).toBeCloseTo(46.758, 3);
    expect(
      fixtureGrid(experiment)
        .map((c) => c.architecture)
        .slice(0, 5),
    ).toEqual(['resnet18', 'resnet152', 'efficientnet_v2_l', 'vit_l_32', 'bert_base']);
  });

  it('renders the chart and the report section from a fixture CSV', async () => {
    const runDir = join(await mkdtemp(join(tmpdir(), 'table1-')), 'table1-architectures', 'quick');
    const fixture = [
      ['resnet18', 11_689_512],
      ['vit_l_32', 306_000_000],
      ['mobilenet_v2', 3_504_872],
    ].flatMap(([architecture, params]) => [
      { experiment: 'table1-architectures', architecture, metric: 'params', value: params, inPaper: true },
      {
        experiment: 'table1-architectures',
        architecture,
        metric: 'sizeMB',
        value: (Number(params) * 4) / 1e6,
        inPaper: true,
      },
      {
        experiment: 'table1-architectures',
        architecture,
        metric: 'stateMB',
        value: (Number(params) * 4) / 1e6 + 0.5,
        inPaper: true,
      },
      { experiment: 'table1-architectures', architecture, metric: 'blocks', value: 10, inPaper: true },
    ]);
    const run = fixtureRun(experiment, fixture, { runDir });
    const charts = await plotRun(experiment, run);
    expect(charts.map((c) => c.image)).toEqual(['table1-architectures/quick/table1-sizes.png']);
    const svg = await readFile(join(runDir, 'table1-sizes.svg'), 'utf8');
    for (const label of ['resnet18', 'vit_l_32', 'mobilenet_v2', 'ours', 'paper', '1226']) expect(svg).toContain(label);

    const markdown = experiment.report(run);
    expect(markdown).toContain('| resnet18 | 11,689,512 | 11,689,512 | 46.8 | 47.3 | 46.8 | 10 |');
    // The fixture's ViT count is off, so the report must say so.
    expect(markdown).toMatch(
      /Parameter counts differ from Table 1 for vit_l_32 \(ours 306,000,000, paper 306,535,400\)/,
    );
    expect(markdown).toContain(
      'params x 4 differs by 0.0 to 2.3 MB; with buffers (BatchNorm running statistics) by 0.5 to 1.8 MB',
    );
    expect(markdown).toContain('Not in Table 1, defined here as well: mobilenet_v2.');
  });
});

describe('state size', () => {
  it("adds BatchNorm buffers to the parameter bytes, which brings CNN sizes closer to the paper's", async () => {
    const { stateBytes } = await import('../src/experiment.ts');
    const { describeArchitecture } = await import('@alsatian/models');
    for (const [arch, paperMB] of [
      ['resnet152', 241.7],
      ['efficientnet_v2_l', 476.7],
    ] as const) {
      const paramsMB = (describeArchitecture(arch).params * 4) / 1e6;
      const stateMB = stateBytes(arch) / 1e6;
      expect(stateMB).toBeGreaterThan(paramsMB);
      expect(Math.abs(stateMB - paperMB)).toBeLessThan(Math.abs(paramsMB - paperMB));
    }
    // ViT has no BatchNorm: no buffers.
    expect(stateBytes('vit_l_32')).toBe(describeArchitecture('vit_l_32').params * 4);
  });
});
