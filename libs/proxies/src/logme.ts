import type { Proxy, ProxyInput, ProxyScore } from '@alsatian/core';
import { checkProxyInput, concatBatches } from './features.ts';
import { rejectUnknownOptions } from './options.ts';
import { gramOfColumns, gramOfRows } from './gram.ts';
import { symmetricEigenProject } from './symmetric-eigen.ts';

/** Fixed-point schedule of LogME's JMLR version: at most 11 updates, stop when alpha/beta moves by <= 1e-3. */
const MAX_STEPS = 11;
const TOLERANCE = 1e-3;

/**
 * LogME (You et al., ICML 2021 / JMLR 2022): for each class, the log evidence of a Bayesian linear regression
 * from the train features to that class's one-hot column, maximised over the prior precision alpha and noise
 * precision beta; the score is the mean over classes present in the train labels. Higher is better. Test
 * features are not used. float64 throughout.
 */
export class LogMeProxy implements Proxy {
  readonly name = 'logme';

  constructor(options: object = {}) {
    rejectUnknownOptions(this.name, options, []);
  }

  async score(input: ProxyInput): Promise<ProxyScore> {
    const { dim } = checkProxyInput(this.name, input, { needTest: false });
    const { x, labels, rows } = concatBatches(input.train, dim);
    return { score: logMe(x, labels, rows, dim) };
  }
}

/** Mean LogME evidence over the classes that occur in `labels`; `x` is rows x dim row-major. */
export function logMe(x: Float64Array, labels: Int32Array, rows: number, dim: number): number {
  const present = [...new Set(labels)].sort((p, q) => p - q);
  const k = present.length;
  const sqNormY = new Float64Array(k);
  labels.forEach((l) => sqNormY[present.indexOf(l)]++);
  // Eigen-decompose the smaller Gram matrix: F^T F (dim x dim) or F F^T (rows x rows). Both share the nonzero
  // eigenvalues s_i; the projections differ (p = V^T F^T y, or q = U^T y with p_i = sqrt(s_i) q_i).
  const byFeatures = dim <= rows;
  let values: Float64Array;
  let proj: Float64Array;
  if (byFeatures) {
    const gram = gramOfColumns(x, rows, dim);
    proj = new Float64Array(dim * k); // F^T Y
    for (let r = 0; r < rows; r++) {
      const c = present.indexOf(labels[r]);
      for (let d = 0; d < dim; d++) proj[d * k + c] += x[r * dim + d];
    }
    values = symmetricEigenProject(gram, dim, proj, k);
  } else {
    const gram = gramOfRows(x, rows, dim);
    proj = new Float64Array(rows * k); // Y
    labels.forEach((l, r) => (proj[r * k + present.indexOf(l)] = 1));
    values = symmetricEigenProject(gram, rows, proj, k);
  }
  // Round-off can leave tiny negative eigenvalues of a PSD matrix.
  for (let i = 0; i < values.length; i++) if (values[i] < 0) values[i] = 0;
  let total = 0;
  for (let c = 0; c < k; c++) {
    const coeffs = Float64Array.from(values, (_, i) => proj[i * k + c]);
    total += classEvidence(values, coeffs, byFeatures, sqNormY[c], rows, dim);
  }
  return total / k;
}

/**
 * Evidence of one target column, maximised by MacKay's fixed point: gamma = sum beta s/(alpha + beta s),
 * alpha = gamma / |m|^2, beta = (N - gamma) / |y - F m|^2, where m is the posterior mean for the current
 * (alpha, beta). The final evidence is evaluated with m recomputed at the final (alpha, beta).
 */
function classEvidence(
  s: Float64Array,
  coeffs: Float64Array,
  byFeatures: boolean,
  sqNormY: number,
  n: number,
  d: number,
): number {
  let alpha = 1,
    beta = 1;
  const fit = (al: number, be: number) => {
    let gamma = 0,
      mNorm = 0,
      resid = byFeatures ? sqNormY : 0,
      logDet = byFeatures ? 0 : (d - n) * Math.log(al);
    for (let i = 0; i < s.length; i++) {
      const den = al + be * s[i];
      const c2 = coeffs[i] * coeffs[i];
      gamma += (be * s[i]) / den;
      logDet += Math.log(den);
      if (byFeatures) {
        // coeffs = V^T F^T y: m_i = beta c_i / den; |y - F m|^2 = |y|^2 - 2 y^T F m + m^T F^T F m.
        mNorm += (be * be * c2) / (den * den);
        resid += (-2 * be * c2) / den + (be * be * s[i] * c2) / (den * den);
      } else {
        // coeffs = U^T y over a complete basis: F m = U diag(beta s / den) U^T y.
        mNorm += (be * be * s[i] * c2) / (den * den);
        resid += (al * al * c2) / (den * den);
      }
    }
    return { gamma, mNorm, resid: Math.max(resid, 0), logDet };
  };
  for (let step = 0; step < MAX_STEPS; step++) {
    const { gamma, mNorm, resid } = fit(alpha, beta);
    const nextAlpha = gamma / Math.max(mNorm, Number.MIN_VALUE);
    const nextBeta = (n - gamma) / Math.max(resid, Number.MIN_VALUE);
    const converged = Math.abs(nextAlpha / nextBeta - alpha / beta) / (alpha / beta) <= TOLERANCE;
    alpha = nextAlpha;
    beta = nextBeta;
    if (converged) break;
  }
  const { mNorm, resid, logDet } = fit(alpha, beta);
  const evidence =
    (d / 2) * Math.log(alpha) +
    (n / 2) * Math.log(beta) -
    logDet / 2 -
    (beta / 2) * resid -
    (alpha / 2) * mNorm -
    (n / 2) * Math.log(2 * Math.PI);
  return evidence / n;
}
