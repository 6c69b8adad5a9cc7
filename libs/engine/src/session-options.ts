/**
 * The ONNX Runtime session options of every kind of session the engine makes, in one place, with the
 * measurements that chose them.
 */
import type { ExecutionProvider } from '@alsatian/core';
import type { InferenceSession } from 'onnxruntime-node';
import { providerConfig } from './providers.ts';

/**
 * - `compile`: optimise a lowered unit (all graph optimisations, the CPU's blocked layout included) and save the
 *   optimised model with its weights in a file of their own; the session itself is released at once.
 * - `load`: run a saved optimised model, optimising nothing again; its weights are mapped from the file.
 * - `direct`: optimise a lowered unit and keep that session (GPU providers, or when compiling is switched off).
 */
export type SessionKind = 'compile' | 'load' | 'direct';

export interface SessionSettings {
  readonly ep: ExecutionProvider;
  readonly threads: number;
  readonly allowCpuNodes: boolean;
  /**
   * Let ORT pre-pack weights for its matrix kernels. Default off: on resnet18 units it changed no run time we
   * could measure (whole model, batch 32: 322 vs 331 ms per batch), while it costs a further copy of the weights
   * and most of a session's creation time (a 3-block unit: 72 vs 410 ms).
   */
  readonly prepacking: boolean;
}

export function sessionOptions(
  kind: SessionKind,
  settings: SessionSettings,
  extraSession: Record<string, string> = {},
): InferenceSession.SessionOptions {
  const { executionProviders, extra } = providerConfig(settings.ep, settings.allowCpuNodes);
  // Each session owns an intra-op thread pool whose threads spin after a run. A search keeps many sessions (one
  // per execution unit) and decodes images in worker threads meanwhile, so spinning pools steal the cores the next
  // session needs: measured on resnet18 (112 px, batch 8, 2 threads, loaded machine), 14 chained sessions took
  // 452 ms per batch spinning vs 91 ms not spinning, and even one fused session 190 vs 63 ms.
  const session = {
    ...(extra.session as Record<string, string> | undefined),
    'intra_op.allow_spinning': '0',
    'inter_op.allow_spinning': '0',
    disable_prepacking: settings.prepacking ? '0' : '1',
    ...extraSession,
  };
  return {
    executionProviders,
    extra: { ...extra, session },
    // A saved optimised model is already optimised; optimising it again would only cost time.
    graphOptimizationLevel: kind === 'load' ? 'disabled' : 'all',
    executionMode: 'sequential',
    intraOpNumThreads: settings.threads,
    // Inter-op threads only serve the parallel execution mode; one avoids an idle pool competing for cores.
    interOpNumThreads: 1,
    enableCpuMemArena: true,
    enableMemPattern: true,
    // Warnings (e.g. about unused initializers, or that a saved optimised model is specific to this CPU) would go
    // to stderr; the engine reports through its Logger.
    logSeverityLevel: 3,
  };
}
