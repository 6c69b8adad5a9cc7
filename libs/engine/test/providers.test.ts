import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@alsatian/core';
import { parseExecutionProvider, providerConfig } from '../src/providers.ts';

describe('execution provider configuration', () => {
  it('runs cpu on the CPU provider alone', () => {
    expect(providerConfig('cpu')).toEqual({ executionProviders: ['cpu'], extra: {} });
  });

  it('runs a GPU provider alone with ORT CPU fallback disabled, unless CPU nodes are explicitly allowed', () => {
    for (const ep of ['webgpu', 'cuda'] as const) {
      expect(providerConfig(ep)).toEqual({
        executionProviders: [ep],
        extra: { session: { disable_cpu_ep_fallback: '1' } },
      });
      expect(providerConfig(ep, true)).toEqual({ executionProviders: [ep, 'cpu'], extra: {} });
    }
  });

  it('parses the three provider names and rejects others with the list', () => {
    expect(['cpu', 'webgpu', 'cuda'].map(parseExecutionProvider)).toEqual(['cpu', 'webgpu', 'cuda']);
    expect(() => parseExecutionProvider('CPU')).toThrow(InvalidArgumentError);
    expect(() => parseExecutionProvider('gpu')).toThrow(/Known: cpu, webgpu, cuda/);
  });
});
