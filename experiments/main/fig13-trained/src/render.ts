import { join } from 'node:path';
import { CSV_FILE, readCsvRows } from '@alsatian/bench';
import type { Logger } from '@alsatian/core';
import { renderChart } from '@alsatian/plot';
import { trainedChart } from './charts.ts';

export const CHART_NAME = 'trained-end_to_end-TOP_25';

/** Renders Fig 13 of a run from its CSV into the run directory; returns the PNG file names. */
export async function renderFig13(runDir: string, logger?: Logger): Promise<string[]> {
  const rows = await readCsvRows(join(runDir, CSV_FILE));
  await renderChart(trainedChart(rows), join(runDir, CHART_NAME), { logger });
  return [`${CHART_NAME}.png`];
}
