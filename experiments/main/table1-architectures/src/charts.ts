/** Table 1's chart: model size in MB per architecture, ours next to the paper's. */
import type { ChartDef, RunData } from '@alsatian/exp-shared';
import { PAPER_TABLE1 } from '@alsatian/exp-shared';
import { groupedBarChart } from '@alsatian/plot';
import type { Datum } from '@alsatian/plot';

export const CHART_FILE = 'table1-sizes';

export function table1Charts(run: RunData): ChartDef[] {
  const ours = run.rows.filter((r) => r.metric === 'sizeMB');
  const data: Datum[] = [
    ...ours.map((r) => ({
      architecture: String(r.architecture),
      source: 'ours',
      sizeMB: Number(r.value),
      label: Number(r.value).toFixed(0),
    })),
    ...PAPER_TABLE1.map((p) => ({
      architecture: p.architecture,
      source: 'paper',
      sizeMB: p.sizeMB,
      label: p.sizeMB.toFixed(0),
    })),
  ];
  const spec = groupedBarChart({
    title: {
      text: 'Table 1: model size (MB, float32 parameters)',
      subtitle: ['ours from static shapes; paper values where the paper lists the architecture'],
    },
    rows: data,
    x: { field: 'architecture', title: 'architecture', sort: ours.map((r) => String(r.architecture)) },
    group: { field: 'source', title: 'source', domain: ['ours', 'paper'], colors: ['#0868ac', '#bae4bc'] },
    y: { field: 'sizeMB', title: 'size in MB' },
    label: 'label',
  });
  return [{ name: CHART_FILE, spec }];
}
