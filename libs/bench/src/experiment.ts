import { canonicalJson, InvalidArgumentError, sha256Hex } from '@alsatian/core';
import type { ExecutionProvider, Logger, Rng } from '@alsatian/core';
import { SCALES } from './scale.ts';
import type { Scale } from './scale.ts';

/** A parameter value of a grid cell; cells are flat records so every parameter becomes one CSV column. */
export type CellValue = string | number | boolean;
export type Cell = Readonly<Record<string, CellValue>>;

/** A measured value; `null` is written as an empty CSV field. */
export type RowValue = string | number | boolean | null;
export type Row = Readonly<Record<string, RowValue>>;

/** What every scale of an experiment says besides its own settings. */
export interface ScaleSettings {
  readonly repetitions: number;
  /** What this scale leaves out compared with the paper (models, items, resolution), for subtitles and meta.json. */
  readonly reductions: readonly string[];
}

/** The one table of an experiment's sizes: its settings at each scale. */
export type Scales<S extends ScaleSettings> = Readonly<Record<Scale, S>>;

/**
 * Values of an experiment's own command-line options (e.g. `--checkpoints DIR`), '' when not given. They reach
 * grid() and runCell() and are recorded in meta.json, so a run says which real inputs it used.
 */
export type Inputs = Readonly<Record<string, string>>;

/** Where the models or the data of a run came from; the report states it from meta.json. */
export interface DataSource {
  readonly kind: 'synthetic' | 'real';
  /** What it is, e.g. 'seeded snapshots derived from one base' or the folder the checkpoints were imported from. */
  readonly what: string;
}

export interface Provenance {
  readonly models?: DataSource;
  readonly dataset?: DataSource;
}

/** What a cell's code gets besides its parameters. */
export interface CellContext<S extends ScaleSettings = ScaleSettings> {
  readonly experiment: string;
  readonly scale: Scale;
  /** The scale's row of the experiment's `scales`. */
  readonly settings: S;
  readonly inputs: Inputs;
  /** The execution provider every engine of the cell must use (`--ep`). */
  readonly ep: ExecutionProvider;
  readonly seed: number;
  /** 0-based repetition of this cell. */
  readonly repetition: number;
  readonly cellId: string;
  /** The run directory; a cell may keep scratch files here (under a name of its own). */
  readonly runDir: string;
  /** Derived from (seed, experiment, cell), not the repetition: repetitions redo the same work to measure time. */
  readonly rng: Rng;
  readonly logger: Logger;
}

export interface ExperimentDefinition<C extends Cell = Cell, S extends ScaleSettings = ScaleSettings> {
  /** Folder name under the results root; also the `experiment` column. */
  readonly name: string;
  /** Paper figure this reproduces (e.g. 'fig10'); the `figure` column. */
  readonly figure: string;
  readonly description: string;
  /** Measured columns the rows of runCell may use, in CSV order (cell parameters are added by the runner). */
  readonly columns: readonly string[];
  readonly scales: Scales<S>;
  /** The experiment's own options: name -> help text (values arrive in `inputs`, '' when absent). */
  readonly inputs?: Readonly<Record<string, string>>;
  /** The cells of one scale. Must not start anything: the cell runner imports the module in every unit process. */
  grid(settings: S, run: { readonly scale: Scale; readonly inputs: Inputs }): readonly C[];
  /** Which models and data the run uses (synthetic or real, and what), recorded in meta.json. */
  provenance?(settings: S, inputs: Inputs): Provenance;
  /**
   * The scale's reductions when inputs change them (real checkpoints bring their own count); default
   * settings.reductions.
   */
  reductions?(settings: S, inputs: Inputs): readonly string[];
  /** Runs one repetition of one cell and returns its tidy rows (at least one). */
  runCell(cell: C, ctx: CellContext<S>): Promise<readonly Row[]>;
}

const BRAND = Symbol.for('@alsatian/bench.experiment');

/** Names the runner adds to every row; a grid parameter or measured column may not reuse them. */
export const RUNNER_COLUMNS = ['experiment', 'figure', 'scale', 'cellId', 'repetition'] as const;

/** Checks a definition once and brands it, so the cell runner can find it among a module's exports. */
export function defineExperiment<C extends Cell, S extends ScaleSettings, E extends object = object>(
  definition: ExperimentDefinition<C, S> & E,
): ExperimentDefinition<C, S> & E {
  const where = `Experiment '${definition.name}'`;
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(definition.name)) {
    throw new InvalidArgumentError(
      `Experiment name '${definition.name}' must be a folder-safe name (letters, digits, . _ -).`,
    );
  }
  const seen = new Set<string>();
  for (const column of definition.columns) {
    if ((RUNNER_COLUMNS as readonly string[]).includes(column)) {
      throw new InvalidArgumentError(`${where}: column '${column}' is reserved (${RUNNER_COLUMNS.join(', ')}).`);
    }
    if (seen.has(column)) throw new InvalidArgumentError(`${where}: column '${column}' is listed twice.`);
    seen.add(column);
  }
  for (const scale of SCALES) {
    const settings = definition.scales[scale];
    if (settings === undefined)
      throw new InvalidArgumentError(
        `${where}: scales has no '${scale}' entry; every scale (${SCALES.join(', ')}) needs one.`,
      );
    if (!Number.isInteger(settings.repetitions) || settings.repetitions < 1) {
      throw new InvalidArgumentError(
        `${where}: scales.${scale}.repetitions is ${settings.repetitions}; it must be a positive integer.`,
      );
    }
  }
  return Object.freeze({ ...definition, [BRAND]: true });
}

export function isExperimentDefinition(value: unknown): value is ExperimentDefinition {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** The id of a cell: a hash of its canonical JSON, prefixed so CSV readers never take it for a number. */
export function cellIdOf(cell: Cell): string {
  return `c${sha256Hex(canonicalJson(cell)).slice(0, 15)}`;
}

/** Every declared input, '' where `given` lacks it; an input the experiment does not declare is an error. */
export function resolveInputs(definition: Pick<ExperimentDefinition, 'name' | 'inputs'>, given: Inputs = {}): Inputs {
  const declared = Object.keys(definition.inputs ?? {});
  const unknown = Object.keys(given).filter((k) => !declared.includes(k));
  if (unknown.length > 0) {
    throw new InvalidArgumentError(
      `Experiment '${definition.name}' has no option ${unknown.map((k) => `--${k}`).join(', ')}. Its own ` +
        `options: ${declared.map((k) => `--${k}`).join(', ') || 'none'}.`,
    );
  }
  return Object.fromEntries(declared.map((k) => [k, given[k] ?? '']));
}
