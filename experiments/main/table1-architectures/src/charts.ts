/** Table 1's chart: model size in MB per architecture, ours next to the paper's. Reads only the run's CSV. */
import { join } from 'node:path';
import { CSV_FILE, readCsvRows } from '@alsatian/bench';
import type { Logger } from '@alsatian/core';
import { PAPER_TABLE1 } from '@alsatian/exp-shared';
import { groupedBarChart, renderChart } from '@alsatian/plot';
import type { Datum } from '@alsatian/plot';

export const CHART_FILE = 'table1-sizes';

export async function plotTable1(runDir: string, logger?: Logger): Promise<string[]> {
  const rows = await readCsvRows(join(runDir, CSV_FILE));
  const ours = rows.filter((r) => r.metric === 'sizeMB');
  const data: Datum[] = [
    ...ours.map((r) => ({ architecture: String(r.architecture), source: 'ours', sizeMB: Number(r.value), label: Number(r.value).toFixed(0) })),
    ...PAPER_TABLE1.map((p) => ({ architecture: p.architecture, source: 'paper', sizeMB: p.sizeMB, label: p.sizeMB.toFixed(0) })),
  ];
  const spec = groupedBarChart({
    title: { text: 'Table 1: model size (MB, float32 parameters)', subtitle: ['ours from static shapes; paper values where the paper lists the architecture'] },
    rows: data,
    x: { field: 'architecture', title: 'architecture', sort: ours.map((r) => String(r.architecture)) },
    group: { field: 'source', title: 'source', domain: ['ours', 'paper'], colors: ['#0868ac', '#bae4bc'] },
    y: { field: 'sizeMB', title: 'size in MB' },
    label: 'label',
  });
  await renderChart(spec, join(runDir, CHART_FILE), { logger });
  return [`${CHART_FILE}.png`];
}
