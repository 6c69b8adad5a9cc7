import type { Proxy, ProxyInput, ProxyScore } from '@alsatian/core';
import { checkProxyInput } from '../features.ts';
import { oneOf, positiveInteger, positiveNumber, rejectUnknownOptions } from '../options.ts';
import { PROBE_BACKENDS, resolveProbeBackend, type ProbeBackendName } from './backends.ts';
import { initLinear, linearInitRng } from './init.ts';

export interface LinearProxyOptions {
  /** Passes over the train batches (default 100, as the reference). */
  readonly epochs?: number;
  /** SGD learning rate (default 0.1, as the reference). */
  readonly lr?: number;
  /** Kernels to run on (default 'auto': WebAssembly SIMD where available; see backends.ts for measurements). */
  readonly backend?: ProbeBackendName;
}

const LINEAR_OPTIONS = ['epochs', 'lr', 'backend'] as const;

/**
 * The reference's proxy: a Linear(dim, classes) layer trained with SGD on the cached train features, scored by
 * top-1 accuracy on the test features (loss: mean of per-test-batch mean cross-entropies).
 */
export class LinearProxy implements Proxy {
  readonly name = 'linear';
  readonly epochs: number;
  readonly lr: number;
  readonly backend: ProbeBackendName;

  constructor(options: LinearProxyOptions = {}) {
    rejectUnknownOptions(this.name, options, LINEAR_OPTIONS);
    this.epochs = positiveInteger(this.name, 'epochs', options.epochs ?? 100);
    this.lr = positiveNumber(this.name, 'lr', options.lr ?? 0.1);
    this.backend = oneOf(this.name, 'backend', options.backend ?? 'auto', PROBE_BACKENDS);
  }

  async score(input: ProxyInput): Promise<ProxyScore> {
    const { dim } = checkProxyInput(this.name, input);
    const firstBatch = input.train.find((b) => b.rows > 0)!;
    const params = initLinear(
      dim,
      input.numClasses,
      linearInitRng(input.seed, dim, input.numClasses, input.deterministic, firstBatch),
    );
    const all = [...input.train, ...input.test];
    const backend = resolveProbeBackend(this.backend, all, dim, input.numClasses);
    backend.train(input.train, input.numClasses, params, this.epochs, this.lr);
    const { accuracy, loss } = backend.evaluate(input.test, input.numClasses, params);
    return { score: accuracy, loss };
  }
}
