import { median } from '@alsatian/bench';
import type { RowValue } from '@alsatian/bench';
import { MODES } from './measure.ts';
import type { Mode } from './measure.ts';

type CsvRow = Record<string, RowValue>;

/** Medians per (architecture, threads, mode): ms per batch and seconds of session creation and lowering. */
export interface ModeSummary {
  readonly architecture: string;
  readonly threads: number;
  readonly mode: Mode;
  readonly sessions: number;
  readonly batchMs: number;
  readonly sessionSeconds: number;
  readonly lowerSeconds: number;
}

export function summarize(rows: readonly CsvRow[]): ModeSummary[] {
  const keys = new Map<string, { architecture: string; threads: number; mode: Mode }>();
  for (const r of rows)
    keys.set(JSON.stringify([r.architecture, r.threads, r.mode]), {
      architecture: String(r.architecture),
      threads: Number(r.threads),
      mode: r.mode as Mode,
    });
  const out: ModeSummary[] = [];
  for (const key of keys.values()) {
    const mine = rows.filter(
      (r) => r.architecture === key.architecture && Number(r.threads) === key.threads && r.mode === key.mode,
    );
    const values = (metric: string) => mine.filter((r) => r.metric === metric).map((r) => Number(r.seconds));
    const batches = values('batch');
    if (batches.length === 0) continue;
    out.push({
      ...key,
      sessions: Number(mine[0].sessions),
      batchMs: median(batches) * 1000,
      sessionSeconds: median(values('session')),
      lowerSeconds: median(values('lower')),
    });
  }
  // Architectures keep the grid's order (small to large); within one, threads then mode.
  const order = [...new Set(out.map((s) => s.architecture))];
  return out.sort(
    (a, b) =>
      order.indexOf(a.architecture) - order.indexOf(b.architecture) ||
      a.threads - b.threads ||
      MODES.indexOf(a.mode) - MODES.indexOf(b.mode),
  );
}
