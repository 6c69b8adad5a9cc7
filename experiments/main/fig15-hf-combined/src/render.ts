import { join } from 'node:path';
import { CSV_FILE, readCsvRows } from '@alsatian/bench';
import type { Logger } from '@alsatian/core';
import { renderChart } from '@alsatian/plot';
import { combinedBreakdownChart, combinedChart } from './charts.ts';

/** Renders Fig 15 (end to end and breakdown) of a run from its CSV into the run directory; returns the PNG names. */
export async function renderFig15(runDir: string, logger?: Logger): Promise<string[]> {
  const rows = await readCsvRows(join(runDir, CSV_FILE));
  await renderChart(combinedChart(rows), join(runDir, 'combined-end_to_end'), { logger });
  await renderChart(combinedBreakdownChart(rows), join(runDir, 'combined-breakdown'), { logger });
  return ['combined-end_to_end.png', 'combined-breakdown.png'];
}
