import { readFile } from 'node:fs/promises';
import { BadInputError, canonicalJson, writeFileAtomic } from '@alsatian/core';
import type { ExecutionProvider, Json } from '@alsatian/core';
import type { Inputs, Provenance } from './experiment.ts';
import type { Scale } from './scale.ts';
import type { SourceInfo, SystemInfo } from './system-info.ts';

/** File names inside a run directory. */
export const CSV_FILE = 'results.csv';
export const META_FILE = 'meta.json';

/** One invocation of runExperiment on a run directory; a resumed run has several. */
export interface RunSession {
  readonly startedAt: string;
  endedAt: string | null;
  status: 'running' | 'complete' | 'failed';
  unitsRun: number;
  unitsSkipped: number;
  error?: string;
  readonly gitCommit: string | null;
}

/** How the runner made caches cold before each unit (the paper flushed the page cache between runs). */
export interface ColdCacheRecord {
  readonly freshProcessPerUnit: boolean;
  readonly pageCache: {
    readonly requested: boolean;
    readonly method: string;
    dropped: number;
    notDropped: number;
    /** Why the page cache was not dropped (the last reason seen), if it ever was not. */
    reason?: string;
  };
}

/** meta.json: everything needed to judge and repeat a run, next to its CSV. */
export interface RunMeta {
  readonly experiment: string;
  readonly figure: string;
  readonly description: string;
  readonly runId: string;
  readonly scale: Scale;
  readonly seed: number;
  /** The provider every engine of the run used (engines never fall back to another). */
  readonly executionProvider: ExecutionProvider;
  /** The experiment's own options as given ('' = not given). */
  readonly inputs: Inputs;
  /** Which models and data were used: synthetic or real, and what. */
  readonly provenance: Provenance;
  status: RunSession['status'];
  readonly startedAt: string;
  endedAt: string | null;
  readonly git: { commit: string | null; dirty: boolean | null; error?: string };
  readonly node: string;
  readonly packages: Readonly<Record<string, string>>;
  readonly system: SystemInfo;
  readonly coldCache: ColdCacheRecord;
  readonly reductions: readonly string[];
  readonly files: { readonly csv: string };
  /** The resolved configuration; a resumed run must match it exactly, or rows of two set-ups would mix. */
  readonly config: Json;
  readonly sessions: RunSession[];
}

export function gitRecord(source: SourceInfo): RunMeta['git'] {
  return source.gitError === undefined
    ? { commit: source.gitCommit, dirty: source.gitDirty }
    : { commit: null, dirty: null, error: source.gitError };
}

export async function readMeta(path: string): Promise<RunMeta | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as RunMeta;
  } catch (error) {
    throw new BadInputError(`Run metadata ${path} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

export async function writeMeta(path: string, meta: RunMeta): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(meta, null, 2)}\n`);
}

/** Refuses to resume a run directory whose recorded configuration differs from this one. */
export function checkSameConfig(path: string, recorded: Json, current: Json): void {
  if (canonicalJson(recorded) === canonicalJson(current)) return;
  const a = recorded as Record<string, Json>;
  const b = current as Record<string, Json>;
  const keys = [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])];
  const differing = keys.filter((k) => canonicalJson(a?.[k] ?? null) !== canonicalJson(b?.[k] ?? null));
  throw new BadInputError(
    `Run directory of ${path} was started with another configuration (differs in: ${differing.join(', ')}). ` +
      'Use another run id, or move the old run away.',
  );
}
