// Renders one synthetic image from plain parameters (drawn from the project's seeded Rng on the main thread).
// The per-pixel noise comes from an integer hash of (noiseSeed, pixel), not from Rng: the worker cannot load the
// TypeScript Rng, and one hash per pixel is several times cheaper than a generator call. The seed itself is drawn
// from Rng, so images stay a pure function of (dataset seed, split, index).
// Plain JavaScript because worker threads do not get the TypeScript loader.
import { normalizeRgb } from './imagenet.mjs';

function hash32(x) {
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

function insideShape(kind, dx, dy, radius) {
  if (kind === 0) return dx * dx + dy * dy <= radius * radius; // disc
  if (kind === 1) return Math.abs(dx) <= radius && Math.abs(dy) <= radius; // square
  const r2 = dx * dx + dy * dy; // ring
  return r2 <= radius * radius && r2 >= 0.36 * radius * radius;
}

/** 8-bit interleaved RGB (HWC) of `params.size` x `params.size`. */
export function renderSyntheticRgb(params) {
  const {
    size,
    background,
    stripe,
    freqX,
    freqY,
    phase,
    shape,
    centerX,
    centerY,
    radius,
    shapeColour,
    noiseSeed,
    noise,
  } = params;
  const out = new Uint8Array(size * size * 3);
  // sin(a + b) = sin(a)cos(b) + cos(a)sin(b): one table per column and per row instead of a sin() per pixel.
  const sinX = new Float64Array(size);
  const cosX = new Float64Array(size);
  const sinY = new Float64Array(size);
  const cosY = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const u = (i + 0.5) / size;
    sinX[i] = Math.sin(2 * Math.PI * freqX * u + phase);
    cosX[i] = Math.cos(2 * Math.PI * freqX * u + phase);
    sinY[i] = Math.sin(2 * Math.PI * freqY * u);
    cosY[i] = Math.cos(2 * Math.PI * freqY * u);
  }
  const seed = noiseSeed >>> 0;
  const amplitude = (2 * noise) / 1023;
  for (let y = 0; y < size; y++) {
    const dy = (y + 0.5) / size - centerY;
    for (let x = 0; x < size; x++) {
      const p = y * size + x;
      const inShape = insideShape(shape, (x + 0.5) / size - centerX, dy, radius);
      const wave = sinX[x] * cosY[y] + cosX[x] * sinY[y];
      // one hash per pixel, 10 bits of noise per channel (more than the 8-bit output resolves)
      const h = hash32(seed ^ Math.imul(p + 1, 0x9e3779b1));
      for (let c = 0; c < 3; c++) {
        const clean = inShape ? shapeColour[c] : background[c] + stripe[c] * wave;
        const jitter = (((h >>> (10 * c)) & 1023) - 511.5) * amplitude;
        const v = ((clean + jitter) * 255 + 0.5) | 0;
        out[p * 3 + c] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
    }
  }
  return out;
}

/** The model-input form: 8-bit like a decoded file, then normalised exactly as real images are. */
export function renderSyntheticTensor(params) {
  return normalizeRgb(renderSyntheticRgb(params), params.size, params.size, 3);
}
