/**
 * The ONNX Runtime engine: one fused graph (lowerUnitGraph) and one InferenceSession per execution unit. The only
 * module of the repository that imports onnxruntime-node.
 *
 *   blocks -> lower (weights stay in the memory that holds them) -> CPU: compile to a file, load it mapped
 *                                                                -> GPU: create the session directly
 */
import { createHash } from 'node:crypto';
import { availableParallelism, cpus } from 'node:os';
import type { Block, Engine, ExecutionProvider, Logger, PreparedUnit, PrepareOptions } from '@alsatian/core';
import {
  InvalidArgumentError,
  SEARCH_DEFAULTS,
  silentLogger,
  UnavailableError,
  WeightsNeededError,
} from '@alsatian/core';
import { lowerUnitGraph, type LoweredGraph } from '@alsatian/models';
import { env, InferenceSession } from 'onnxruntime-node';
import { sliceItems } from './batch-slices.ts';
import { CompiledUnits, type CompiledEntry } from './compiled-units.ts';
import { cpuFallbackRefused, noWebGpuAdapter, sessionFailed } from './messages.ts';
import { wrapSession } from './prepared-unit.ts';
import { checkProviderAvailable, parseExecutionProvider } from './providers.ts';
import { sessionOptions, type SessionSettings } from './session-options.ts';

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
  /** How units are prepared; each choice is measured in the ablation experiment. */
  readonly preparation?: Partial<PreparationSettings>;
}

export interface PreparationSettings {
  /**
   * 'compiled' (CPU default): a unit with a content key that will be prepared again is optimised once in a
   * short-lived session, saved, and run from the saved file (see compiled-units.ts); other units get a direct
   * session. 'direct' (GPU default): every unit keeps the session that optimised it.
   */
  readonly sessions: 'compiled' | 'direct';
  /**
   * 'external' (default): weights are not copied into the ONNX protobuf; ORT reads them from the memory that holds
   * them (resnet18: lowering 131 -> 6 ms). 'inline': every weight is encoded into the protobuf.
   */
  readonly weights: 'external' | 'inline';
  /** ORT weight pre-packing (default off; see session-options.ts). */
  readonly prepacking: boolean;
  /** Keep compiled units in this directory across processes (a second search then only loads). Default: none. */
  readonly compiledDir?: string;
  /**
   * Bytes of compiled units kept for reuse (units prepared with a content key), least recently used first out.
   * Default: SEARCH_DEFAULTS.blockCacheBytes. They are files (in the page cache while they are used), not process
   * memory.
   */
  readonly compiledKeepBytes: number;
  /**
   * Largest activation a run works on at once: a batch whose largest block input or output would exceed this many
   * bytes runs as equal slices of consecutive items (see batch-slices.ts). Default 32 MiB on the CPU; unlimited on
   * GPU providers, where a whole batch keeps the device busy.
   */
  readonly sliceBytes: number;
}

/** How long preparing a unit took (the paper's "prepare model"), split into building the graph and the session. */
export interface PrepareTimings {
  readonly lowerMs: number;
  readonly sessionMs: number;
  /** Bytes of the ONNX protobuf built (weights excluded when they stay external); 0 when a compiled unit was reused. */
  readonly onnxBytes: number;
  /** 'reused': loaded from a compiled unit already on disk; 'compiled': compiled now; 'direct': no compiled file. */
  readonly source: 'reused' | 'compiled' | 'direct';
}

export interface OrtPreparedUnit extends PreparedUnit {
  readonly timings: PrepareTimings;
}

export interface OrtEngine extends Engine {
  readonly threads: number;
  readonly preparation: PreparationSettings;
  /** Where compiled units are kept ('compiled' sessions only). */
  readonly compiledDir?: string;
  prepare(unit: readonly Block[], options?: PrepareOptions): Promise<OrtPreparedUnit>;
}

/** Default of PreparationSettings.sliceBytes on the CPU: resnet18's stem output for 8-10 items (3.2 MB each). */
const CPU_SLICE_BYTES = 32 * 2 ** 20;

/** Weights smaller than this stay inside the protobuf (batch-norm vectors, anchors): not worth a reference. */
const EXTERNAL_FROM_BYTES = 1024;

/**
 * Bumped whenever lowering or session settings change what a compiled unit contains, so compiled units kept on
 * disk by an older version are never loaded.
 */
const COMPILED_FORMAT = 1;

export async function createEngine(options: CreateEngineOptions = {}): Promise<OrtEngine> {
  const ep = parseExecutionProvider(options.ep ?? 'cpu');
  const threads = options.threads ?? availableParallelism();
  if (!Number.isInteger(threads) || threads < 1)
    throw new InvalidArgumentError(`Engine option 'threads' must be a positive integer, got ${threads}.`);
  const logger = options.logger ?? silentLogger;
  checkProviderAvailable(ep);
  // ORT's process-wide logger prints session failures to stderr; they reach the caller as errors instead.
  env.logLevel = 'fatal';
  const allowCpuNodes = options.allowCpuNodes === true && ep !== 'cpu';
  if (allowCpuNodes) logger.warn(`engine: allowCpuNodes is set: nodes that '${ep}' cannot run will run on the CPU.`);
  const preparation: PreparationSettings = {
    // Saved optimised models are CPU-specific; GPU providers keep the session that optimised the unit.
    sessions: options.preparation?.sessions ?? (ep === 'cpu' ? 'compiled' : 'direct'),
    weights: options.preparation?.weights ?? 'external',
    prepacking: options.preparation?.prepacking ?? false,
    compiledDir: options.preparation?.compiledDir,
    compiledKeepBytes: options.preparation?.compiledKeepBytes ?? SEARCH_DEFAULTS.blockCacheBytes,
    sliceBytes: options.preparation?.sliceBytes ?? (ep === 'cpu' ? CPU_SLICE_BYTES : Number.POSITIVE_INFINITY),
  };
  if (!(preparation.sliceBytes > 0))
    throw new InvalidArgumentError(
      `Engine option preparation.sliceBytes must be a positive number of bytes, got ${preparation.sliceBytes}.`,
    );
  if (preparation.sessions === 'compiled' && ep !== 'cpu')
    throw new InvalidArgumentError(
      `Compiled units are only made for the CPU provider; use preparation.sessions 'direct' with '${ep}'.`,
    );
  const settings: SessionSettings = { ep, threads, allowCpuNodes, prepacking: preparation.prepacking };
  const compiled =
    preparation.sessions === 'compiled'
      ? await CompiledUnits.open({ dir: preparation.compiledDir, budgetBytes: preparation.compiledKeepBytes })
      : undefined;
  const fingerprint = engineFingerprint(settings);
  const open = new Set<OrtPreparedUnit>();
  let units = 0;

  const lower = (blocks: readonly Block[], label: string, continuesChain: boolean): LoweredGraph =>
    lowerUnitGraph(blocks, {
      graphName: label.replace(/[^A-Za-z0-9_]/g, '_'),
      externalFromBytes: preparation.weights === 'external' ? EXTERNAL_FROM_BYTES : undefined,
      anchorInput: continuesChain,
    });

  return {
    ep,
    threads,
    preparation,
    compiledDir: compiled?.dir,
    async prepare(blocks, prepareOptions = {}) {
      if (blocks.length === 0) throw new InvalidArgumentError('An execution unit needs at least one block.');
      const label = prepareOptions.label ?? `unit${units++}`;
      const continuesChain = prepareOptions.continuesChain === true;
      const phase = prepareOptions.onPhase ?? (() => undefined);
      const t0 = performance.now();
      let lowerMs = 0;
      let onnxBytes = 0;
      const lowerNow = () => {
        phase('lower');
        const start = performance.now();
        const lowered = lower(blocks, label, continuesChain);
        lowerMs = performance.now() - start;
        onnxBytes = lowered.model.byteLength;
        phase('session');
        return lowered;
      };
      let session: InferenceSession;
      let entry: CompiledEntry | undefined;
      let source: PrepareTimings['source'] = 'direct';
      phase('session');
      const keyed =
        compiled && prepareOptions.contentKey !== undefined
          ? compiled.entry(entryKey(fingerprint, prepareOptions.contentKey, continuesChain))
          : undefined;
      const found = compiled !== undefined && keyed !== undefined && (await compiled.has(keyed));
      if (compiled && keyed && (found || worthCompiling(compiled, prepareOptions))) {
        entry = keyed;
        source = found ? 'reused' : 'compiled';
        if (source === 'compiled' && prepareOptions.weightsOmitted) throw new WeightsNeededError(label);
        if (source === 'compiled') {
          const lowered = lowerNow();
          await compiled.write(entry, async (modelPath, weightsFile) => {
            const options = sessionOptions('compile', settings, {
              optimized_model_external_initializers_file_name: weightsFile,
              optimized_model_external_initializers_min_size_in_bytes: String(EXTERNAL_FROM_BYTES),
            });
            const compiling = await createSession(
              lowered,
              { ...options, optimizedModelFilePath: modelPath },
              settings.ep,
              label,
            );
            await compiling.release();
          });
        }
        session = await createSession(entry.modelPath, sessionOptions('load', settings), settings.ep, label);
        await compiled.acquire(entry);
      } else {
        if (prepareOptions.weightsOmitted) throw new WeightsNeededError(label);
        const lowered = lowerNow();
        session = await createSession(lowered, sessionOptions('direct', settings), settings.ep, label);
      }
      const timings: PrepareTimings = { lowerMs, sessionMs: performance.now() - t0 - lowerMs, onnxBytes, source };
      logger.debug(
        `engine: prepared '${label}' (${blocks.length} blocks) on ${ep}, ${source}: lower ` +
          `${lowerMs.toFixed(0)} ms, session ${timings.sessionMs.toFixed(0)} ms`,
      );
      const used = entry;
      const unit = wrapSession(
        session,
        blocks,
        label,
        timings,
        async () => {
          open.delete(unit);
          if (used) await compiled?.release(used);
        },
        sliceItems(blocks, preparation.sliceBytes),
      );
      open.add(unit);
      return unit;
    },
    async hasPrepared(contentKey, continuesChain) {
      return compiled !== undefined && compiled.has(compiled.entry(entryKey(fingerprint, contentKey, continuesChain)));
    },
    async dispose() {
      await Promise.all([...open].map((u) => u.dispose()));
      await compiled?.dispose();
    },
  };
}

/**
 * Whether compiling a unit (its optimised model written to a file, then loaded) pays for itself. Writing the file
 * is what it costs over a direct session: on the development machine a resnet18 unit of one 18.9 MB basic block
 * took ~47 ms to compile against ~16 ms direct inside a search, and a whole resnet18 ~110 ms against ~40 ms. It
 * pays only when the file is loaded again (2-3 ms, no weights read): always with a directory kept for later
 * searches, otherwise when the caller expects to prepare the unit again in this process.
 */
function worthCompiling(compiled: CompiledUnits, options: PrepareOptions): boolean {
  return compiled.persistent || options.reuseExpected !== false;
}

/** What, besides the unit, decides a compiled unit's content: runtime version, provider, CPU, settings. */
function engineFingerprint(settings: SessionSettings): string {
  const ortVersion = env.versions.node ?? env.versions.common;
  return JSON.stringify({
    format: COMPILED_FORMAT,
    ortVersion,
    ep: settings.ep,
    prepacking: settings.prepacking,
    cpu: cpus()[0]?.model ?? 'unknown',
    arch: process.arch,
  });
}

function entryKey(fingerprint: string, contentKey: string, continuesChain: boolean): string {
  return createHash('sha256')
    .update(JSON.stringify([fingerprint, contentKey, continuesChain]))
    .digest('hex');
}

async function createSession(
  model: LoweredGraph | string,
  options: InferenceSession.SessionOptions,
  ep: ExecutionProvider,
  label: string,
): Promise<InferenceSession> {
  try {
    if (typeof model === 'string') return await InferenceSession.create(model, options);
    const externalData = model.externalWeights.map((w) => ({ path: w.path, data: w.data }));
    return await InferenceSession.create(model.model, externalData.length > 0 ? { ...options, externalData } : options);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    if (/fallback to CPU EP has been explicitly disabled/.test(detail))
      throw new UnavailableError(cpuFallbackRefused(ep, label), { cause: error });
    if (/Failed to get a WebGPU adapter|No supported adapters/i.test(detail))
      throw new UnavailableError(noWebGpuAdapter(detail.trim().split('\n')[0]), { cause: error });
    if (ep !== 'cpu') throw new UnavailableError(sessionFailed(ep, label, detail), { cause: error });
    throw new Error(sessionFailed(ep, label, detail), { cause: error });
  }
}
