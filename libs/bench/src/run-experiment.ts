import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { EXECUTION_PROVIDERS, InvalidArgumentError, silentLogger } from '@alsatian/core';
import type { ExecutionProvider, Json, Logger } from '@alsatian/core';
import { executeCell } from './cell-execution.ts';
import type { CellRequest } from './cell-execution.ts';
import { CELL_PROCESS_ENV, runInFreshProcess } from './cell-process.ts';
import { dropPageCache } from './cold-cache.ts';
import type { CacheDropper } from './cold-cache.ts';
import { CsvLog } from './csv-log.ts';
import { cellIdOf, resolveInputs } from './experiment.ts';
import type { Cell, ExperimentDefinition, Inputs, RowValue, ScaleSettings } from './experiment.ts';
import { CSV_FILE, META_FILE, writeMeta } from './meta.ts';
import { csvHeader } from './run-plan.ts';
import type { RunPlan } from './run-plan.ts';
import { finishSession, recordDrop, startMeta } from './session-meta.ts';
import { ProgressClock } from './progress.ts';
import type { RunProgressListener } from './progress.ts';
import type { Scale } from './scale.ts';
import { acquireRunLock } from './run-lock.ts';

export interface RunOptions {
  readonly scale: Scale;
  /** Results root; the run lives in `<resultsDir>/<experiment>/<runId>/`. */
  readonly resultsDir: string;
  /** Default: the scale, so re-running the same command resumes a killed run. */
  readonly runId?: string;
  /** Default 42, the seed of the paper's data sampling. */
  readonly seed?: number;
  /** Run every unit in its own Node process (default true); false runs in this process (tests). */
  readonly freshProcess?: boolean;
  /** Drop the OS page cache before each unit (default: same as freshProcess). */
  readonly dropPageCache?: boolean;
  /** The execution provider every cell's engines use (ctx.ep), recorded in meta.json. Default 'cpu'. */
  readonly ep?: ExecutionProvider;
  /** Values of the experiment's own options (see ExperimentDefinition.inputs). */
  readonly inputs?: Inputs;
  /**
   * URL of the module that exports the definition; needed to run cells in fresh processes, where the cell runner
   * imports it (so it must not start anything on import).
   */
  readonly moduleUrl?: string;
  readonly logger?: Logger;
  readonly onProgress?: RunProgressListener;
  /** Replaces the page-cache dropper (tests). */
  readonly cacheDropper?: CacheDropper;
  /** Where git and node_modules are looked up. Default: the monorepo root above this file. */
  readonly repoRoot?: string;
}

export interface RunResult {
  readonly runDir: string;
  readonly csvPath: string;
  readonly metaPath: string;
  readonly unitsRun: number;
  readonly unitsSkipped: number;
}

const LOCK_FILE = 'run.lock';

/**
 * Runs every cell of the experiment's grid `repetitions` times (repetition-major, so one full pass exists early),
 * appending each unit's tidy rows to the run's CSV as soon as it finishes. Units already in the CSV are skipped,
 * so re-running a killed run finishes it without redoing or duplicating anything.
 */
export async function runExperiment<C extends Cell, S extends ScaleSettings>(
  definition: ExperimentDefinition<C, S>,
  options: RunOptions,
): Promise<RunResult> {
  if (process.env[CELL_PROCESS_ENV] === '1') {
    throw new Error(
      `Experiment '${definition.name}' was started inside a cell process: its module runs an experiment on import.`,
    );
  }
  const logger = options.logger ?? silentLogger;
  const freshProcess = options.freshProcess ?? true;
  if (freshProcess && options.moduleUrl === undefined) {
    throw new InvalidArgumentError(
      `Experiment '${definition.name}': pass moduleUrl (the URL of the module that exports it) to run cells ` +
        `in fresh processes.`,
    );
  }
  const ep = options.ep ?? 'cpu';
  if (!(EXECUTION_PROVIDERS as readonly string[]).includes(ep))
    throw new InvalidArgumentError(`Execution provider '${ep}' is unknown. Valid: ${EXECUTION_PROVIDERS.join(', ')}.`);
  const inputs = resolveInputs(definition, options.inputs);
  const seed = options.seed ?? 42;
  const runId = options.runId ?? options.scale;
  const runDir = join(options.resultsDir, definition.name, runId);
  const csvPath = join(runDir, CSV_FILE);
  const metaPath = join(runDir, META_FILE);
  const settings = definition.scales[options.scale];
  const cells = definition.grid(settings, { scale: options.scale, inputs });
  const repetitions = settings.repetitions;
  const header = csvHeader(definition as unknown as ExperimentDefinition, cells);
  const cellIds = cells.map(cellIdOf);
  const dropPages = options.dropPageCache ?? freshProcess;
  const config = {
    scale: options.scale,
    seed,
    executionProvider: ep,
    inputs: inputs as Json,
    cells: cells as unknown as Json,
    repetitions,
    header,
    settings: settings as unknown as Json,
    freshProcess,
    dropPageCache: dropPages,
  } satisfies Json;

  await mkdir(runDir, { recursive: true });
  const releaseLock = await acquireRunLock(join(runDir, LOCK_FILE));
  try {
    const plan: RunPlan = {
      runDir,
      csvPath,
      metaPath,
      runId,
      seed,
      ep,
      inputs,
      config,
      header,
      cells,
      cellIds,
      repetitions,
      freshProcess,
      dropPages,
      logger,
    };
    return await runUnits(definition as unknown as ExperimentDefinition, options, plan);
  } finally {
    await releaseLock();
  }
}

async function runUnits(definition: ExperimentDefinition, options: RunOptions, plan: RunPlan): Promise<RunResult> {
  const {
    runDir,
    csvPath,
    metaPath,
    seed,
    ep,
    inputs,
    header,
    cells,
    cellIds,
    repetitions,
    freshProcess,
    dropPages,
    logger,
  } = plan;
  const meta = await startMeta(definition, options, plan);
  const session = meta.sessions[meta.sessions.length - 1];
  const log = await CsvLog.open(csvPath, header);
  const clock = new ProgressClock(cells.length * repetitions, log.doneCount);
  const dropper = options.cacheDropper ?? dropPageCache;

  try {
    for (let repetition = 0; repetition < repetitions; repetition++) {
      for (const [index, cell] of cells.entries()) {
        const cellId = cellIds[index];
        const unit = { experiment: definition.name, cell, cellId, repetition, repetitions };
        if (log.isDone(cellId, repetition)) {
          session.unitsSkipped++;
          options.onProgress?.(clock.event('unit-skipped', unit));
          continue;
        }
        if (dropPages) recordDrop(meta, await dropper());
        options.onProgress?.(clock.event('unit-start', unit));
        const request: CellRequest = {
          experiment: definition.name,
          moduleUrl: options.moduleUrl ?? '',
          cell,
          cellId,
          repetition,
          scale: options.scale,
          inputs,
          ep,
          seed,
          runDir,
          outPath: join(runDir, `.unit-${cellId}-${repetition}.json`),
        };
        const started = performance.now();
        const rows = freshProcess
          ? await runInFreshProcess(request, logger)
          : await executeCell(definition, request, logger);
        const base: Record<string, RowValue> = {
          experiment: definition.name,
          figure: definition.figure,
          scale: options.scale,
          cellId,
          repetition,
          ...cell,
        };
        const records = rows.map((row) => {
          const full: Record<string, RowValue> = { ...base, ...row };
          return header.map((column) => full[column] ?? null);
        });
        await log.appendUnit({ cellId, repetition }, records);
        session.unitsRun++;
        clock.unitFinished((performance.now() - started) / 1000);
        options.onProgress?.(clock.event('unit-done', unit));
        await writeMeta(metaPath, meta);
      }
    }
    finishSession(meta, session, 'complete');
  } catch (error) {
    finishSession(meta, session, 'failed', error instanceof Error ? error.message : String(error));
    await writeMeta(metaPath, meta);
    throw error;
  }
  await writeMeta(metaPath, meta);
  logger.info(
    `${definition.name}: ${session.unitsRun} units run, ${session.unitsSkipped} already done; results in ${csvPath}`,
  );
  return { runDir, csvPath, metaPath, unitsRun: session.unitsRun, unitsSkipped: session.unitsSkipped };
}
