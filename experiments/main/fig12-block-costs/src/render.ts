import { join } from 'node:path';
import { CSV_FILE, readCsvRows } from '@alsatian/bench';
import type { Logger } from '@alsatian/core';
import { renderChart } from '@alsatian/plot';
import { blockCostCharts } from './charts.ts';

/** Renders every Fig 12 chart of a run from its CSV into the run directory; returns the PNG file names. */
export async function renderFig12(runDir: string, logger?: Logger): Promise<string[]> {
  const rows = await readCsvRows(join(runDir, CSV_FILE));
  const files: string[] = [];
  for (const { name, spec } of blockCostCharts(rows)) {
    await renderChart(spec, join(runDir, name), { logger });
    files.push(`${name}.png`);
  }
  return files;
}
