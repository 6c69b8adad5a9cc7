import type { ChartDef, RunData } from '@alsatian/exp-shared';
import { lineChart, scaleSubtitle } from '@alsatian/plot';
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
export function loadingCharts(run: RunData): ChartDef[] {
  const rows = summarize(run.rows).map((s) => ({ ...s }) as Datum);
  const spec = lineChart({
    title: {
      text: `Preparing a model: store read, lowering, session creation (${run.meta.executionProvider} provider)`,
      subtitle: scaleSubtitle(run.scale, run.meta.reductions),
    },
    rows,
    x: { field: 'weightMB', title: 'weights (MB)' },
    y: { field: 'seconds', title: 'seconds (median)' },
    series: {
      field: 'stage',
      title: 'stage',
      domain: [...STAGES],
      colors: ['#bae4bc', '#7bccc4', '#43a2ca', '#0868ac'],
      labels: STAGE_LABELS,
    },
  });
  return [{ name: CHART_FILE, spec }];
}
