/**
 * Buffers for block reads, handed back by the caller once nothing reads a block's weights any more, and reused for
 * the next block of the same size.
 *
 * Why: a search reads the blocks of every execution unit, tens of MiB each (a resnet18 basic block is 18.9 MB).
 * Left to the garbage collector, each read takes a fresh buffer while the last ones wait to be collected, so the
 * heap keeps growing into memory the process has never touched, and on the development machine a fresh 4 KiB page
 * costs ~12 us. Blocks of one architecture come in few sizes, so a returned buffer is almost always the right size
 * for a later read.
 */
export class ReadBuffers {
  /** Idle buffers by exact byte length, each list oldest first. */
  private readonly idle = new Map<number, Buffer[]>();
  /** Buffers handed out and not yet returned: only these may come back (a second return is ignored). */
  private readonly lent = new WeakSet<ArrayBufferLike>();
  private idleBytes = 0;

  constructor(readonly maxIdleBytes: number) {}

  /** A buffer of exactly `bytes` bytes, starting at offset 0 of its own ArrayBuffer; its content is undefined. */
  take(bytes: number): Buffer {
    const list = this.idle.get(bytes);
    const reused = list?.pop();
    if (list?.length === 0) this.idle.delete(bytes);
    if (reused) this.idleBytes -= bytes;
    // Unpooled, so tensors can view it from offset 0 and it is never shared with Node's small-buffer pool.
    const buffer = reused ?? Buffer.allocUnsafeSlow(bytes);
    this.lent.add(buffer.buffer);
    return buffer;
  }

  /**
   * Takes back the buffer behind `view` if this pool lent it; keeps it for reuse unless the idle buffers would
   * exceed `maxIdleBytes`. The caller promises that nothing reads or writes the buffer any more.
   */
  give(view: ArrayBufferView): void {
    const arrayBuffer = view.buffer;
    if (!this.lent.has(arrayBuffer)) return;
    this.lent.delete(arrayBuffer);
    const bytes = arrayBuffer.byteLength;
    if (this.idleBytes + bytes > this.maxIdleBytes) return;
    const list = this.idle.get(bytes) ?? [];
    list.push(Buffer.from(arrayBuffer, 0, bytes));
    this.idle.set(bytes, list);
    this.idleBytes += bytes;
  }

  /** Bytes of buffers waiting for reuse. */
  get bytes(): number {
    return this.idleBytes;
  }
}
