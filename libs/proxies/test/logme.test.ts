import { describe, expect, it } from 'vitest';
import { Rng, type FeatureBatch } from '@alsatian/core';
import { LogMeProxy, logMe } from '../src/index.ts';
import { expectClose } from './expect-close.ts';
import { readFixture, toBatches, type BatchJson } from './fixtures.ts';

interface LogMeCase {
  name: string;
  classes: number;
  train: BatchJson[];
  score: number;
}

describe('LogME against a numpy SVD implementation of the formula (fixtures/logme.json)', () => {
  for (const c of readFixture<LogMeCase>('logme.json')) {
    it(`${c.name}: same mean evidence`, async () => {
      const { score } = await new LogMeProxy().score({
        train: toBatches(c.train),
        test: [],
        numClasses: c.classes,
        seed: 0,
        deterministic: true,
      });
      expectClose(score, c.score, { atol: 1e-9, rtol: 1e-7 });
    });
  }
});

/** Evidence of a one-feature model with fixed alpha, beta, computed by hand from the closed form. */
function evidence1d(f: number[], y: number[], alpha: number, beta: number): number {
  const n = f.length;
  const s = f.reduce((acc, v) => acc + v * v, 0);
  const fy = f.reduce((acc, v, i) => acc + v * y[i], 0);
  const m = (beta * fy) / (alpha + beta * s);
  const resid = y.reduce((acc, v, i) => acc + (v - f[i] * m) ** 2, 0);
  return (
    (0.5 * Math.log(alpha) +
      (n / 2) * Math.log(beta) -
      0.5 * Math.log(alpha + beta * s) -
      (beta / 2) * resid -
      (alpha / 2) * m * m -
      (n / 2) * Math.log(2 * Math.PI)) /
    n
  );
}

describe('logMe', () => {
  it('on one informative feature, matches the best (alpha, beta) of a fine grid over the closed-form evidence', () => {
    // One class (y = 1 everywhere) and a feature near 1: the optimum is interior (alpha ~ e^0, beta ~ e^4).
    const f = [1, 1.1, 0.9, 1.2, 0.8, 1.05];
    const y = f.map(() => 1);
    let gridBest = -Infinity;
    for (let a = -6; a <= 6; a += 0.05)
      for (let b = -6; b <= 6; b += 0.05) gridBest = Math.max(gridBest, evidence1d(f, y, Math.exp(a), Math.exp(b)));
    const score = logMe(Float64Array.from(f), new Int32Array(f.length), f.length, 1);
    expectClose(score, gridBest, { atol: 1e-3, rtol: 0 });
  });

  it('scores informative features above noise, and does not depend on batch boundaries', async () => {
    const rng = Rng.derive(3, 'logme');
    const n = 60,
      dim = 8;
    const labels = Int32Array.from({ length: n }, (_, i) => i % 3);
    const informative = new Float32Array(n * dim),
      noise = new Float32Array(n * dim);
    for (let i = 0; i < n; i++)
      for (let d = 0; d < dim; d++) {
        noise[i * dim + d] = rng.normal();
        informative[i * dim + d] = rng.normal() * 0.3 + (d === labels[i] ? 3 : 0);
      }
    const score = (features: Float32Array, cut: number) => {
      const train: FeatureBatch[] = [
        { rows: cut, dim, features: features.subarray(0, cut * dim), labels: labels.subarray(0, cut) },
        { rows: n - cut, dim, features: features.subarray(cut * dim), labels: labels.subarray(cut) },
      ];
      return new LogMeProxy()
        .score({ train, test: [], numClasses: 3, seed: 0, deterministic: true })
        .then((r) => r.score);
    };
    expect(await score(informative, 30)).toBeGreaterThan(await score(noise, 30));
    expectClose(await score(informative, 7), await score(informative, 30), { atol: 1e-12, rtol: 1e-12 });
  });

  it('rejects options (it has none)', () => {
    expect(() => new LogMeProxy({ alpha: 1 })).toThrow(/unknown option 'alpha'. Known options: \(none\)/);
  });
});

describe('LogMeProxy bad input', () => {
  const features = (rows: number, dim: number): FeatureBatch => ({
    rows,
    dim,
    features: Rng.derive(1, 'bad').fillNormal(new Float32Array(rows * dim)),
    labels: new Int32Array(rows),
  });
  it('needs train items but no test items', async () => {
    await expect(
      new LogMeProxy().score({ train: [], test: [features(3, 2)], numClasses: 1, seed: 0, deterministic: true }),
    ).rejects.toThrow(/Proxy 'logme': the train set has no items/);
    const { score } = await new LogMeProxy().score({
      train: [features(5, 2)],
      test: [],
      numClasses: 1,
      seed: 0,
      deterministic: true,
    });
    expect(Number.isFinite(score)).toBe(true);
  });
  it('names the batch whose features and shape disagree', async () => {
    const broken = { ...features(3, 2), rows: 4, labels: new Int32Array(4) };
    await expect(
      new LogMeProxy().score({
        train: [features(3, 2), broken],
        test: [],
        numClasses: 1,
        seed: 0,
        deterministic: true,
      }),
    ).rejects.toThrow(/train batch 1 claims 4 x 2 features but holds 6 numbers/);
  });
});
