import { join } from 'node:path';
import { CSV_FILE, readCsvRows } from '@alsatian/bench';
import type { Logger } from '@alsatian/core';
import { renderChart } from '@alsatian/plot';
import { bottleneckChart } from './charts.ts';

export const CHART_NAME = 'normalized-bottleneck-analysis';

/** Renders Fig 5 of a run from its CSV into the run directory; returns the PNG file names. */
export async function renderFig05(runDir: string, logger?: Logger): Promise<string[]> {
  const rows = await readCsvRows(join(runDir, CSV_FILE));
  await renderChart(bottleneckChart(rows), join(runDir, CHART_NAME), { logger });
  return [`${CHART_NAME}.png`];
}
