import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reportHtml, reportMarkdown } from '../report/build.ts';
import type { ReportInput } from '../report/build.ts';
import { discoverExperiments, selectExperiments } from '../report/discover.ts';
import { markdownToHtml } from '../report/markdown-html.ts';

const input: ReportInput = {
  scale: 'quick',
  startedAt: '2026-11-28T16:00:00.000Z',
  wallSeconds: 125,
  machine: 'Machine: 2 cores.',
  outcomes: [
    {
      name: 'fig10-end-to-end', group: 'main', status: 'ok', seconds: 100,
      section: { id: 'fig10-end-to-end', title: 'Fig 10: end-to-end', figure: 'fig10', markdown: '| a | b |\n|---|---|\n| 1.0 | 4.4x |\n\nWhere ours differ: CPU <not GPU>.', images: ['fig10-end-to-end/quick/fig10-end-to-end.png'] },
    },
    { name: 'fig16-memory', group: 'main', status: 'run-failed', seconds: 20, error: 'exit code 1; last output:\nBudgetError: too small' },
    { name: 'cache-vs-recompute', group: 'micro', status: 'no-report', seconds: Number.NaN },
  ],
};

describe('reproduction report', () => {
  it('lists every experiment with its status and embeds sections, images and failures', () => {
    const md = reportMarkdown(input);
    expect(md).toContain('took 2 min 05 s');
    expect(md).toContain('**1 of 3 experiments failed**: fig16-memory');
    expect(md).toContain('| [fig10-end-to-end](#fig10-end-to-end) | main | ok | 1 min 40 s |');
    expect(md).toContain('| fig16-memory | main | FAILED (run) | 20 s |');
    expect(md).toContain('![fig10](fig10-end-to-end/quick/fig10-end-to-end.png)');
    expect(md).toContain('BudgetError: too small');
    expect(md).toContain('cache-vs-recompute has no src/report.ts');
    expect(md).toContain('| cache-vs-recompute | micro | ran; no report.ts | not run (report only) |');
    // Sections follow the order of the outcomes.
    expect(md.indexOf('## Fig 10: end-to-end')).toBeLessThan(md.indexOf('## fig16-memory'));
  });

  it('the HTML has the charts as relative <img>, tables as <table>, and escapes text', () => {
    const html = reportHtml(input);
    expect(html).toContain('<img alt="fig10" src="fig10-end-to-end/quick/fig10-end-to-end.png">');
    expect(html).toContain('<td>4.4x</td>');
    expect(html).toContain('CPU &lt;not GPU&gt;');
    expect(html).toContain('<a id="fig16-memory"></a>');
    expect(html).toMatch(/^<!doctype html>/);
  });

  it('markdownToHtml handles headings, lists, code and escaped pipes in tables', () => {
    const html = markdownToHtml('# T\n\n- one\n- **two**\n\n| x |\n|---|\n| a \\| b |\n\n```\n<x>\n```');
    expect(html).toBe('<h1>T</h1>\n<ul><li>one</li><li><strong>two</strong></li></ul>\n<table><thead><tr><th>x</th></tr></thead><tbody><tr><td>a | b</td></tr></tbody></table>\n<pre><code>&lt;x&gt;</code></pre>');
  });

  it('discovers this repository\'s experiments: main by number (tables first), then side, then micro', () => {
    const all = discoverExperiments(fileURLToPath(new URL('../..', import.meta.url)));
    const names = all.map((p) => p.name);
    expect(names).toContain('fig10-end-to-end');
    expect(names.indexOf('table1-architectures')).toBeLessThan(names.indexOf('fig10-end-to-end'));
    expect(names.indexOf('fig10-end-to-end')).toBeLessThan(names.indexOf('fig16-memory'));
    const groups = all.map((p) => p.group);
    expect([...groups].sort((a, b) => ['main', 'side', 'micro'].indexOf(a) - ['main', 'side', 'micro'].indexOf(b))).toEqual(groups);
    expect(selectExperiments(all, ['fig16-memory', 'table1-architectures']).map((p) => p.name)).toEqual(['table1-architectures', 'fig16-memory']);
    expect(() => selectExperiments(all, ['fig99'])).toThrow(/no experiment named 'fig99'. Valid: .*fig10-end-to-end/);
  });
});
