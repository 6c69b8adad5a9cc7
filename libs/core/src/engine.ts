import type { Block } from './block.ts';
import type { HostTensor, TensorSpec } from './tensor.ts';

/** Execution providers an engine can run on. Asking for one that is not available is an error, never a fallback. */
export const EXECUTION_PROVIDERS = ['cpu', 'webgpu', 'cuda'] as const;
export type ExecutionProvider = (typeof EXECUTION_PROVIDERS)[number];

export interface EngineOptions {
  readonly ep?: ExecutionProvider;
  /** Intra-op threads for the CPU provider; default: all cores. */
  readonly threads?: number;
}

/** The phases of preparing a unit, reported to `PrepareOptions.onPhase` for time accounting. */
export type PreparePhase = 'lower' | 'session';

export interface PrepareOptions {
  /** A name for messages and logs. */
  readonly label?: string;
  /**
   * The unit's input is the output of another unit (not raw data). The engine then makes the unit compute exactly
   * what its blocks compute inside one longer session (bit for bit), so where a chain is cut never changes results.
   */
  readonly continuesChain?: boolean;
  /**
   * Identifies the unit's content (its block ids and `continuesChain`): two units with equal keys compute the same
   * function, so the engine may reuse what it compiled for one (within a process, or across processes when it
   * keeps compiled units on disk). Without a key nothing is reused.
   */
  readonly contentKey?: string;
  /**
   * With a `contentKey`: whether the caller expects to prepare this unit again in this process (a later step or
   * iteration). Default true. When false, the engine may skip keeping a prepared form that nobody would load again.
   */
  readonly reuseExpected?: boolean;
  /** Called as preparation enters each phase, so the caller can charge the time of each to its own counter. */
  readonly onPhase?: (phase: PreparePhase) => void;
  /**
   * The blocks carry descriptors but no weights, because `hasPrepared` said the engine keeps this unit's prepared
   * form. If that form is gone meanwhile, `prepare` throws a `WeightsNeededError` and the caller passes weights.
   */
  readonly weightsOmitted?: boolean;
}

/**
 * Runs chains of consecutive blocks (execution units). `prepare` lowers a unit to one fused graph and creates one
 * session; the prepared unit is then run on batches. Only `libs/engine` implements this with ONNX Runtime.
 */
export interface Engine {
  readonly ep: ExecutionProvider;
  prepare(unit: readonly Block[], options?: PrepareOptions): Promise<PreparedUnit>;
  /**
   * Whether the engine keeps a prepared form of the unit with this content key (and `continuesChain`), so that
   * preparing it only loads that form and needs no weights (the caller may then skip reading them).
   */
  hasPrepared?(contentKey: string, continuesChain: boolean): Promise<boolean>;
  dispose(): Promise<void>;
}

/** `prepare` was told the weights were not needed (`weightsOmitted`), but the unit's prepared form is gone. */
export class WeightsNeededError extends Error {
  constructor(label: string) {
    super(`Unit '${label}' has no kept prepared form any more; prepare it again with its weights.`);
    this.name = 'WeightsNeededError';
  }
}

export interface PreparedUnit {
  readonly label: string;
  /** Per-item input specs of the first block and output specs of the last. */
  readonly inputs: readonly TensorSpec[];
  readonly outputs: readonly TensorSpec[];
  /** Bytes of weights this unit holds. */
  readonly weightBytes: number;
  /** The engine reused what it prepared earlier for the same content key (the unit was only loaded). */
  readonly reused?: boolean;
  /**
   * Whether the unit reads the weight memory of the blocks it was prepared from while it lives (so the caller must
   * keep that memory until `dispose`). False when it runs from a copy of its own. Absent: assume it does.
   */
  readonly borrowsWeights?: boolean;
  /** Runs one batch: tensors in the order of `inputs`, batch-major; returns tensors in the order of `outputs`. */
  run(inputs: readonly HostTensor[]): Promise<HostTensor[]>;
  dispose(): Promise<void>;
}
