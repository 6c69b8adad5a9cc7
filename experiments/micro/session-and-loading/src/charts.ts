import { join } from 'node:path';
import type { Logger } from '@alsatian/core';
import { CSV_FILE, META_FILE, readCsvRows, readMeta } from '@alsatian/bench';
import { lineChart, renderChart, scaleSubtitle } from '@alsatian/plot';
import type { Datum } from '@alsatian/plot';
import { STAGES } from './measure.ts';
import { summarize } from './summary.ts';

export const CHART_FILE = 'preparation-vs-weights';

export const STAGE_LABELS: Readonly<Record<string, string>> = {
  readThrottled: 'read at 200 MB/s',
  readUnthrottled: 'read unthrottled',
  lower: 'lower to ONNX',
  session: 'session creation',
};

/** One line per stage over the architectures' weight size. */
export async function plotRun(runDir: string, logger?: Logger): Promise<void> {
  const rows = summarize(await readCsvRows(join(runDir, CSV_FILE))).map((s) => ({ ...s }) as Datum);
  const meta = await readMeta(join(runDir, META_FILE));
  const spec = lineChart({
    title: { text: 'Preparing a model: store read, lowering, session creation', subtitle: meta === undefined ? undefined : scaleSubtitle(meta.scale, meta.reductions) },
    rows,
    x: { field: 'weightMB', title: 'weights (MB)' },
    y: { field: 'seconds', title: 'seconds (median)' },
    series: { field: 'stage', title: 'stage', domain: [...STAGES], colors: ['#bae4bc', '#7bccc4', '#43a2ca', '#0868ac'], labels: STAGE_LABELS },
  });
  await renderChart(spec, join(runDir, CHART_FILE), { logger });
}
