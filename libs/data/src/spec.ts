import { InvalidArgumentError } from '@alsatian/core';

/** `synthetic:classes=10,train=2000,test=500,size=224,seed=1`: in-memory images. */
export interface SyntheticImageSpec {
  readonly kind: 'synthetic';
  readonly classes: number;
  readonly train: number;
  readonly test: number;
  readonly size: number;
  readonly seed: number;
}

/** `synthetic-text:classes=2,train=200,test=50,length=256,seed=1`: in-memory tokenised text. */
export interface SyntheticTextSpec {
  readonly kind: 'synthetic-text';
  readonly classes: number;
  readonly train: number;
  readonly test: number;
  readonly length: number;
  readonly seed: number;
}

export type SyntheticSpec = SyntheticImageSpec | SyntheticTextSpec;

interface KeyRule {
  readonly min: number;
  readonly fallback: (defaults: { imageSize: number; maxLength: number }) => number;
}

const RULES: Record<SyntheticSpec['kind'], Record<string, KeyRule>> = {
  synthetic: {
    classes: { min: 2, fallback: () => 10 },
    train: { min: 1, fallback: () => 2000 },
    test: { min: 1, fallback: () => 500 },
    size: { min: 1, fallback: (d) => d.imageSize },
    seed: { min: 0, fallback: () => 1 },
  },
  'synthetic-text': {
    classes: { min: 2, fallback: () => 2 },
    train: { min: 1, fallback: () => 200 },
    test: { min: 1, fallback: () => 50 },
    length: { min: 2, fallback: (d) => d.maxLength },
    seed: { min: 0, fallback: () => 1 },
  },
};

export const SYNTHETIC_KINDS = Object.keys(RULES) as SyntheticSpec['kind'][];

/** The scheme of a spec string (`synthetic`, `synthetic-text`), or undefined for a directory path. */
export function specScheme(spec: string): string | undefined {
  const match = /^([a-z][a-z0-9-]*):(?![\\/])/i.exec(spec);
  return match ? match[1] : undefined;
}

/** Parses `kind:key=value,...`; every key is checked and missing keys take their defaults. */
export function parseSyntheticSpec(spec: string, defaults: { imageSize: number; maxLength: number }): SyntheticSpec {
  const scheme = specScheme(spec);
  const rules = scheme === undefined ? undefined : RULES[scheme as SyntheticSpec['kind']];
  if (scheme === undefined || rules === undefined) {
    throw new InvalidArgumentError(
      `Unknown dataset kind '${scheme ?? spec}' in '${spec}'. Known: ${SYNTHETIC_KINDS.join(', ')}, or a ` +
        `directory path.`,
    );
  }
  const body = spec.slice(scheme.length + 1);
  const values: Record<string, number> = {};
  for (const part of body.split(',').filter((p) => p.trim() !== '')) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim();
    const rule = rules[key];
    if (rule === undefined) {
      throw new InvalidArgumentError(
        `Unknown key '${key}' in dataset spec '${spec}'. Valid keys for ${scheme}: ${Object.keys(rules).join(', ')}.`,
      );
    }
    const raw = eq < 0 ? '' : part.slice(eq + 1).trim();
    const value = Number(raw);
    if (raw === '' || !Number.isInteger(value) || value < rule.min) {
      throw new InvalidArgumentError(
        `Bad value '${raw}' for key '${key}' in dataset spec '${spec}': expected an integer >= ${rule.min}.`,
      );
    }
    values[key] = value;
  }
  for (const [key, rule] of Object.entries(rules)) values[key] ??= rule.fallback(defaults);
  return { kind: scheme, ...values } as unknown as SyntheticSpec;
}

/** The canonical spec string (all keys, fixed order), used as the dataset id. */
export function formatSyntheticSpec(spec: SyntheticSpec): string {
  const { kind, ...rest } = spec;
  return `${kind}:${Object.keys(RULES[kind])
    .map((k) => `${k}=${(rest as Record<string, number>)[k]}`)
    .join(',')}`;
}
