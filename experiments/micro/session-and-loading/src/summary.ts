import { median } from '@alsatian/bench';
import type { RowValue } from '@alsatian/bench';
import { STAGES } from './measure.ts';
import type { Stage } from './measure.ts';

type CsvRow = Record<string, RowValue>;

/** Median seconds of one stage of one architecture, with the model's weight size. */
export interface StageSummary {
  readonly architecture: string;
  readonly stage: Stage;
  readonly weightMB: number;
  readonly blocks: number;
  readonly seconds: number;
  readonly pageCache: string;
}

export function summarize(rows: readonly CsvRow[]): StageSummary[] {
  const groups = new Map<string, CsvRow[]>();
  for (const r of rows) {
    const key = JSON.stringify([r.architecture, r.stage]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const out = [...groups.values()].map((g) => ({
    architecture: String(g[0].architecture),
    stage: g[0].stage as Stage,
    weightMB: Number(g[0].weightBytes) / 1e6,
    blocks: Number(g[0].blocks),
    seconds: median(g.map((r) => Number(r.seconds))),
    pageCache: String(g[0].pageCache),
  }));
  return out.sort((a, b) => a.weightMB - b.weightMB || STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage));
}
