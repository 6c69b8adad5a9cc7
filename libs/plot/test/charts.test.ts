import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { Resvg } from '@resvg/resvg-js';
import { readCsvRows } from '@alsatian/bench';
import type { RowValue } from '@alsatian/bench';
import {
  STRATEGY_SERIES,
  STRATEGY_COLORS,
  BREAKDOWN_CATEGORIES,
  BREAKDOWN_COLORS,
  BREAKDOWN_LABELS,
  dualAxisChart,
  groupedBarChart,
  lineChart,
  renderChart,
  scaleSubtitle,
  stackedBarChart,
  withSpeedupLabels,
} from '../src/index.ts';
import type { RenderedChart, TopLevelSpec } from '../src/index.ts';

let dir: string;
let endToEnd: Record<string, RowValue>[];
let breakdown: Record<string, RowValue>[];
let perBlock: Record<string, RowValue>[];

const ARCHS = ['resnet18', 'vit_l_32'];
const strategies = {
  field: 'strategy',
  domain: [...STRATEGY_SERIES],
  colors: STRATEGY_SERIES.map((a) => STRATEGY_COLORS[a]),
};
const categories = {
  field: 'category',
  domain: [...BREAKDOWN_CATEGORIES.slice(0, 4)],
  colors: BREAKDOWN_CATEGORIES.slice(0, 4).map((c) => BREAKDOWN_COLORS[c]),
  labels: BREAKDOWN_LABELS,
};

// Fixture CSVs as the runner writes them (tidy: one value per row), read back with the bench reader.
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'plot-charts-'));
  const e2e = ['strategy,architecture,distribution,items,seconds'];
  for (const items of [2000, 8000])
    for (const [a, arch] of ARCHS.entries())
      for (const [i, strategy] of STRATEGY_SERIES.entries()) {
        e2e.push(`${strategy},${arch},TOP_LAYERS,${items},${((items / 100) * (a + 1)) / (1 + 2 * i)}`);
      }
  await writeFile(join(dir, 'e2e.csv'), `${e2e.join('\n')}\n`);
  const br = ['strategy,category,seconds'];
  for (const [i, strategy] of STRATEGY_SERIES.entries())
    for (const [c, category] of BREAKDOWN_CATEGORIES.slice(0, 4).entries())
      br.push(`${strategy},${category},${(4 - c) * (3 - i)}`);
  await writeFile(join(dir, 'breakdown.csv'), `${br.join('\n')}\n`);
  const blocks = ['block,params,milliseconds'];
  for (let b = 0; b < 12; b++) blocks.push(`${b},${b < 6 ? 0.3 : 4.5},${3 - b / 6}`);
  await writeFile(join(dir, 'blocks.csv'), `${blocks.join('\n')}\n`);
  [endToEnd, breakdown, perBlock] = await Promise.all(
    ['e2e', 'breakdown', 'blocks'].map((n) => readCsvRows(join(dir, `${n}.csv`))),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Checks the three files and returns the SVG; the PNG's size comes from its IHDR chunk. */
async function expectRendered(rendered: RenderedChart, spec: TopLevelSpec): Promise<string> {
  expect(JSON.parse(await readFile(rendered.specPath, 'utf8'))).toEqual(JSON.parse(JSON.stringify(spec)));
  const svg = await readFile(rendered.svgPath, 'utf8');
  expect(svg.startsWith('<svg')).toBe(true);
  const png = await readFile(rendered.pngPath);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const [width, height] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  expect([width, height]).toEqual([rendered.width, rendered.height]);
  expect(width).toBeGreaterThan(200);
  expect(height).toBeGreaterThan(100);
  expect(width * height).toBeLessThan(4000 * 4000);
  return svg;
}

async function darkPixels(png: Uint8Array): Promise<number> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  let n = 0;
  for (let i = 0; i < data.length; i += info.channels) if (data[i] < 80 && data[i + 1] < 80 && data[i + 2] < 80) n++;
  return n;
}

describe('renderChart', () => {
  it('draws grouped bars with speedup labels, one panel per facet value, the scale in the subtitle', async () => {
    const rows = withSpeedupLabels(endToEnd, {
      by: ['architecture', 'items'],
      series: 'strategy',
      baseline: 'Base',
      value: 'seconds',
    });
    const spec = groupedBarChart({
      title: { text: 'End-to-end search time', subtitle: scaleSubtitle('quick', ['4 models instead of 35']) },
      rows,
      x: { field: 'architecture', sort: ARCHS },
      group: strategies,
      y: { field: 'seconds', title: 'Time in seconds' },
      label: 'label',
      facet: { column: { field: 'items' }, independentY: true },
    });
    const rendered = await renderChart(spec, join(dir, 'grouped'));
    const svg = await expectRendered(rendered, spec);
    const base = endToEnd.find((r) => r.strategy === 'Base' && r.architecture === 'vit_l_32' && r.items === 8000)
      ?.seconds as number;
    const als = endToEnd.find((r) => r.strategy === 'Alsatian' && r.architecture === 'vit_l_32' && r.items === 8000)
      ?.seconds as number;
    for (const text of [
      'End-to-end search time',
      '- 4 models instead of 35',
      'Time in seconds',
      'resnet18',
      'Alsatian',
      `${(base / als).toFixed(1)}x`,
      '2000',
      '8000',
    ]) {
      expect(svg).toContain(text);
    }
    for (const color of Object.values(STRATEGY_COLORS)) expect(svg).toContain(color);
    // Text is drawn in the PNG: a render without any font has far fewer dark (text) pixels.
    const blank = new Resvg(rendered.svg, {
      fitTo: { mode: 'zoom', value: 2 },
      background: 'white',
      font: { loadSystemFonts: false },
    })
      .render()
      .asPng();
    expect(await darkPixels(rendered.png)).toBeGreaterThan(2 * (await darkPixels(blank)) + 500);
  });

  it('stacks breakdown categories in the paper order and colours, with totals', async () => {
    const spec = stackedBarChart({
      title: { text: 'Time breakdown' },
      rows: breakdown,
      bar: { field: 'strategy', sort: [...STRATEGY_SERIES] },
      stack: categories,
      value: { field: 'seconds', title: 'Time in seconds' },
      totals: true,
    });
    const svg = await expectRendered(await renderChart(spec, join(dir, 'stacked')), spec);
    const legend = ['prepare model', 'prepare data', 'inference', 'proxy score'].map((t) => svg.indexOf(`>${t}<`));
    expect(legend.every((i) => i > 0)).toBe(true);
    expect([...legend].sort((a, b) => a - b)).toEqual(legend);
    const baseTotal = breakdown.filter((r) => r.strategy === 'Base').reduce((s, r) => s + (r.seconds as number), 0);
    expect(svg).toContain(`>${baseTotal.toFixed(1)}<`);
    for (const c of ['#bae4bc', '#7bccc4', '#43a2ca', '#0868ac']) expect(svg).toContain(c);
  });

  it('draws 100 % horizontal bars (Fig 5)', async () => {
    const spec = stackedBarChart({
      title: { text: 'Bottlenecks' },
      rows: breakdown,
      bar: { field: 'strategy', sort: [...STRATEGY_SERIES] },
      stack: categories,
      value: { field: 'seconds', title: 'Time distribution in percent' },
      normalize: true,
      horizontal: true,
    });
    const svg = await expectRendered(await renderChart(spec, join(dir, 'normalized')), spec);
    for (const text of ['100%', '50%', 'Time distribution in percent', 'SHiFT']) expect(svg).toContain(text);
  });

  it('draws two measures on two y axes (Fig 12)', async () => {
    const spec = dualAxisChart({
      title: { text: 'Per block' },
      rows: perBlock,
      x: { field: 'block', title: 'Block' },
      left: { field: 'params', title: 'Parameters (M)' },
      right: { field: 'milliseconds', title: 'Inference time (ms)' },
    });
    const svg = await expectRendered(await renderChart(spec, join(dir, 'dual')), spec);
    for (const text of ['Parameters (M)', 'Inference time (ms)', 'Block', '#7bccc4', '#0868ac'])
      expect(svg).toContain(text);
  });

  it('draws a line per series', async () => {
    const rows = endToEnd.filter((r) => r.architecture === 'resnet18');
    const spec = lineChart({
      title: { text: 'Scaling' },
      rows,
      x: { field: 'items', title: 'Items' },
      y: { field: 'seconds' },
      series: strategies,
    });
    const svg = await expectRendered(await renderChart(spec, join(dir, 'line')), spec);
    for (const text of ['Scaling', 'Items', 'SHiFT']) expect(svg).toContain(text);
    expect(svg.match(/class="mark-line role-mark/g)).toHaveLength(new Set(rows.map((r) => r.strategy)).size);
  });
});
