import { Rng } from '@alsatian/core';
import type { SyntheticImageParams } from '../worker/synthetic-render.mjs';

/**
 * Class-dependent looks of synthetic images. Each class has its own colour (hues spread evenly), stripe
 * orientation and frequency, and shape; each item jitters all of them and adds pixel noise. Colour and stripes
 * are what even randomly initialised CNNs and ViTs respond to, so their features carry class signal.
 */
const BORROW_RATE = 0.25;

interface ClassStyle {
  readonly background: readonly [number, number, number];
  readonly stripe: readonly [number, number, number];
  readonly shapeColour: readonly [number, number, number];
  readonly frequency: number;
  readonly angle: number;
  readonly shape: number;
}

/** Class folder names, zero-padded so that sorting by name (as image folders do) keeps label order. */
export function syntheticClassNames(classes: number): string[] {
  const width = Math.max(2, String(classes - 1).length);
  return Array.from({ length: classes }, (_, c) => `class${String(c).padStart(width, '0')}`);
}

/** Label of the natural item `index` of a synthetic split: classes are balanced. */
export function syntheticLabel(index: number, classes: number): number {
  return index % classes;
}

function hsv(h: number, s: number, v: number): [number, number, number] {
  const f = (n: number) => {
    const k = (n + h * 6) % 6;
    return v - v * s * Math.max(0, Math.min(k, 4 - k, 1));
  };
  return [f(5), f(3), f(1)];
}

function classStyle(seed: number, label: number, classes: number): ClassStyle {
  const rng = Rng.derive(seed, 'synthetic-image', 'class', label);
  const hue = (label + rng.uniform(-0.15, 0.15)) / classes;
  const accent = hsv((hue + 0.35) % 1, 0.8, 0.9);
  return {
    background: hsv(hue, rng.uniform(0.45, 0.7), rng.uniform(0.6, 0.85)),
    stripe: [(accent[0] - 0.5) * 0.5, (accent[1] - 0.5) * 0.5, (accent[2] - 0.5) * 0.5],
    shapeColour: hsv((hue + 0.5) % 1, 0.85, rng.uniform(0.5, 1)),
    frequency: 2 + ((label * 5) % 7) + rng.uniform(0, 1),
    angle: Math.PI * ((label * 0.6180339887) % 1),
    shape: label % 3,
  };
}

/** Styles of all classes of one generator seed; computed once per dataset. */
export function classStyles(seed: number, classes: number): ClassStyle[] {
  return Array.from({ length: classes }, (_, c) => classStyle(seed, c, classes));
}

/** Parameters of one item, a pure function of (seed, split, index): items can be rendered in any order. */
export function syntheticItemParams(
  seed: number,
  split: string,
  index: number,
  size: number,
  styles: readonly ClassStyle[],
): SyntheticImageParams {
  const style = styles[syntheticLabel(index, styles.length)];
  const rng = Rng.derive(seed, 'synthetic-image', split, index);
  // Some items borrow the stripes or the shape of a random class, so that no single cue is perfect and models
  // of different quality get different proxy accuracies instead of all reaching 100 %.
  const stripes = rng.next() < BORROW_RATE ? styles[rng.int(styles.length)] : style;
  const shape = rng.next() < BORROW_RATE ? styles[rng.int(styles.length)] : style;
  const frequency = stripes.frequency * rng.uniform(0.85, 1.15);
  const angle = stripes.angle + rng.uniform(-0.2, 0.2);
  const jitter = (c: readonly [number, number, number], amount: number): [number, number, number] => [
    c[0] + rng.uniform(-amount, amount),
    c[1] + rng.uniform(-amount, amount),
    c[2] + rng.uniform(-amount, amount),
  ];
  return {
    size,
    background: jitter(style.background, 0.15),
    stripe: stripes.stripe,
    freqX: frequency * Math.cos(angle),
    freqY: frequency * Math.sin(angle),
    phase: rng.uniform(0, 2 * Math.PI),
    shape: shape.shape,
    centerX: rng.uniform(0.3, 0.7),
    centerY: rng.uniform(0.3, 0.7),
    radius: rng.uniform(0.12, 0.25),
    shapeColour: jitter(shape.shapeColour, 0.15),
    noiseSeed: rng.nextUint32(),
    noise: 0.1,
  };
}
