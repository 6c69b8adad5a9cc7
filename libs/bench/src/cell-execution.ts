import { InvalidArgumentError, Rng } from '@alsatian/core';
import type { ExecutionProvider, Logger } from '@alsatian/core';
import type { Cell, CellContext, ExperimentDefinition, Inputs, Row } from './experiment.ts';
import type { Scale } from './scale.ts';

/** Everything one unit (a cell and one repetition) needs; plain JSON so it can cross into a fresh process. */
export interface CellRequest {
  readonly experiment: string;
  readonly moduleUrl: string;
  readonly cell: Cell;
  readonly cellId: string;
  readonly repetition: number;
  readonly scale: Scale;
  readonly inputs: Inputs;
  readonly ep: ExecutionProvider;
  readonly seed: number;
  readonly runDir: string;
  /** Where the fresh process writes its rows (or its error) as JSON. */
  readonly outPath: string;
}

/** Runs one unit in this process and checks its rows against the definition's columns. */
export async function executeCell(
  definition: ExperimentDefinition,
  request: CellRequest,
  logger: Logger,
): Promise<Row[]> {
  const ctx: CellContext = {
    experiment: definition.name,
    scale: request.scale,
    settings: definition.scales[request.scale],
    inputs: request.inputs,
    ep: request.ep,
    seed: request.seed,
    repetition: request.repetition,
    cellId: request.cellId,
    runDir: request.runDir,
    rng: Rng.derive(request.seed, definition.name, request.cellId),
    logger,
  };
  const rows = await definition.runCell(request.cell, ctx);
  checkRows(definition, request.cell, rows);
  return [...rows];
}

function checkRows(definition: ExperimentDefinition, cell: Cell, rows: readonly Row[]): void {
  const where = `Experiment '${definition.name}', cell ${JSON.stringify(cell)}`;
  if (rows.length === 0)
    throw new InvalidArgumentError(`${where}: runCell returned no rows; every unit must record at least one.`);
  const allowed = new Set(definition.columns);
  for (const row of rows) {
    for (const [column, value] of Object.entries(row)) {
      if (!allowed.has(column)) {
        throw new InvalidArgumentError(
          `${where}: row column '${column}' is not declared. Declared columns: ${definition.columns.join(', ')}.`,
        );
      }
      if (typeof value === 'number' && !Number.isFinite(value)) {
        throw new InvalidArgumentError(`${where}: column '${column}' is ${value}; only finite numbers can be written.`);
      }
      // One record per line is what lets a resumed run cut a torn last line safely.
      if (typeof value === 'string' && /[\r\n]/.test(value)) {
        throw new InvalidArgumentError(
          `${where}: column '${column}' holds a line break; CSV values must be single-line.`,
        );
      }
      if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
        throw new InvalidArgumentError(
          `${where}: column '${column}' holds a ${typeof value}; use string, number, boolean or null.`,
        );
      }
    }
  }
}
