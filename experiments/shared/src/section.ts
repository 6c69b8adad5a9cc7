import type { Logger } from '@alsatian/core';
import type { Experiment } from './experiment.ts';
import { runFacts } from './facts.ts';
import { plotRun } from './plot-run.ts';
import type { ReportChart } from './plot-run.ts';
import { loadRun } from './run-data.ts';

/** One experiment's part of results/REPORT.md and REPORT.html. */
export interface ReportSection {
  /** The experiment's name (its results folder), e.g. 'fig10-end-to-end'. */
  readonly id: string;
  readonly title: string;
  /** The paper figure or table it reproduces, e.g. 'fig10'. */
  readonly figure: string;
  /** How the run was measured, from its meta.json (machine, provider, page cache, data, scale). */
  readonly facts: readonly string[];
  readonly charts: readonly ReportChart[];
  /** The experiment's computed body (Markdown). */
  readonly markdown: string;
}

/** Loads a run, renders its charts and builds its section. */
export async function buildSection(experiment: Experiment, runDir: string, logger?: Logger): Promise<ReportSection> {
  const run = await loadRun(experiment, runDir);
  const charts = await plotRun(experiment, run, logger);
  return {
    id: experiment.name,
    title: experiment.title,
    figure: experiment.figure,
    facts: runFacts(run.meta),
    charts,
    markdown: experiment.report(run),
  };
}
