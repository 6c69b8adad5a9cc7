import type { ChartDef, RunData } from '@alsatian/exp-shared';
import { groupedBarChart, scaleSubtitle } from '@alsatian/plot';
import type { Datum } from '@alsatian/plot';
import { MODES } from './measure.ts';
import { summarize } from './summary.ts';

export const CHART_FILES = { inference: 'inference-per-batch', session: 'session-creation' } as const;
const MODE_SERIES = { field: 'mode', title: 'sessions', domain: [...MODES], colors: ['#0868ac', '#7bccc4'] };

/** Both charts of a run: inference per batch and session creation, per architecture and thread count. */
export function fusedCharts(run: RunData): ChartDef[] {
  const subtitle = scaleSubtitle(run.scale, run.meta.reductions);
  const summary = summarize(run.rows).map(
    (s) => ({ ...s, threadsLabel: `${s.threads} thread${s.threads === 1 ? '' : 's'}` }) as Datum,
  );
  const architectures = [...new Set(summary.map((s) => String(s.architecture)))];
  const facet = { column: { field: 'threadsLabel', title: 'intra-op threads' } };
  return [
    {
      name: CHART_FILES.inference,
      spec: groupedBarChart({
        title: { text: 'Fused session vs one session per block: inference per batch', subtitle },
        rows: summary,
        x: { field: 'architecture', sort: architectures },
        group: MODE_SERIES,
        y: { field: 'batchMs', title: 'ms per batch (median)' },
        facet,
      }),
    },
    {
      name: CHART_FILES.session,
      spec: groupedBarChart({
        title: { text: 'Fused session vs one session per block: session creation', subtitle },
        rows: summary,
        x: { field: 'architecture', sort: architectures },
        group: MODE_SERIES,
        y: { field: 'sessionSeconds', title: 'session creation (s)' },
        facet,
      }),
    },
  ];
}
