import { join } from 'node:path';
import type { Logger } from '@alsatian/core';
import { CSV_FILE, META_FILE, readCsvRows, readMeta } from '@alsatian/bench';
import { APPROACH_COLORS, groupedBarChart, renderChart, scaleSubtitle } from '@alsatian/plot';
import type { Datum } from '@alsatian/plot';
import { proxySummaries } from './agreement.ts';
import { APPROACHES, PROXIES } from './experiment.ts';

export const CHART_FILE = 'time-per-proxy';

/** Grouped bars per proxy (Base, Alsatian): proxy-scoring seconds and search total, one panel each. */
export async function plotRun(runDir: string, logger?: Logger): Promise<void> {
  const summaries = proxySummaries(await readCsvRows(join(runDir, CSV_FILE)));
  const rows: Datum[] = summaries.flatMap((s) => [
    { proxy: s.proxy, approach: s.approach, measure: 'proxy scoring', seconds: s.proxySeconds },
    { proxy: s.proxy, approach: s.approach, measure: 'search total', seconds: s.totalSeconds },
  ]);
  const meta = await readMeta(join(runDir, META_FILE));
  const spec = groupedBarChart({
    title: { text: 'Proxies compared on the same search: time', subtitle: meta === undefined ? undefined : scaleSubtitle(meta.scale, meta.reductions) },
    rows,
    x: { field: 'proxy', sort: [...PROXIES] },
    group: { field: 'approach', domain: [...APPROACHES], colors: APPROACHES.map((a) => APPROACH_COLORS[a]) },
    y: { field: 'seconds', title: 'seconds' },
    facet: { column: { field: 'measure', sort: ['proxy scoring', 'search total'] }, independentY: true },
  });
  await renderChart(spec, join(runDir, CHART_FILE), { logger });
}
