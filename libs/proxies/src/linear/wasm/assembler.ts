/**
 * A minimal WebAssembly binary writer: just what the probe's two SIMD kernels need (i32 arithmetic, blocks,
 * loops, f32 and v128 loads/stores, f32x4 arithmetic), with one function per export and one exported memory.
 * The kernels are written against it in code (kernels.ts), so no binary blob sits in the source and no
 * toolchain is needed. Opcodes are from the WebAssembly core spec 2.0 and its fixed-width SIMD proposal.
 */

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;

function uleb(n: number, out: number[]): void {
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
}

function sleb(n: number, out: number[]): void {
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return;
    }
    out.push(byte | 0x80);
  }
}

/** Instruction stream of one function body. Memory offsets are in bytes; alignment hints are natural. */
export class Code {
  readonly bytes: number[] = [];
  private op(...b: number[]): this {
    this.bytes.push(...b);
    return this;
  }
  private simd(opcode: number): this {
    this.bytes.push(0xfd);
    uleb(opcode, this.bytes);
    return this;
  }
  get(local: number): this {
    this.op(0x20);
    uleb(local, this.bytes);
    return this;
  }
  set(local: number): this {
    this.op(0x21);
    uleb(local, this.bytes);
    return this;
  }
  tee(local: number): this {
    this.op(0x22);
    uleb(local, this.bytes);
    return this;
  }
  i32(value: number): this {
    this.op(0x41);
    sleb(value, this.bytes);
    return this;
  }
  f32(value: number): this {
    this.op(0x43);
    this.bytes.push(...new Uint8Array(Float32Array.of(value).buffer));
    return this;
  }
  add(): this {
    return this.op(0x6a);
  }
  sub(): this {
    return this.op(0x6b);
  }
  mul(): this {
    return this.op(0x6c);
  }
  ltU(): this {
    return this.op(0x49);
  }
  select(): this {
    return this.op(0x1b);
  }
  /** `block` / `loop` without a result; close with end(). */
  block(): this {
    return this.op(0x02, 0x40);
  }
  loop(): this {
    return this.op(0x03, 0x40);
  }
  end(): this {
    return this.op(0x0b);
  }
  brIf(depth: number): this {
    this.op(0x0d);
    uleb(depth, this.bytes);
    return this;
  }
  f32Load(offset = 0): this {
    this.op(0x2a, 2);
    uleb(offset, this.bytes);
    return this;
  }
  f32Store(offset = 0): this {
    this.op(0x38, 2);
    uleb(offset, this.bytes);
    return this;
  }
  f32Add(): this {
    return this.op(0x92);
  }
  v128Load(offset = 0): this {
    this.simd(0x00);
    this.bytes.push(4);
    uleb(offset, this.bytes);
    return this;
  }
  v128Store(offset = 0): this {
    this.simd(0x0b);
    this.bytes.push(4);
    uleb(offset, this.bytes);
    return this;
  }
  f32x4Splat(): this {
    return this.simd(0x13);
  }
  f32x4ExtractLane(lane: number): this {
    this.simd(0x1f);
    this.bytes.push(lane);
    return this;
  }
  f32x4Add(): this {
    return this.simd(0xe4);
  }
  f32x4Sub(): this {
    return this.simd(0xe5);
  }
  f32x4Mul(): this {
    return this.simd(0xe6);
  }
}

export interface FunctionDef {
  readonly name: string;
  readonly params: readonly number[];
  /** Extra locals after the params, in order (their indices follow the params'). */
  readonly locals: readonly number[];
  readonly body: Code;
}

function section(id: number, content: number[], out: number[]): void {
  out.push(id);
  uleb(content.length, out);
  out.push(...content);
}

function name(text: string, out: number[]): void {
  const bytes = new TextEncoder().encode(text);
  uleb(bytes.length, out);
  out.push(...bytes);
}

/** A module exporting `functions` (no results) and its memory as `memory` (initial `pages` of 64 KiB). */
export function assembleModule(functions: readonly FunctionDef[], pages: number): Uint8Array {
  const out = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const types: number[] = [];
  uleb(functions.length, types);
  for (const f of functions) {
    types.push(0x60);
    uleb(f.params.length, types);
    types.push(...f.params);
    types.push(0x00);
  }
  section(1, types, out);
  const funcs: number[] = [];
  uleb(functions.length, funcs);
  functions.forEach((_, i) => uleb(i, funcs));
  section(3, funcs, out);
  const memory: number[] = [0x01, 0x00];
  uleb(pages, memory);
  section(5, memory, out);
  const exports: number[] = [];
  uleb(functions.length + 1, exports);
  functions.forEach((f, i) => {
    name(f.name, exports);
    exports.push(0x00);
    uleb(i, exports);
  });
  name('memory', exports);
  exports.push(0x02, 0x00);
  section(7, exports, out);
  const code: number[] = [];
  uleb(functions.length, code);
  for (const f of functions) {
    const body: number[] = [];
    uleb(f.locals.length, body);
    for (const t of f.locals) body.push(0x01, t);
    body.push(...f.body.bytes, 0x0b);
    uleb(body.length, code);
    code.push(...body);
  }
  section(10, code, out);
  return Uint8Array.from(out);
}
