import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@alsatian/core';
import { KnnProxy, LinearProxy, LogMeProxy, PROXIES, PROXY_NAMES, createProxy } from '../src/index.ts';

describe('PROXIES registry', () => {
  it('builds each proxy by name with its options', () => {
    expect(PROXY_NAMES).toEqual(['linear', 'knn', 'logme']);
    const linear = createProxy('linear', { epochs: 5 });
    expect(linear).toBeInstanceOf(LinearProxy);
    expect((linear as LinearProxy).epochs).toBe(5);
    expect((createProxy('knn', { metric: 'euclidean' }) as KnnProxy).metric).toBe('euclidean');
    expect(createProxy('logme')).toBeInstanceOf(LogMeProxy);
    for (const name of PROXY_NAMES) expect(createProxy(name).name).toBe(name);
    for (const def of Object.values(PROXIES)) expect(def.description.length).toBeGreaterThan(0);
  });

  it('rejects an unknown name, listing the known ones', () => {
    expect(() => createProxy('leep')).toThrow(InvalidArgumentError);
    expect(() => createProxy('leep')).toThrow("Unknown proxy 'leep'. Known: linear, knn, logme.");
    expect(() => createProxy('toString')).toThrow(InvalidArgumentError);
  });
});
