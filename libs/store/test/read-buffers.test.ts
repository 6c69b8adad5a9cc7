import { describe, expect, it } from 'vitest';
import { ReadBuffers } from '../src/read-buffers.ts';

describe('read buffers', () => {
  it('lends a returned buffer again for a read of exactly its size, and keeps no more idle bytes than allowed', () => {
    const pool = new ReadBuffers(100);
    const a = pool.take(60);
    expect(a.byteLength).toBe(60);
    expect(a.byteOffset).toBe(0);
    pool.give(a.subarray(8, 16)); // any view of the buffer returns it
    expect(pool.bytes).toBe(60);
    expect(pool.take(30).buffer).not.toBe(a.buffer); // another size: a new buffer
    const again = pool.take(60);
    expect(again.buffer).toBe(a.buffer);
    expect(pool.bytes).toBe(0);

    const b = pool.take(60);
    pool.give(again);
    pool.give(b); // 120 idle bytes would exceed the 100 allowed: this one is left to the garbage collector
    expect(pool.bytes).toBe(60);
    pool.give(again); // already returned: ignored
    pool.give(Buffer.alloc(60)); // never lent: ignored
    expect(pool.bytes).toBe(60);
  });
});
