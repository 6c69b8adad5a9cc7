/**
 * Execution-provider choice. Every provider is checked before a session is made, and a GPU provider is run with
 * ORT's CPU fallback disabled, so a unit that asks for 'webgpu' or 'cuda' either runs there or fails loudly.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ExecutionProvider } from '@alsatian/core';
import { EXECUTION_PROVIDERS, UnavailableError, unknownName } from '@alsatian/core';
import { listSupportedBackends } from 'onnxruntime-node';
import { cudaBinariesMissing, vulkanLoaderMissing } from './messages.ts';

/** Throws InvalidArgumentError for a name that is not an execution provider, listing the known ones. */
export function parseExecutionProvider(name: string): ExecutionProvider {
  if ((EXECUTION_PROVIDERS as readonly string[]).includes(name)) return name as ExecutionProvider;
  return unknownName('execution provider', name, EXECUTION_PROVIDERS);
}

/** Where onnxruntime-node keeps its native libraries (the CUDA EP's shared objects go beside them). */
function nativeDir(): string {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(dirname(require.resolve('onnxruntime-node')));
  return join(packageDir, 'bin', 'napi-v6', process.platform, process.arch);
}

const LIBRARY_DIRS = [
  '/lib/x86_64-linux-gnu',
  '/usr/lib/x86_64-linux-gnu',
  '/lib/aarch64-linux-gnu',
  '/usr/lib/aarch64-linux-gnu',
  '/usr/lib64',
  '/usr/lib',
  '/lib64',
  '/lib',
];

function vulkanLoaderPresent(): boolean {
  const extra = (process.env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean);
  return [...extra, ...LIBRARY_DIRS].some((dir) => existsSync(join(dir, 'libvulkan.so.1')));
}

/**
 * Checks, before any session is made, what can be checked without a device: that this build of onnxruntime-node
 * has the provider, that its native pieces are on disk. Whether a device answers is found out by the session.
 */
export function checkProviderAvailable(ep: ExecutionProvider): void {
  if (ep === 'cpu') return;
  const backend = listSupportedBackends().find((b) => b.name === ep);
  if (!backend)
    throw new UnavailableError(
      `Execution provider '${ep}' is not built into this onnxruntime-node (${process.platform}/${process.arch}); ` +
        `it supports: ${listSupportedBackends()
          .map((b) => b.name)
          .join(', ')}.`,
    );
  if (ep === 'cuda') {
    const dir = nativeDir();
    if (!existsSync(join(dir, 'libonnxruntime_providers_cuda.so')))
      throw new UnavailableError(cudaBinariesMissing(dir));
  }
  if (ep === 'webgpu' && process.platform === 'linux' && !vulkanLoaderPresent())
    throw new UnavailableError(vulkanLoaderMissing());
}

/**
 * The ORT provider list for `ep`. CPU alone for 'cpu'; a GPU provider alone, where CPU nodes are an error unless
 * the caller explicitly allowed them.
 */
export function providerConfig(
  ep: ExecutionProvider,
  allowCpuNodes = false,
): { executionProviders: string[]; extra: Record<string, unknown> } {
  if (ep === 'cpu') return { executionProviders: ['cpu'], extra: {} };
  if (allowCpuNodes) return { executionProviders: [ep, 'cpu'], extra: {} };
  // ORT would otherwise place any node its GPU provider lacks a kernel for on the CPU, silently.
  return { executionProviders: [ep], extra: { session: { disable_cpu_ep_fallback: '1' } } };
}
