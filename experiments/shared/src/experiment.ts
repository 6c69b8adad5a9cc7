/**
 * An experiment is one declarative object: its scales, grid and cell (run by @alsatian/bench), its charts and its
 * report section, both computed from a finished run's CSV and meta.json. The shared entry points (main.ts) run,
 * plot and report any such object; a package only exports one from src/experiment.ts.
 */
import { defineExperiment as defineBenchExperiment } from '@alsatian/bench';
import type { Cell, ExperimentDefinition, Inputs, RowValue, RunMeta, Scale, ScaleSettings } from '@alsatian/bench';
import type { TopLevelSpec } from '@alsatian/plot';

export type CsvRow = Readonly<Record<string, RowValue>>;

/** A finished (or partial) run as charts and reports see it. */
export interface RunData<S extends ScaleSettings = ScaleSettings> {
  readonly runDir: string;
  readonly scale: Scale;
  /** The scale's row of the experiment's `scales`. */
  readonly settings: S;
  readonly inputs: Inputs;
  readonly meta: RunMeta;
  readonly rows: readonly CsvRow[];
}

/** One chart: its file name (without extension, inside the run directory) and its Vega-Lite spec. */
export interface ChartDef {
  readonly name: string;
  readonly spec: TopLevelSpec;
}

export interface Experiment<
  C extends Cell = Cell,
  S extends ScaleSettings = ScaleSettings,
> extends ExperimentDefinition<C, S> {
  /** Section heading of the report, e.g. 'Fig 10: end-to-end search time'. */
  readonly title: string;
  /** The charts of a run, from its rows only. */
  charts(run: RunData<S>): readonly ChartDef[];
  /**
   * The section body in Markdown: tables of ours beside the paper's (from the catalogue) and sentences computed
   * from the run. Facts about the machine, provider, page cache and data are added by the shared report from
   * meta.json; a body never states them itself.
   */
  report(run: RunData<S>): string;
}

/** Checks and brands an experiment (see @alsatian/bench's defineExperiment). */
export function defineExperiment<C extends Cell, S extends ScaleSettings>(
  experiment: Experiment<C, S>,
): Experiment<C, S> {
  return defineBenchExperiment<C, S, Pick<Experiment<C, S>, 'title' | 'charts' | 'report'>>(experiment);
}

export function isExperiment(value: unknown): value is Experiment {
  const e = value as Partial<Experiment> | undefined;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.charts === 'function' &&
    typeof e.report === 'function' &&
    typeof e.runCell === 'function'
  );
}
