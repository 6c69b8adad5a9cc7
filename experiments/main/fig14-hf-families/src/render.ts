import { join } from 'node:path';
import { CSV_FILE, readCsvRows } from '@alsatian/bench';
import type { Logger } from '@alsatian/core';
import { renderChart } from '@alsatian/plot';
import { familiesCharts } from './charts.ts';

/** Renders Fig 14 of a run from its CSV into the run directory; returns the PNG file names. */
export async function renderFig14(runDir: string, logger?: Logger): Promise<string[]> {
  const rows = await readCsvRows(join(runDir, CSV_FILE));
  const files: string[] = [];
  for (const { name, spec } of familiesCharts(rows)) {
    await renderChart(spec, join(runDir, name), { logger });
    files.push(`${name}.png`);
  }
  return files;
}
