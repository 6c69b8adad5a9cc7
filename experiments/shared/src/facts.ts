/**
 * The sentences of a report about how a run was measured (machine, execution provider, GPU, software, page
 * cache, fresh processes, models and data, scale), rendered from its meta.json only, so they are true on any
 * machine. The paper's side comes from the catalogue.
 */
import type { DataSource, RunMeta } from '@alsatian/bench';
import { PAPER_SETUP } from './paper/index.ts';

const GIB = 2 ** 30;

export function machineFact(meta: Pick<RunMeta, 'system'>): string {
  const { cpu, memory, gpu } = meta.system;
  const cores =
    cpu.availableParallelism === cpu.logicalCores
      ? `${cpu.logicalCores} logical cores`
      : `${cpu.logicalCores} logical cores (${cpu.availableParallelism} available to the process)`;
  const gpus = gpu.names.length > 0 ? `GPU: ${countNames(gpu.names)}` : `no GPU named (${gpu.reason ?? 'none found'})`;
  return `Machine: ${cpu.model}, ${cores}, ${(memory.totalBytes / GIB).toFixed(0)} GiB memory; ${gpus}.`;
}

export function providerFact(meta: Pick<RunMeta, 'executionProvider' | 'system'>): string {
  const ep = meta.executionProvider;
  const gpus = meta.system.gpu.names;
  const where =
    ep === 'cpu'
      ? gpus.length > 0
        ? ' (the GPU was not used)'
        : ''
      : gpus.length > 0
        ? ` on ${countNames(gpus)}`
        : ' (the machine named no GPU)';
  return `Execution provider: ONNX Runtime \`${ep}\`${where}; the paper ran PyTorch on an ${PAPER_SETUP.gpu}.`;
}

export function softwareFact(meta: Pick<RunMeta, 'node' | 'packages'>): string {
  return `Software: Node ${meta.node}, onnxruntime-node ${meta.packages['onnxruntime-node'] ?? 'unknown'}.`;
}

export function pageCacheFact(meta: Pick<RunMeta, 'coldCache'>): string {
  const { freshProcessPerUnit, pageCache } = meta.coldCache;
  const process = freshProcessPerUnit ? 'each unit ran in a fresh process' : 'units ran in one process';
  const total = pageCache.dropped + pageCache.notDropped;
  let cache: string;
  if (!pageCache.requested) cache = `the OS page cache was left alone (${pageCache.reason ?? 'not requested'})`;
  else if (total === 0) cache = 'no unit ran in this session, so the page cache was not touched';
  else if (pageCache.notDropped === 0) cache = `OS page cache dropped before each of the ${total} units`;
  else if (pageCache.dropped === 0)
    cache =
      `the OS page cache could not be dropped before any of the ${total} units (` +
      `${pageCache.reason ?? 'no reason recorded'}), so model files may have been read from memory`;
  else
    cache =
      `OS page cache dropped before ${pageCache.dropped} of ${total} units; before the other ` +
      `${pageCache.notDropped} it could not be (${pageCache.reason ?? 'no reason recorded'})`;
  return `Cold start: ${process}; ${cache}.`;
}

export function provenanceFact(meta: Pick<RunMeta, 'provenance'>): string | undefined {
  const { models, dataset } = meta.provenance ?? {};
  const parts = [models && `models: ${source(models)}`, dataset && `data: ${source(dataset)}`].filter(
    (p) => p !== undefined,
  );
  return parts.length === 0 ? undefined : `Inputs: ${parts.join('; ')}.`;
}

export function scaleFact(meta: Pick<RunMeta, 'scale' | 'reductions' | 'config'>): string {
  const repetitions = (meta.config as { repetitions?: number } | null)?.repetitions;
  const reps =
    repetitions === undefined
      ? ''
      : `; ${repetitions} repetition${repetitions === 1 ? '' : 's'} per cell (the paper: median of ` +
        `${PAPER_SETUP.runs} runs)`;
  if (meta.reductions.length === 0) return `Scale: ${meta.scale}, the paper's configuration${reps}.`;
  return `Scale: ${meta.scale}, reduced from the paper: ${meta.reductions.join('; ')}${reps}.`;
}

export function statusFact(meta: Pick<RunMeta, 'status' | 'sessions'>): string | undefined {
  if (meta.status === 'complete') return undefined;
  const last = meta.sessions.at(-1);
  return (
    `Run status: **${meta.status}**${last?.error ? ` (${last.error.split('\n')[0]})` : ''}; the tables show ` +
    `the units that finished.`
  );
}

/** Every fact of a run, in report order. */
export function runFacts(meta: RunMeta): string[] {
  return [
    statusFact(meta),
    scaleFact(meta),
    provenanceFact(meta),
    machineFact(meta),
    providerFact(meta),
    softwareFact(meta),
    pageCacheFact(meta),
  ].filter((f): f is string => f !== undefined);
}

function source(s: DataSource): string {
  return `${s.kind === 'real' ? 'real' : 'synthetic'}, ${s.what}`;
}

/** 'NVIDIA H200' or '2 x NVIDIA H200' or 'A, B'. */
function countNames(names: readonly string[]): string {
  const unique = [...new Set(names)];
  return unique.length === 1 && names.length > 1 ? `${names.length} x ${unique[0]}` : unique.join(', ');
}
