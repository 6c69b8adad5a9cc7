import { describe, expect, it } from 'vitest';
import { UnavailableError, InvalidArgumentError } from '@alsatian/core';
import {
  STRATEGY_SERIES,
  STRATEGY_COLORS,
  chartToSvg,
  findFont,
  groupedBarChart,
  stackedBarChart,
  withSpeedupLabels,
} from '../src/index.ts';

const strategies = {
  field: 'strategy',
  domain: [...STRATEGY_SERIES],
  colors: STRATEGY_SERIES.map((a) => STRATEGY_COLORS[a]),
};

describe('withSpeedupLabels', () => {
  it('labels each bar with baseline / value and leaves the baseline and unmatched groups empty', () => {
    const rows = [
      { arch: 'a', strategy: 'Base', seconds: 12 },
      { arch: 'a', strategy: 'SHiFT', seconds: 8 },
      { arch: 'a', strategy: 'Alsatian', seconds: 3 },
      { arch: 'b', strategy: 'Alsatian', seconds: 3 },
    ];
    const labelled = withSpeedupLabels(rows, { by: ['arch'], series: 'strategy', baseline: 'Base', value: 'seconds' });
    expect(labelled.map((r) => r.label)).toEqual(['', '1.5x', '4.0x', '']);
    expect(rows[0]).not.toHaveProperty('label');
  });
});

describe('chart builders', () => {
  it('do not change the rows they are given', () => {
    const rows = [{ arch: 'a', strategy: 'Base', seconds: 1 }];
    const copy = structuredClone(rows);
    groupedBarChart({ title: { text: 't' }, rows, x: { field: 'arch' }, group: strategies, y: { field: 'seconds' } });
    expect(rows).toEqual(copy);
  });

  it('name the chart and the missing column', () => {
    const rows = [{ arch: 'a', strategy: 'Base', seconds: 1 }];
    expect(() =>
      groupedBarChart({
        title: { text: 'Fig 10' },
        rows,
        x: { field: 'architecture' },
        group: strategies,
        y: { field: 'seconds' },
      }),
    ).toThrow(/Chart 'Fig 10': no column 'architecture' in its rows\. Columns: arch, strategy, seconds/);
    expect(() =>
      groupedBarChart({ title: { text: 'Empty' }, rows: [], x: { field: 'a' }, group: strategies, y: { field: 's' } }),
    ).toThrow(InvalidArgumentError);
  });

  it('refuse a series whose colours do not match its values', () => {
    const rows = [{ strategy: 'Base', category: 'inference', seconds: 1 }];
    const stack = { field: 'category', domain: ['inference', 'proxy'], colors: ['#000000'] };
    expect(() =>
      stackedBarChart({ title: { text: 't' }, rows, bar: { field: 'strategy' }, stack, value: { field: 'seconds' } }),
    ).toThrow(/2 values but 1 colours/);
  });

  it('route Vega-Lite warnings to the logger', async () => {
    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, warn: (m: string) => warnings.push(m) };
    // A bar chart on a quantitative field with a log scale that starts at zero makes Vega-Lite warn.
    await chartToSvg(
      {
        data: { values: [{ x: 'a', y: 1 }] },
        mark: 'bar',
        encoding: {
          x: { field: 'x', type: 'nominal' },
          y: { field: 'y', type: 'quantitative', scale: { type: 'log' } },
        },
      },
      logger,
    );
    expect(warnings.length).toBeGreaterThan(0);
  });
});

describe('findFont', () => {
  it('says which Debian package to install when no font exists', () => {
    expect(() => findFont([{ family: 'Nope', files: ['/nonexistent/font.ttf'] }])).toThrow(UnavailableError);
    expect(() => findFont([{ family: 'Nope', files: ['/nonexistent/font.ttf'] }])).toThrow(/fonts-dejavu-core/);
  });
});
