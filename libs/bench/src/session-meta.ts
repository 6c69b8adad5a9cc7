import { DROP_PAGE_CACHE_METHOD } from './cold-cache.ts';
import type { CacheDropResult } from './cold-cache.ts';
import type { ExperimentDefinition } from './experiment.ts';
import { checkSameConfig, CSV_FILE, gitRecord, readMeta, writeMeta } from './meta.ts';
import type { RunMeta, RunSession } from './meta.ts';
import type { RunOptions } from './run-experiment.ts';
import type { RunPlan } from './run-plan.ts';
import { findRepoRoot, sourceInfo, systemInfo } from './system-info.ts';

/** Starts a session: a new meta.json, or the resumed run's with this session added (same config required). */
export async function startMeta(
  definition: ExperimentDefinition,
  options: RunOptions,
  plan: RunPlan,
): Promise<RunMeta> {
  const source = await sourceInfo(options.repoRoot ?? (await findRepoRoot()));
  const now = new Date().toISOString();
  const session: RunSession = {
    startedAt: now,
    endedAt: null,
    status: 'running',
    unitsRun: 0,
    unitsSkipped: 0,
    gitCommit: source.gitCommit,
  };
  const previous = await readMeta(plan.metaPath);
  if (previous !== undefined) checkSameConfig(plan.metaPath, previous.config, plan.config);
  const settings = definition.scales[options.scale];
  const meta: RunMeta = {
    experiment: definition.name,
    figure: definition.figure,
    description: definition.description,
    runId: plan.runId,
    scale: options.scale,
    seed: plan.seed,
    executionProvider: plan.ep,
    inputs: plan.inputs,
    provenance: definition.provenance?.(settings, plan.inputs) ?? {},
    status: 'running',
    startedAt: previous?.startedAt ?? now,
    endedAt: null,
    git: gitRecord(source),
    node: process.version,
    packages: source.packages,
    // A resumed run keeps the machine it started on; a different one is noted per session.
    system: previous?.system ?? (await systemInfo()),
    coldCache: previous?.coldCache ?? {
      freshProcessPerUnit: plan.freshProcess,
      pageCache: plan.dropPages
        ? { requested: true, method: DROP_PAGE_CACHE_METHOD, dropped: 0, notDropped: 0 }
        : {
            requested: false,
            method: DROP_PAGE_CACHE_METHOD,
            dropped: 0,
            notDropped: 0,
            reason: 'disabled by the dropPageCache option',
          },
    },
    reductions: definition.reductions?.(settings, plan.inputs) ?? settings.reductions,
    files: { csv: CSV_FILE },
    config: plan.config,
    sessions: [...(previous?.sessions ?? []), session],
  };
  await writeMeta(plan.metaPath, meta);
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
