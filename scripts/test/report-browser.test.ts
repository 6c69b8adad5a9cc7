/**
 * REPORT.html in a real browser: Debian's headless Chromium opens the page from disk (no network allowed) and
 * every chart must draw marks and non-blank pixels; hovering a mark shows its data row. A page with an empty chart
 * checks that the blank detector fails. Skipped only outside CI when /usr/bin/chromium is missing; in CI it runs.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupedBarChart } from '@alsatian/plot';
import type { ExperimentOutcome } from '../report/build.ts';
import { writeReportAssets } from '../report/assets.ts';
import { reportHtml } from '../report/html.ts';
import { everyExperiment, fixtureSection, SMALL_MACHINE } from './fixture-runs.ts';

const CHROMIUM = '/usr/bin/chromium';
/** Flags that keep Chromium off the network and out of the user's profile on this closed machine. */
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const available = existsSync(CHROMIUM);
if (!available && process.env.CI === undefined) {
  process.stderr.write(
    `report-browser.test.ts: skipped, ${CHROMIUM} is not installed (apt-get install chromium; .ci/run installs it)\n`,
  );
}

interface ChartCheck {
  readonly name: string;
  readonly render: string | null;
  readonly marks: number;
  /** Share of the view's pixels that differ from its background. */
  readonly inked: number;
}

/** Opens a report page and checks every view: rendered, with data marks, and with pixels that are not background. */
async function checkCharts(page: Page, file: string): Promise<ChartCheck[]> {
  await page.goto(pathToFileURL(file).href);
  await page.evaluate(() => (globalThis as unknown as { chartsDone: Promise<unknown> }).chartsDone);
  const views = page.locator('.view');
  const checks: ChartCheck[] = [];
  for (let i = 0; i < (await views.count()); i++) {
    const view = views.nth(i);
    // Marks with an extent: a bar of zero height or an empty path draws nothing.
    const marks = await view.evaluate(
      (el) =>
        [...el.querySelectorAll('svg g.role-mark > path, svg g.role-mark > line')].filter((m) => {
          const box = (m as unknown as { getBBox(): { width: number; height: number } }).getBBox();
          return box.width > 0 || box.height > 0;
        }).length,
    );
    const png = await view.screenshot();
    const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    let inked = 0;
    for (let p = 0; p < data.length; p += info.channels)
      if (Math.abs(data[p] - data[0]) + Math.abs(data[p + 1] - data[1]) + Math.abs(data[p + 2] - data[2]) > 30) inked++;
    checks.push({
      name: String(await view.getAttribute('data-chart')),
      render: await view.getAttribute('data-render'),
      marks,
      inked: inked / (info.width * info.height),
    });
  }
  return checks;
}

const blank = (c: ChartCheck) => c.render !== 'ok' || c.marks === 0 || c.inked < 0.01;

describe.skipIf(!available && process.env.CI === undefined)('REPORT.html in headless Chromium', () => {
  let dir: string;
  let context: BrowserContext;
  const requests: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'report-browser-'));
    const outcomes: ExperimentOutcome[] = [];
    for (const { pkg, experiment } of await everyExperiment()) {
      outcomes.push({
        name: pkg.name,
        group: pkg.group,
        status: 'ok',
        seconds: 1,
        section: await fixtureSection(experiment, SMALL_MACHINE, join(dir, pkg.name, 'quick')),
      });
    }
    await writeReportAssets(dir);
    await writeFile(
      join(dir, 'REPORT.html'),
      reportHtml({ scale: 'quick', startedAt: '2026-01-01T00:00:00Z', wallSeconds: 10, outcomes }),
    );
    // A chart whose data came out empty: axes and title draw, no bar does.
    const full = groupedBarChart({
      title: { text: 'empty' },
      rows: [{ x: 'a', g: 'a', y: 1 }],
      x: { field: 'x' },
      group: { field: 'g', domain: ['a'], colors: ['#000000'] },
      y: { field: 'y' },
    });
    const empty = { ...full, data: { values: [] } } as typeof full;
    const section = {
      id: 'empty',
      title: 'Empty',
      figure: 'none',
      facts: [],
      markdown: '',
      charts: [{ name: 'empty', image: 'none.png', spec: empty }],
    };
    await writeFile(
      join(dir, 'EMPTY.html'),
      reportHtml({
        scale: 'quick',
        startedAt: '',
        wallSeconds: 0,
        outcomes: [{ name: 'empty', group: 'main', status: 'ok', seconds: 0, section }],
      }),
    );
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport: { width: 1400, height: 900 },
    });
    // Only files under the report folder may load: anything else would need a network.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith('file:')) return route.continue();
      requests.push(url);
      return route.abort();
    });
  }, 300_000);

  afterAll(async () => {
    await context?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('draws every chart of every experiment from disk, with marks and ink, and requests nothing from a network', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    const checks = await checkCharts(page, join(dir, 'REPORT.html'));
    await page.screenshot({ path: join(tmpdir(), 'alsatian-report-browser.png'), fullPage: true });
    const experiments = await everyExperiment();
    expect(checks.length).toBeGreaterThanOrEqual(experiments.length);
    expect(checks.filter(blank)).toEqual([]);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
  }, 300_000);

  it('shows the data row of the mark under the cursor', async () => {
    const page = await context.newPage();
    await page.goto(pathToFileURL(join(dir, 'REPORT.html')).href);
    await page.evaluate(() => (globalThis as unknown as { chartsDone: Promise<unknown> }).chartsDone);
    const mark = page.locator('[data-chart="fig10-end-to-end"] svg g.role-mark > path').first();
    await mark.scrollIntoViewIfNeeded();
    const box = (await mark.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const tooltip = page.locator('#tooltip');
    await expect.poll(() => tooltip.isVisible()).toBe(true);
    const text = await tooltip.innerText();
    for (const field of ['architecture', 'distribution', 'items', 'strategy', 'seconds']) expect(text).toContain(field);
  }, 120_000);

  it('finds a chart without data blank', async () => {
    const checks = await checkCharts(await context.newPage(), join(dir, 'EMPTY.html'));
    expect(checks).toHaveLength(1);
    expect(blank(checks[0])).toBe(true);
  }, 120_000);
});
