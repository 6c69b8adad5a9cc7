/**
 * Gram matrices for LogME, in float64. F^T F (dim x dim) is the costly one (rows * dim^2 / 2 multiply-adds):
 * F is transposed once so each Gram entry is a dot product of two contiguous columns, and the work is tiled
 * (64 x 64 entries over 512 rows at a time, ~0.5 MiB of columns) so the columns come from cache, not memory.
 * Streaming the whole dim x dim matrix once per row instead (the textbook loop) was ~20x slower at 8000 x 2048.
 */

const TILE = 64;
const ROW_BLOCK = 512;

/** F^T F for F `rows x dim` row-major. */
export function gramOfColumns(x: Float64Array, rows: number, dim: number): Float64Array {
  const xt = new Float64Array(dim * rows);
  for (let r = 0; r < rows; r++) for (let d = 0; d < dim; d++) xt[d * rows + r] = x[r * dim + d];
  return gramOfRows(xt, dim, rows);
}

/** F F^T for F `rows x dim` row-major: entry (i, j) is the dot product of rows i and j. */
export function gramOfRows(x: Float64Array, rows: number, dim: number): Float64Array {
  const g = new Float64Array(rows * rows);
  for (let k0 = 0; k0 < dim; k0 += ROW_BLOCK) {
    const k1 = Math.min(dim, k0 + ROW_BLOCK);
    for (let i0 = 0; i0 < rows; i0 += TILE) {
      for (let j0 = i0; j0 < rows; j0 += TILE) {
        addTile(x, dim, g, rows, i0, Math.min(rows, i0 + TILE), j0, Math.min(rows, j0 + TILE), k0, k1);
      }
    }
  }
  // Tiles above the diagonal were computed; mirror them (diagonal tiles are already full and symmetric).
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < i; j++) {
      if (Math.floor(i / TILE) !== Math.floor(j / TILE)) g[i * rows + j] = g[j * rows + i];
    }
  }
  return g;
}

/** g[i, j] += sum_{k in [k0, k1)} x[i, k] x[j, k] for i in [i0, i1), j in [j0, j1); 2 x 2 register blocks. */
function addTile(
  x: Float64Array,
  dim: number,
  g: Float64Array,
  n: number,
  i0: number,
  i1: number,
  j0: number,
  j1: number,
  k0: number,
  k1: number,
): void {
  for (let i = i0; i < i1; i += 2) {
    const iNext = i + 1 < i1;
    const a = i * dim,
      b = (iNext ? i + 1 : i) * dim;
    for (let j = j0; j < j1; j += 2) {
      const jNext = j + 1 < j1;
      const c = j * dim,
        d = (jNext ? j + 1 : j) * dim;
      let ac = 0,
        ad = 0,
        bc = 0,
        bd = 0;
      for (let k = k0; k < k1; k++) {
        const xa = x[a + k],
          xb = x[b + k],
          xc = x[c + k],
          xd = x[d + k];
        ac += xa * xc;
        ad += xa * xd;
        bc += xb * xc;
        bd += xb * xd;
      }
      g[i * n + j] += ac;
      if (jNext) g[i * n + j + 1] += ad;
      if (iNext) {
        g[(i + 1) * n + j] += bc;
        if (jNext) g[(i + 1) * n + j + 1] += bd;
      }
    }
  }
}
