/**
 * Eigenvalues of a symmetric matrix A (n x n, row-major float64) together with V^T B for a block B (n x k),
 * where A = V diag(values) V^T. LogME needs only these projections, never V itself, so the transforms are
 * applied to B as they happen: Householder tridiagonalisation (A = Q T Q^T), then implicit symmetric QR steps
 * with Wilkinson shifts on T. Cost: about n^3 multiply-adds for the reduction plus O(n^2 k) for the rotations,
 * instead of the 3n^3 that accumulating V would add.
 *
 * Reads only the lower triangle of `a`. `a` and `b` are overwritten.
 */
export function symmetricEigenProject(a: Float64Array, n: number, b: Float64Array, k: number): Float64Array {
  const diag = new Float64Array(n);
  const off = new Float64Array(Math.max(n - 1, 0));
  tridiagonalise(a, n, b, k, diag, off);
  tridiagonalQr(diag, off, n, b, k);
  return diag;
}

/** Householder reduction; on return diag/off hold T and b holds Q^T b. */
function tridiagonalise(
  a: Float64Array,
  n: number,
  b: Float64Array,
  k: number,
  diag: Float64Array,
  off: Float64Array,
): void {
  const v = new Float64Array(n);
  const w = new Float64Array(n);
  for (let col = 0; col < n - 2; col++) {
    const s = col + 1;
    let norm = 0;
    for (let i = s; i < n; i++) norm += a[i * n + col] * a[i * n + col];
    norm = Math.sqrt(norm);
    if (norm === 0) continue;
    // v = x - alpha e1 with alpha = -sign(x0) |x|: no cancellation in v[s].
    const alpha = a[s * n + col] > 0 ? -norm : norm;
    for (let i = s; i < n; i++) v[i] = a[i * n + col];
    v[s] -= alpha;
    let vnorm = 0;
    for (let i = s; i < n; i++) vnorm += v[i] * v[i];
    vnorm = Math.sqrt(vnorm);
    if (vnorm === 0) continue;
    for (let i = s; i < n; i++) v[i] /= vnorm;
    // H A H with H = I - 2vv^T equals A - v w^T - w v^T for w = 2(p - (v.p) v), p = A v (trailing block).
    // Only the lower triangle is read and written: half the memory traffic of the full-matrix loops.
    for (let i = s; i < n; i++) w[i] = 0;
    for (let i = s; i < n; i++) {
      const row = i * n;
      const vi = v[i];
      let sum = a[row + i] * vi;
      for (let j = s; j < i; j++) {
        const aij = a[row + j];
        sum += aij * v[j];
        w[j] += aij * vi;
      }
      w[i] += sum;
    }
    let vp = 0;
    for (let i = s; i < n; i++) vp += v[i] * w[i];
    for (let i = s; i < n; i++) w[i] = 2 * (w[i] - vp * v[i]);
    for (let i = s; i < n; i++) {
      const row = i * n;
      const vi = v[i],
        wi = w[i];
      for (let j = s; j <= i; j++) a[row + j] -= vi * w[j] + wi * v[j];
    }
    a[s * n + col] = alpha;
    for (let i = s + 1; i < n; i++) a[i * n + col] = 0;
    // b <- H b.
    for (let c = 0; c < k; c++) {
      let dot = 0;
      for (let i = s; i < n; i++) dot += v[i] * b[i * k + c];
      for (let i = s; i < n; i++) b[i * k + c] -= 2 * dot * v[i];
    }
  }
  for (let i = 0; i < n; i++) diag[i] = a[i * n + i];
  for (let i = 0; i < n - 1; i++) off[i] = a[(i + 1) * n + i];
}

/** Implicit symmetric QR on the tridiagonal (diag, off); each rotation is also applied to the rows of b. */
function tridiagonalQr(diag: Float64Array, off: Float64Array, n: number, b: Float64Array, k: number): void {
  const maxSteps = 50 * Math.max(n, 1);
  let steps = 0;
  let end = n - 1;
  while (end > 0) {
    for (let i = 0; i < end; i++) {
      if (Math.abs(off[i]) <= Number.EPSILON * (Math.abs(diag[i]) + Math.abs(diag[i + 1]))) off[i] = 0;
    }
    if (off[end - 1] === 0) {
      end--;
      continue;
    }
    let start = end - 1;
    while (start > 0 && off[start - 1] !== 0) start--;
    if (++steps > maxSteps)
      throw new Error(`symmetricEigenProject: QR did not converge after ${maxSteps} steps (n = ${n})`);
    qrStep(diag, off, start, end, b, k);
  }
}

/** One Wilkinson-shifted QR step on the unreduced block [start, end], chasing the bulge down the diagonal. */
function qrStep(diag: Float64Array, off: Float64Array, start: number, end: number, b: Float64Array, k: number): void {
  const half = (diag[end - 1] - diag[end]) / 2;
  const e = off[end - 1];
  const shift = diag[end] - (e * e) / (half + (half >= 0 ? 1 : -1) * Math.hypot(half, e));
  let x = diag[start] - shift;
  let z = off[start];
  let bulge = 0;
  for (let i = start; i < end; i++) {
    // Rotation R = [[c, -s], [s, c]] on rows/cols (i, i+1) with s x + c z = 0.
    const r = Math.hypot(x, z);
    const c = r === 0 ? 1 : x / r;
    const s = r === 0 ? 0 : -z / r;
    if (i > start) off[i - 1] = c * off[i - 1] - s * bulge;
    const p = diag[i],
      q = diag[i + 1],
      o = off[i];
    diag[i] = c * c * p - 2 * c * s * o + s * s * q;
    diag[i + 1] = s * s * p + 2 * c * s * o + c * c * q;
    off[i] = c * s * (p - q) + (c * c - s * s) * o;
    if (i + 1 < end) {
      bulge = -s * off[i + 1];
      off[i + 1] = c * off[i + 1];
      x = off[i];
      z = bulge;
    }
    const ri = i * k,
      rj = (i + 1) * k;
    for (let col = 0; col < k; col++) {
      const u = b[ri + col],
        t = b[rj + col];
      b[ri + col] = c * u - s * t;
      b[rj + col] = s * u + c * t;
    }
  }
}
