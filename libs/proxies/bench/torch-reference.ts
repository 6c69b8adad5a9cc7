import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FeatureBatch } from '@alsatian/core';
import type { LinearParams } from '@alsatian/proxies';

export interface TorchResult {
  readonly seconds: number;
  readonly cpuSeconds: number;
  readonly accuracy: number;
  readonly loss: number;
  readonly threads: number;
}

/**
 * Runs the original's proxy (torch_linear_proxy.py, Debian torch 1.13 CPU) on the same features and initial
 * weights, passed as raw float32/int32 files in a temp folder. Batches must all hold `batch` rows except the last.
 */
export function runTorchProxy(
  train: readonly FeatureBatch[],
  test: readonly FeatureBatch[],
  init: LinearParams,
  dim: number,
  classes: number,
  batch: number,
  epochs: number,
  lr: number,
): TorchResult {
  const folder = mkdtempSync(path.join(tmpdir(), 'proxy-bench-'));
  try {
    const write = (
      name: string,
      arrays: ArrayLike<number>[],
      Type: Float32ArrayConstructor | Int32ArrayConstructor,
    ) => {
      const out = new Type(arrays.reduce((n, a) => n + a.length, 0));
      let at = 0;
      for (const a of arrays) {
        out.set(a, at);
        at += a.length;
      }
      writeFileSync(path.join(folder, name), new Uint8Array(out.buffer));
    };
    write(
      'train_x.f32',
      train.map((b) => b.features),
      Float32Array,
    );
    write(
      'train_y.i32',
      train.map((b) => b.labels),
      Int32Array,
    );
    write(
      'test_x.f32',
      test.map((b) => b.features),
      Float32Array,
    );
    write(
      'test_y.i32',
      test.map((b) => b.labels),
      Int32Array,
    );
    write('init_w.f32', [init.weight], Float32Array);
    write('init_b.f32', [init.bias], Float32Array);
    const script = new URL('./torch_linear_proxy.py', import.meta.url).pathname;
    const out = execFileSync(
      '/usr/bin/python3',
      [script, folder, `${dim}`, `${classes}`, `${batch}`, `${epochs}`, `${lr}`],
      { encoding: 'utf8' },
    );
    return JSON.parse(out.trim().split('\n').pop()!) as TorchResult;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
