import { join } from 'node:path';
import type { ScaleSettings } from '@alsatian/bench';
import type { Logger } from '@alsatian/core';
import { renderChart } from '@alsatian/plot';
import type { TopLevelSpec } from '@alsatian/plot';
import type { Experiment, RunData } from './experiment.ts';
import { imagePath } from './markdown.ts';

/** A rendered chart: its PNG relative to the results root (for REPORT.md) and its spec (for the live HTML view). */
export interface ReportChart {
  readonly name: string;
  readonly image: string;
  readonly spec: TopLevelSpec;
}

/** Renders every chart of a run into its run directory (.vl.json, .svg, .png). */
export async function plotRun<S extends ScaleSettings>(
  experiment: Pick<Experiment, 'name'> & { charts(run: RunData<S>): ReturnType<Experiment['charts']> },
  run: RunData<S>,
  logger?: Logger,
): Promise<ReportChart[]> {
  const out: ReportChart[] = [];
  for (const chart of experiment.charts(run)) {
    await renderChart(chart.spec, join(run.runDir, chart.name), { logger });
    out.push({ name: chart.name, image: imagePath(run.runDir, `${chart.name}.png`), spec: chart.spec });
  }
  return out;
}
