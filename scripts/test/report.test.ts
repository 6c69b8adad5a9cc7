import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RunProgressEvent } from '@alsatian/bench';
import { groupedBarChart } from '@alsatian/plot';
import { reportMarkdown } from '../report/build.ts';
import type { ReportInput } from '../report/build.ts';
import { discoverExperiments, selectExperiments } from '../report/discover.ts';
import { reportHtml } from '../report/html.ts';
import { markdownToHtml } from '../report/markdown-html.ts';
import { ReproduceProgress, ReproduceState } from '../report/progress.ts';
import { recordedRunSeconds } from '../report/run-one.ts';

const machine = [
  'Machine: Fixture CPU, 2 logical cores, 24 GiB memory; no GPU named (none).',
  'Execution provider: ONNX Runtime `cpu`; the paper ran PyTorch on an NVIDIA RTX A5000.',
  'Software: Node v20, onnxruntime-node 1.30.0.',
];
const spec = groupedBarChart({
  title: { text: 'bars' },
  rows: [{ x: 'a', g: 'Base', y: 2 }],
  x: { field: 'x' },
  group: { field: 'g', domain: ['Base'], colors: ['#bae4bc'] },
  y: { field: 'y' },
});

const input: ReportInput = {
  scale: 'quick',
  startedAt: '2026-11-28T16:00:00.000Z',
  wallSeconds: 125,
  outcomes: [
    {
      name: 'fig10-end-to-end',
      group: 'main',
      status: 'ok',
      seconds: 100,
      section: {
        id: 'fig10-end-to-end',
        title: 'Fig 10: end-to-end',
        figure: 'fig10',
        facts: [...machine, 'Scale: quick.'],
        charts: [{ name: 'bars', image: 'fig10-end-to-end/quick/bars.png', spec }],
        markdown: '| a | b |\n|---|---|\n| 1.0 | 4.4x |\n\nSee <this>.',
      },
    },
    {
      name: 'fig16-memory',
      group: 'main',
      status: 'run-failed',
      seconds: 20,
      error: 'exit code 1; last output:\nBudgetError: too small',
    },
    {
      name: 'table1-architectures',
      group: 'main',
      status: 'ok',
      seconds: Number.NaN,
      section: {
        id: 'table1-architectures',
        title: 'Table 1',
        figure: 'table1',
        facts: [...machine],
        charts: [],
        markdown: 'ok',
      },
    },
  ],
};

describe('reproduction report', () => {
  it('lists every experiment with its status, states shared machine facts once, and embeds sections, charts and failures', () => {
    const md = reportMarkdown(input);
    expect(md).toContain('took 2 min 05 s');
    expect(md).toContain('**1 of 3 experiments failed**: fig16-memory');
    expect(md).toContain('| [fig10-end-to-end](#fig10-end-to-end) | main | ok | 1 min 40 s |');
    expect(md).toContain('| fig16-memory | main | FAILED (run) | 20 s |');
    expect(md).toContain('![bars](fig10-end-to-end/quick/bars.png)');
    expect(md).toContain('BudgetError: too small');
    expect(md.split('Machine: Fixture CPU').length).toBe(2);
    expect(md).toContain('- Scale: quick.');
    expect(md.indexOf('## Fig 10: end-to-end')).toBeLessThan(md.indexOf('## fig16-memory'));
  });

  it('a rebuilt report shows each run time its meta.json recorded, and says which experiments have none', () => {
    const rebuilt = input.outcomes.map((o) => ({ ...o, seconds: Number.NaN }));
    rebuilt[0] = { ...rebuilt[0], recordedSeconds: 126 };
    const md = reportMarkdown({ ...input, outcomes: rebuilt });
    expect(md).toContain('from existing results (nothing was run)');
    expect(md).toContain('| main | ok | 2 min 06 s (run only, as recorded) |');
    expect(md).toContain('(#table1-architectures) | main | ok | not run (report only) |');
  });

  it('reads the run time a finished run recorded, and nothing from a run without a complete record', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'alsatian-report-test-'));
    try {
      const meta = (m: object) => writeFile(join(dir, 'meta.json'), JSON.stringify(m));
      await meta({ startedAt: '2026-12-03T16:58:28.060Z', endedAt: '2026-12-03T17:00:34.030Z' });
      expect(await recordedRunSeconds(dir)).toBeCloseTo(125.97, 2);
      await meta({ startedAt: '2026-12-03T16:58:28.060Z' });
      expect(await recordedRunSeconds(dir)).toBeUndefined();
      expect(await recordedRunSeconds(join(dir, 'missing'))).toBeUndefined();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('repeats the machine facts per section when the runs were measured on different machines', () => {
    const other = {
      ...input.outcomes[2],
      section: {
        ...input.outcomes[2].section!,
        facts: ['Machine: Other, 8 logical cores, 32 GiB memory; no GPU named (none).'],
      },
    };
    const md = reportMarkdown({ ...input, outcomes: [input.outcomes[0], other] });
    expect(md).toContain('each section says which');
    expect(md).toContain('- Machine: Other, 8 logical cores');
    expect(md).toContain('- Machine: Fixture CPU');
  });

  it('the HTML has each chart as a live Vega view with its data table, loads Vega from disk, and escapes text', () => {
    const html = reportHtml(input);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<script src="_report/vega.min.js"></script>');
    expect(html).not.toMatch(/https?:\/\/(?!vega\.github\.io\/schema)/);
    expect(html).toContain('<div class="view" data-spec="chart-0-0-spec" data-chart="bars">');
    expect(html).toMatch(/<script type="application\/json" id="chart-0-0-spec">\{.*"tooltip"/);
    expect(html).toContain('<th>g</th>');
    expect(html).toContain('<td>4.4x</td>');
    expect(html).toContain('See &lt;this&gt;.');
    expect(html).toContain('<section id="fig16-memory">');
    expect(html).toContain('<a href="#fig10-end-to-end">fig10-end-to-end</a>');
  });

  it('markdownToHtml handles headings, lists, code, anchor links and escaped pipes in tables', () => {
    const html = markdownToHtml('# T\n\n- one\n- **two**\n\n| x |\n|---|\n| a \\| b |\n\n```\n<x>\n```\n\n[go](#t)');
    expect(html).toBe(
      '<h1>T</h1>\n<ul><li>one</li><li><strong>two</strong></li></ul>\n<table><thead><tr><th>x</th></tr></thead><tbody><tr><td>a | b</td></tr></tbody></table>\n<pre><code>&lt;x&gt;</code></pre>\n<p><a href="#t">go</a></p>',
    );
  });

  it("discovers this repository's experiments: main by number (tables first), then side, then micro", () => {
    const all = discoverExperiments(fileURLToPath(new URL('../..', import.meta.url)));
    const names = all.map((p) => p.name);
    expect(names).toContain('fig10-end-to-end');
    expect(names.indexOf('table1-architectures')).toBeLessThan(names.indexOf('fig10-end-to-end'));
    expect(names.indexOf('fig10-end-to-end')).toBeLessThan(names.indexOf('fig16-memory'));
    const groups = all.map((p) => p.group);
    expect(
      [...groups].sort((a, b) => ['main', 'side', 'micro'].indexOf(a) - ['main', 'side', 'micro'].indexOf(b)),
    ).toEqual(groups);
    expect(selectExperiments(all, ['fig16-memory', 'table1-architectures']).map((p) => p.name)).toEqual([
      'table1-architectures',
      'fig16-memory',
    ]);
    expect(() => selectExperiments(all, ['fig99'])).toThrow(/no experiment named 'fig99'. Valid: .*fig10-end-to-end/);
  });
});

const event = (doneUnits: number, totalUnits: number): RunProgressEvent => ({
  kind: 'unit-done',
  experiment: 'fig10',
  cell: { strategy: 'alsatian', items: 96 },
  cellId: 'c1',
  repetition: 0,
  repetitions: 1,
  doneUnits,
  totalUnits,
  elapsedSeconds: 10,
  estimatedRemainingSeconds: 75,
});

describe('reproduce progress', () => {
  it("counts finished experiments plus the running one's share of units, and describes the running unit", () => {
    const state = new ReproduceState(4);
    state.start('table1');
    state.progress(event(13, 13));
    state.finish();
    state.start('fig10');
    expect(state.experimentLine()).toMatchObject({ name: 'fig10', unit: 'starting' });
    state.progress(event(9, 36));
    expect(state.overall()).toBe(1.25);
    expect(state.experimentLine()).toEqual({
      name: 'fig10',
      done: 9,
      total: 36,
      unit: 'strategy=alsatian items=96 rep 1/1',
      left: '1m15s',
    });
    state.finish();
    expect(state.overall()).toBe(2);
    expect(state.experimentLine()).toBeUndefined();
  });

  it('draws the overall bar and the experiment bar beneath it (as lines when not on a terminal), and logs finished experiments', async () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (c: Buffer) => (text += c.toString()));
    const progress = new ReproduceProgress(2, stream, 0);
    progress.start('fig10-end-to-end');
    progress.progress(event(3, 12));
    progress.finish('[1/2] fig10-end-to-end: done in 5 s');
    progress.stop();
    expect(text).toContain('reproduce  [####--------------------------] 0.25/2 experiments');
    expect(text).toContain(
      '  fig10-end-to-end [########----------------------] 3/12 units | strategy=alsatian items=96 rep 1/1 | left 1m15s',
    );
    expect(text).toContain('[1/2] fig10-end-to-end: done in 5 s');
    expect(text.indexOf('0.25/2 experiments')).toBeLessThan(text.indexOf('3/12 units'));
  });
});
