import { canonicalJson, InvalidArgumentError, sha256Hex } from '@alsatian/core';
import type { Logger, Rng } from '@alsatian/core';
import type { Scale } from './scale.ts';

/** A parameter value of a grid cell; cells are flat records so every parameter becomes one CSV column. */
export type CellValue = string | number | boolean;
export type Cell = Readonly<Record<string, CellValue>>;

/** A measured value; `null` is written as an empty CSV field. */
export type RowValue = string | number | boolean | null;
export type Row = Readonly<Record<string, RowValue>>;

/** What a cell's code gets besides its parameters. */
export interface CellContext {
  readonly experiment: string;
  readonly scale: Scale;
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

export interface ExperimentDefinition<C extends Cell = Cell> {
  /** Folder name under the results root; also the `experiment` column. */
  readonly name: string;
  /** Paper figure this reproduces (e.g. 'fig10'); the `figure` column. */
  readonly figure: string;
  readonly description: string;
  /**
   * `import.meta.url` of the module that exports this definition. Needed to run cells in fresh processes: the
   * cell runner imports this module, so it must not start anything on import.
   */
  readonly moduleUrl?: string;
  /** Measured columns the rows of runCell may use, in CSV order (cell parameters are added by the runner). */
  readonly columns: readonly string[];
  grid(scale: Scale): readonly C[];
  repetitions(scale: Scale): number;
  /** What this scale leaves out compared with the paper, for plot subtitles and meta.json. */
  reductions?(scale: Scale): readonly string[];
  /** Fixed settings of this scale worth recording in meta.json (image size, models, budgets). */
  config?(scale: Scale): Readonly<Record<string, unknown>>;
  /** Runs one repetition of one cell and returns its tidy rows (at least one). */
  runCell(cell: C, ctx: CellContext): Promise<readonly Row[]>;
}

const BRAND = Symbol.for('@alsatian/bench.experiment');

/** Names the runner adds to every row; a grid parameter or measured column may not reuse them. */
export const RUNNER_COLUMNS = ['experiment', 'figure', 'scale', 'cellId', 'repetition'] as const;

/** Checks a definition once and brands it, so the cell runner can find it among a module's exports. */
export function defineExperiment<C extends Cell>(definition: ExperimentDefinition<C>): ExperimentDefinition<C> {
  if (!/^[a-z0-9][a-z0-9._-]*$/i.test(definition.name)) {
    throw new InvalidArgumentError(`Experiment name '${definition.name}' must be a folder-safe name (letters, digits, . _ -).`);
  }
  const seen = new Set<string>();
  for (const column of definition.columns) {
    if ((RUNNER_COLUMNS as readonly string[]).includes(column)) {
      throw new InvalidArgumentError(`Experiment '${definition.name}': column '${column}' is reserved (${RUNNER_COLUMNS.join(', ')}).`);
    }
    if (seen.has(column)) throw new InvalidArgumentError(`Experiment '${definition.name}': column '${column}' is listed twice.`);
    seen.add(column);
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
