/**
 * The ONNX Runtime engine: one fused graph (lowerUnit) and one InferenceSession per execution unit. The only
 * module of the repository that imports onnxruntime-node.
 */
import { availableParallelism } from 'node:os';
import type { Block, Engine, ExecutionProvider, HostTensor, Logger, PreparedUnit, TensorSpec } from '@alsatian/core';
import { InvalidArgumentError, silentLogger, UnavailableError } from '@alsatian/core';
import { lowerUnit } from '@alsatian/models';
import { env, InferenceSession } from 'onnxruntime-node';
import { cpuFallbackRefused, noWebGpuAdapter, sessionFailed } from './messages.ts';
import { checkProviderAvailable, parseExecutionProvider, providerConfig } from './providers.ts';
import { checkBatch, fromOrt, toOrt } from './tensors.ts';

export interface CreateEngineOptions {
  /** Execution provider; default 'cpu'. Checked up front; never replaced by another. */
  readonly ep?: ExecutionProvider | string;
  /** Intra-op threads of the CPU provider; default: every core this process may use. */
  readonly threads?: number;
  readonly logger?: Logger;
  /**
   * GPU providers only: let ORT place nodes the provider has no kernel for on the CPU (logged as a warning)
   * instead of refusing to create the session. Default false: a unit runs entirely on the requested provider.
   */
  readonly allowCpuNodes?: boolean;
}

/** How long preparing a unit took (the paper's "prepare model"), split into building the graph and the session. */
export interface PrepareTimings {
  readonly lowerMs: number;
  readonly sessionMs: number;
  readonly onnxBytes: number;
}

export interface OrtPreparedUnit extends PreparedUnit {
  readonly timings: PrepareTimings;
}

export interface OrtEngine extends Engine {
  readonly threads: number;
  prepare(unit: readonly Block[], options?: { readonly label?: string }): Promise<OrtPreparedUnit>;
}

export async function createEngine(options: CreateEngineOptions = {}): Promise<OrtEngine> {
  const ep = parseExecutionProvider(options.ep ?? 'cpu');
  const threads = options.threads ?? availableParallelism();
  if (!Number.isInteger(threads) || threads < 1) throw new InvalidArgumentError(`Engine option 'threads' must be a positive integer, got ${threads}.`);
  const logger = options.logger ?? silentLogger;
  checkProviderAvailable(ep);
  // ORT's process-wide logger prints session failures to stderr; they reach the caller as errors instead.
  env.logLevel = 'fatal';
  const allowCpuNodes = options.allowCpuNodes === true && ep !== 'cpu';
  if (allowCpuNodes) logger.warn(`engine: allowCpuNodes is set: nodes that '${ep}' cannot run will run on the CPU.`);
  const open = new Set<OrtPreparedUnit>();
  let units = 0;

  return {
    ep,
    threads,
    async prepare(blocks, prepareOptions) {
      const label = prepareOptions?.label ?? `unit${units++}`;
      const t0 = performance.now();
      const bytes = lowerUnit(blocks, label.replace(/[^A-Za-z0-9_]/g, '_'));
      const t1 = performance.now();
      const session = await createSession(bytes, ep, threads, label, allowCpuNodes);
      const timings = { lowerMs: t1 - t0, sessionMs: performance.now() - t1, onnxBytes: bytes.byteLength };
      logger.debug(`engine: prepared '${label}' (${blocks.length} blocks, ${(bytes.byteLength / 2 ** 20).toFixed(1)} MiB) on ${ep}: lower ${timings.lowerMs.toFixed(0)} ms, session ${timings.sessionMs.toFixed(0)} ms`);
      const unit = preparedUnit(session, blocks, label, timings, () => open.delete(unit));
      open.add(unit);
      return unit;
    },
    async dispose() {
      await Promise.all([...open].map((u) => u.dispose()));
    },
  };
}

async function createSession(bytes: Uint8Array, ep: ExecutionProvider, threads: number, label: string, allowCpuNodes: boolean): Promise<InferenceSession> {
  const { executionProviders, extra } = providerConfig(ep, allowCpuNodes);
  // Each session owns an intra-op thread pool whose threads spin after a run. A search keeps many sessions (one
  // per execution unit) and decodes images in worker threads meanwhile, so spinning pools steal the cores the next
  // session needs: measured on resnet18 (112 px, batch 8, 2 threads, loaded machine), 14 chained sessions took
  // 452 ms per batch spinning vs 91 ms not spinning, and even one fused session 190 vs 63 ms.
  const session = { ...(extra.session as Record<string, string> | undefined), 'intra_op.allow_spinning': '0', 'inter_op.allow_spinning': '0' };
  try {
    return await InferenceSession.create(bytes, {
      executionProviders,
      extra: { ...extra, session },
      graphOptimizationLevel: 'all',
      executionMode: 'sequential',
      intraOpNumThreads: threads,
      // Inter-op threads only serve the parallel execution mode; one avoids an idle pool competing for cores.
      interOpNumThreads: 1,
      enableCpuMemArena: true,
      enableMemPattern: true,
      // Warnings (e.g. about unused initializers) would go to stderr; the engine reports through its Logger.
      logSeverityLevel: 3,
    });
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    if (/fallback to CPU EP has been explicitly disabled/.test(detail)) throw new UnavailableError(cpuFallbackRefused(ep, label), { cause: error });
    if (/Failed to get a WebGPU adapter|No supported adapters/i.test(detail)) throw new UnavailableError(noWebGpuAdapter(detail.trim().split('\n')[0]), { cause: error });
    if (ep !== 'cpu') throw new UnavailableError(sessionFailed(ep, label, detail), { cause: error });
    throw new Error(sessionFailed(ep, label, detail), { cause: error });
  }
}

function preparedUnit(session: InferenceSession, blocks: readonly Block[], label: string, timings: PrepareTimings, onDispose: () => void): OrtPreparedUnit {
  const inputs: readonly TensorSpec[] = blocks[0].descriptor.inputs;
  const outputs: readonly TensorSpec[] = blocks[blocks.length - 1].descriptor.outputs;
  const weightBytes = blocks.reduce((s, b) => s + [...b.weights.values()].reduce((t, w) => t + w.data.byteLength, 0), 0);
  const inputNames = session.inputNames;
  const outputNames = session.outputNames;
  let disposed = false;
  return {
    label,
    inputs,
    outputs,
    weightBytes,
    timings,
    async run(batch: readonly HostTensor[]): Promise<HostTensor[]> {
      if (disposed) throw new InvalidArgumentError(`Unit '${label}' was disposed and cannot run.`);
      checkBatch(label, inputs, batch);
      const feeds = Object.fromEntries(inputNames.map((name, i) => [name, toOrt(batch[i])]));
      const result = await session.run(feeds);
      return outputNames.map((name) => fromOrt(result[name] as never, name));
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      onDispose();
      await session.release();
    },
  };
}
