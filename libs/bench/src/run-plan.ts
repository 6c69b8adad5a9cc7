import { InvalidArgumentError } from '@alsatian/core';
import type { ExecutionProvider, Json, Logger } from '@alsatian/core';
import { cellIdOf, RUNNER_COLUMNS } from './experiment.ts';
import type { Cell, ExperimentDefinition, Inputs } from './experiment.ts';

/** Everything runExperiment resolved from the definition and options before running a unit. */
export interface RunPlan {
  runDir: string;
  csvPath: string;
  metaPath: string;
  runId: string;
  seed: number;
  ep: ExecutionProvider;
  inputs: Inputs;
  config: Json;
  header: string[];
  cells: readonly Cell[];
  cellIds: string[];
  repetitions: number;
  freshProcess: boolean;
  dropPages: boolean;
  logger: Logger;
}

/** Runner columns, then every grid parameter (first appearance order), then the definition's measured columns. */
export function csvHeader(definition: ExperimentDefinition, cells: readonly Cell[]): string[] {
  const parameters: string[] = [];
  const seen = new Set<string>();
  for (const cell of cells) {
    const id = cellIdOf(cell);
    if (seen.has(id))
      throw new InvalidArgumentError(
        `Experiment '${definition.name}': the grid lists cell ${JSON.stringify(cell)} twice.`,
      );
    seen.add(id);
    for (const key of Object.keys(cell)) {
      if (parameters.includes(key)) continue;
      if ((RUNNER_COLUMNS as readonly string[]).includes(key) || definition.columns.includes(key)) {
        throw new InvalidArgumentError(
          `Experiment '${definition.name}': grid parameter '${key}' clashes with a runner or measured column.`,
        );
      }
      parameters.push(key);
    }
  }
  return [...RUNNER_COLUMNS, ...parameters, ...definition.columns];
}
