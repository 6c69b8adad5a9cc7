import { join } from 'node:path';
import type { Logger } from '@alsatian/core';
import { CSV_FILE, META_FILE, readCsvRows, readMeta } from '@alsatian/bench';
import { groupedBarChart, renderChart, scaleSubtitle } from '@alsatian/plot';
import type { Datum } from '@alsatian/plot';
import { MODES } from './measure.ts';
import { summarize } from './summary.ts';

export const CHART_FILES = { inference: 'inference-per-batch', session: 'session-creation' } as const;
const MODE_SERIES = { field: 'mode', title: 'sessions', domain: [...MODES], colors: ['#0868ac', '#7bccc4'] };

/** Renders both charts of a run from its results.csv into the run directory. */
export async function plotRun(runDir: string, logger?: Logger): Promise<void> {
  const rows = await readCsvRows(join(runDir, CSV_FILE));
  const subtitle = await subtitleOf(runDir);
  const summary = summarize(rows).map((s) => ({ ...s, threadsLabel: `${s.threads} thread${s.threads === 1 ? '' : 's'}` }) as Datum);
  const architectures = [...new Set(summary.map((s) => String(s.architecture)))];
  const facet = { column: { field: 'threadsLabel', title: 'intra-op threads' } };
  await renderChart(
    groupedBarChart({ title: { text: 'Fused session vs one session per block: inference per batch', subtitle }, rows: summary, x: { field: 'architecture', sort: architectures }, group: MODE_SERIES, y: { field: 'batchMs', title: 'ms per batch (median)' }, facet }),
    join(runDir, CHART_FILES.inference),
    { logger },
  );
  await renderChart(
    groupedBarChart({ title: { text: 'Fused session vs one session per block: session creation', subtitle }, rows: summary, x: { field: 'architecture', sort: architectures }, group: MODE_SERIES, y: { field: 'sessionSeconds', title: 'session creation (s)' }, facet }),
    join(runDir, CHART_FILES.session),
    { logger },
  );
}

/** The quick scale's reductions, from meta.json when the run has one. */
export async function subtitleOf(runDir: string): Promise<string[]> {
  const meta = await readMeta(join(runDir, META_FILE));
  return meta === undefined ? [] : scaleSubtitle(meta.scale, meta.reductions);
}
