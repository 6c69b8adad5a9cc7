import { describe, expect, it } from 'vitest';
import { BlockCache } from '../src/index.ts';

function setup(budgetBytes: number) {
  const disposed: string[] = [];
  const loads: string[] = [];
  const cache = new BlockCache<string>({ budgetBytes, dispose: (key) => void disposed.push(key) });
  const load = (key: string, bytes: number) => async () => {
    loads.push(key);
    return { value: `session:${key}`, bytes };
  };
  const use = (key: string, bytes = 10) => cache.use(key, load(key, bytes), async (v) => v);
  return { cache, disposed, loads, use, load };
}

describe('BlockCache', () => {
  it('loads once while a block fits, counting hits and misses', async () => {
    const { cache, loads, use } = setup(100);
    expect(await use('a')).toBe('session:a');
    await use('a');
    await use('a');
    expect(loads).toEqual(['a']);
    expect(cache.stats()).toMatchObject({ hits: 2, misses: 1, bytes: 10, entries: 1 });
  });

  it('evicts least recently used first and disposes each evicted value once', async () => {
    const { cache, disposed, use } = setup(30);
    await use('a');
    await use('b');
    await use('c');
    await use('a'); // a is now the most recent
    await use('d'); // evicts b
    expect(disposed).toEqual(['b']);
    expect(cache.keys()).toEqual(['c', 'a', 'd']);
    await use('e', 20); // evicts c then a
    expect(disposed).toEqual(['b', 'c', 'a']);
    expect(cache.stats()).toMatchObject({ evictions: 3, bytes: 30, peakBytes: 30 });
  });

  it('never evicts a value in use; a value that cannot fit is used once and disposed after', async () => {
    const { cache, disposed, load } = setup(30);
    const seen = await cache.use('a', load('a', 20), async () => {
      // 'a' is pinned: 'b' (20 bytes) cannot fit beside it, so it is handed out uncached.
      const inner = await cache.use('b', load('b', 20), async (v) => {
        expect(disposed).toEqual([]);
        return v;
      });
      expect(disposed).toEqual(['b']);
      return inner;
    });
    expect(seen).toBe('session:b');
    expect(cache.keys()).toEqual(['a']);
    await cache.use('big', load('big', 31), async () => undefined);
    expect(disposed).toEqual(['b', 'big']);
    expect(cache.stats().bytes).toBe(20);
  });

  it('shares one load between concurrent misses of one key', async () => {
    const { cache, loads, use } = setup(100);
    await Promise.all([use('a'), use('a'), use('a')]);
    expect(loads).toEqual(['a']);
    expect(cache.stats().entries).toBe(1);
  });

  it('clear disposes everything not in use', async () => {
    const { cache, disposed, use } = setup(100);
    await use('a');
    await use('b');
    await cache.clear();
    expect(disposed.sort()).toEqual(['a', 'b']);
    expect(cache.stats()).toMatchObject({ bytes: 0, entries: 0 });
  });
});
