import { join } from 'node:path';
import { CSV_FILE, readCsvRows } from '@alsatian/bench';
import type { Logger } from '@alsatian/core';
import { renderChart } from '@alsatian/plot';
import { bertChart } from './charts.ts';

export const CHART_NAME = 'bert-end_to_end';

/** Renders Fig 17 of a run from its CSV into the run directory; returns the PNG file names. */
export async function renderFig17(runDir: string, logger?: Logger): Promise<string[]> {
  const rows = await readCsvRows(join(runDir, CSV_FILE));
  await renderChart(bertChart(rows), join(runDir, CHART_NAME), { logger });
  return [`${CHART_NAME}.png`];
}
