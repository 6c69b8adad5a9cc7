import type { Json } from '@alsatian/core';
import { DROP_PAGE_CACHE_METHOD } from './cold-cache.ts';
import type { CacheDropResult } from './cold-cache.ts';
import type { Cell, ExperimentDefinition } from './experiment.ts';
import { checkSameConfig, CSV_FILE, gitRecord, readMeta, writeMeta } from './meta.ts';
import type { RunMeta, RunSession } from './meta.ts';
import type { RunOptions } from './run-experiment.ts';
import { findRepoRoot, sourceInfo, systemInfo } from './system-info.ts';

export interface MetaInputs {
  runId: string;
  seed: number;
  metaPath: string;
  config: Json;
  freshProcess: boolean;
  dropPages: boolean;
}

/** Starts a session: a new meta.json, or the resumed run's with this session added (same config required). */
export async function startMeta(definition: ExperimentDefinition<Cell>, options: RunOptions, inputs: MetaInputs): Promise<RunMeta> {
  const source = await sourceInfo(options.repoRoot ?? (await findRepoRoot()));
  const now = new Date().toISOString();
  const session: RunSession = { startedAt: now, endedAt: null, status: 'running', unitsRun: 0, unitsSkipped: 0, gitCommit: source.gitCommit };
  const previous = await readMeta(inputs.metaPath);
  if (previous !== undefined) checkSameConfig(inputs.metaPath, previous.config, inputs.config);
  const meta: RunMeta = {
    experiment: definition.name,
    figure: definition.figure,
    description: definition.description,
    runId: inputs.runId,
    scale: options.scale,
    seed: inputs.seed,
    executionProvider: options.executionProvider ?? 'cpu',
    status: 'running',
    startedAt: previous?.startedAt ?? now,
    endedAt: null,
    git: gitRecord(source),
    node: process.version,
    packages: source.packages,
    system: systemInfo(),
    coldCache: previous?.coldCache ?? {
      freshProcessPerUnit: inputs.freshProcess,
      pageCache: inputs.dropPages
        ? { requested: true, method: DROP_PAGE_CACHE_METHOD, dropped: 0, notDropped: 0 }
        : { requested: false, method: DROP_PAGE_CACHE_METHOD, dropped: 0, notDropped: 0, reason: 'disabled by the dropPageCache option' },
    },
    reductions: definition.reductions?.(options.scale) ?? [],
    files: { csv: CSV_FILE },
    config: inputs.config,
    sessions: [...(previous?.sessions ?? []), session],
  };
  await writeMeta(inputs.metaPath, meta);
  return meta;
}

export function recordDrop(meta: RunMeta, result: CacheDropResult): void {
  if (result.dropped) meta.coldCache.pageCache.dropped++;
  else {
    meta.coldCache.pageCache.notDropped++;
    meta.coldCache.pageCache.reason = result.reason;
  }
}

export function finishSession(meta: RunMeta, session: RunSession, status: 'complete' | 'failed', error?: string): void {
  const now = new Date().toISOString();
  session.endedAt = now;
  session.status = status;
  if (error !== undefined) session.error = error;
  meta.status = status;
  meta.endedAt = now;
}
