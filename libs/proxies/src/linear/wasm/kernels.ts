import { assembleModule, Code, I32, V128, type FunctionDef } from './assembler.ts';

/**
 * The probe's two hot loops as WebAssembly SIMD (f32x4), 4 lanes over the feature dimension:
 *
 * forward(x, rows, dimPad, w, bias, classes, out): out[r, c] = bias[c] + sum_d x[r, d] w[c, d], 2 rows x 4 classes
 *   per pass (8 vector accumulators, 6 loads per 8 multiply-adds); lanes summed as (l0 + l1) + (l2 + l3).
 * update(x, rows, dimPad, g, classes, w): w[c, d] -= sum_r g[r, c] x[r, d], 4 classes x 8 dims per pass; `g` comes
 *   in pre-scaled by the learning rate. All 8 new values are computed before any store, so clamped duplicate
 *   lanes (classes not a multiple of 4) store the same value twice instead of subtracting twice.
 *
 * Pointers are byte offsets into the exported memory; rows are `dimPad` floats apart, dimPad a multiple of 8
 * with zero padding (zeros add nothing to either sum). Row and class counts must be >= 1.
 */

/** Pushes `c0 + k` clamped to `last` when it is not below `classes`. */
function clampedClass(code: Code, c0: number, k: number, last: number, classes: number): Code {
  return code.get(c0).i32(k).add().get(last).get(c0).i32(k).add().get(classes).ltU().select();
}

function horizontalSum(code: Code, acc: number): Code {
  return code
    .get(acc)
    .f32x4ExtractLane(0)
    .get(acc)
    .f32x4ExtractLane(1)
    .f32Add()
    .get(acc)
    .f32x4ExtractLane(2)
    .get(acc)
    .f32x4ExtractLane(3)
    .f32Add()
    .f32Add();
}

function forward(): FunctionDef {
  const [x, rows, dimPad, w, bias, classes, out] = [0, 1, 2, 3, 4, 5, 6];
  const [rowBytes, r0, xa, xb, c0, off, la, lb, last] = [7, 8, 9, 10, 11, 12, 13, 14, 15];
  const ck = [c0, 16, 17, 18];
  const wk = [19, 20, 21, 22];
  const acc = [23, 24, 25, 26, 27, 28, 29, 30];
  const [u, v, p] = [31, 32, 33];
  const c = new Code();
  c.get(dimPad).i32(4).mul().set(rowBytes);
  c.get(classes).i32(1).sub().set(last);
  c.i32(0).set(r0);
  c.loop(); // rows, two at a time (the second clamped to the first on an odd tail)
  c.get(x).get(r0).get(rowBytes).mul().add().set(xa);
  c.get(out).get(r0).get(classes).mul().i32(4).mul().add().set(la);
  c.get(r0).i32(1).add().get(r0).get(r0).i32(1).add().get(rows).ltU().select();
  c.set(xb); // xb temporarily holds r1
  c.get(out).get(xb).get(classes).mul().i32(4).mul().add().set(lb);
  c.get(x).get(xb).get(rowBytes).mul().add().set(xb);
  c.i32(0).set(c0);
  c.loop(); // classes, four at a time
  for (let k = 1; k < 4; k++) clampedClass(c, c0, k, last, classes).set(ck[k]);
  for (let k = 0; k < 4; k++) c.get(w).get(ck[k]).get(rowBytes).mul().add().set(wk[k]);
  for (const a of acc) c.f32(0).f32x4Splat().set(a);
  c.i32(0).set(off);
  c.loop(); // feature dimension, 4 floats at a time
  c.get(xa).get(off).add().v128Load().set(u);
  c.get(xb).get(off).add().v128Load().set(v);
  for (let k = 0; k < 4; k++) {
    c.get(wk[k]).get(off).add().v128Load().set(p);
    c.get(acc[k]).get(u).get(p).f32x4Mul().f32x4Add().set(acc[k]);
    c.get(acc[4 + k])
      .get(v)
      .get(p)
      .f32x4Mul()
      .f32x4Add()
      .set(acc[4 + k]);
  }
  c.get(off).i32(16).add().tee(off).get(rowBytes).ltU().brIf(0);
  c.end();
  for (let k = 0; k < 8; k++) {
    c.get(k < 4 ? la : lb)
      .get(ck[k % 4])
      .i32(4)
      .mul()
      .add();
    horizontalSum(c, acc[k]);
    c.get(bias)
      .get(ck[k % 4])
      .i32(4)
      .mul()
      .add()
      .f32Load()
      .f32Add()
      .f32Store();
  }
  c.get(c0).i32(4).add().tee(c0).get(classes).ltU().brIf(0);
  c.end();
  c.get(r0).i32(2).add().tee(r0).get(rows).ltU().brIf(0);
  c.end();
  return {
    name: 'forward',
    params: Array(7).fill(I32),
    locals: [...Array(16).fill(I32), ...Array(11).fill(V128)],
    body: c,
  };
}

function update(): FunctionDef {
  const [x, rows, dimPad, g, classes, w] = [0, 1, 2, 3, 4, 5];
  const [rowBytes, gRowBytes, c0, last, off, xr, gp, r] = [6, 7, 8, 9, 10, 11, 12, 13];
  const ck = [c0, 14, 15, 16];
  const wk = [17, 18, 19, 20];
  const acc = [21, 22, 23, 24, 25, 26, 27, 28];
  const [u, v] = [29, 30];
  const gk = [31, 32, 33, 34];
  const c = new Code();
  c.get(dimPad).i32(4).mul().set(rowBytes);
  c.get(classes).i32(4).mul().set(gRowBytes);
  c.get(classes).i32(1).sub().set(last);
  c.i32(0).set(c0);
  c.loop(); // classes, four at a time
  for (let k = 1; k < 4; k++) clampedClass(c, c0, k, last, classes).set(ck[k]);
  for (let k = 0; k < 4; k++) c.get(w).get(ck[k]).get(rowBytes).mul().add().set(wk[k]);
  c.i32(0).set(off);
  c.loop(); // feature dimension, 8 floats at a time
  for (const a of acc) c.f32(0).f32x4Splat().set(a);
  c.get(x).get(off).add().set(xr);
  c.get(g).set(gp);
  c.i32(0).set(r);
  c.loop(); // rows of the batch
  for (let k = 0; k < 4; k++) c.get(gp).get(ck[k]).i32(4).mul().add().f32Load().f32x4Splat().set(gk[k]);
  c.get(xr).v128Load().set(u);
  c.get(xr).v128Load(16).set(v);
  for (let k = 0; k < 4; k++) {
    c.get(acc[k]).get(gk[k]).get(u).f32x4Mul().f32x4Add().set(acc[k]);
    c.get(acc[4 + k])
      .get(gk[k])
      .get(v)
      .f32x4Mul()
      .f32x4Add()
      .set(acc[4 + k]);
  }
  c.get(xr).get(rowBytes).add().set(xr);
  c.get(gp).get(gRowBytes).add().set(gp);
  c.get(r).i32(1).add().tee(r).get(rows).ltU().brIf(0);
  c.end();
  for (let k = 0; k < 4; k++) {
    c.get(wk[k]).get(off).add().v128Load().get(acc[k]).f32x4Sub().set(acc[k]);
    c.get(wk[k])
      .get(off)
      .add()
      .v128Load(16)
      .get(acc[4 + k])
      .f32x4Sub()
      .set(acc[4 + k]);
  }
  for (let k = 0; k < 4; k++) {
    c.get(wk[k]).get(off).add().get(acc[k]).v128Store();
    c.get(wk[k])
      .get(off)
      .add()
      .get(acc[4 + k])
      .v128Store(16);
  }
  c.get(off).i32(32).add().tee(off).get(rowBytes).ltU().brIf(0);
  c.end();
  c.get(c0).i32(4).add().tee(c0).get(classes).ltU().brIf(0);
  c.end();
  return {
    name: 'update',
    params: Array(6).fill(I32),
    locals: [...Array(15).fill(I32), ...Array(14).fill(V128)],
    body: c,
  };
}

/**
 * The slice of the WebAssembly JS API used here. The project's type libs (ES2023 + @types/node, no DOM) do not
 * declare WebAssembly as a value, so it is typed locally and read from globalThis.
 */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports?: object) => { readonly exports: object };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let compiled: object | undefined;

/** The compiled kernel module (assembled and compiled once per process); throws where wasm SIMD is missing. */
export function probeKernelModule(): object {
  compiled ??= new wasm.Module(assembleModule([forward(), update()], 1));
  return compiled;
}

export interface ProbeKernels {
  readonly memory: WasmMemory;
  forward(x: number, rows: number, dimPad: number, w: number, bias: number, classes: number, out: number): void;
  update(x: number, rows: number, dimPad: number, g: number, classes: number, w: number): void;
}

/** A fresh instance (own memory) with room for at least `bytes`. */
export function instantiateProbeKernels(bytes: number): ProbeKernels {
  const kernels = new wasm.Instance(probeKernelModule()).exports as ProbeKernels;
  const pages = Math.ceil(bytes / 65536);
  const have = kernels.memory.buffer.byteLength / 65536;
  if (pages > have) kernels.memory.grow(pages - have);
  return kernels;
}
