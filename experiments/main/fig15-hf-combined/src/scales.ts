import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Inputs, Scales } from '@alsatian/bench';
import { BadInputError } from '@alsatian/core';
import { PAPER_FAMILIES, scaledCount, STRATEGY_ORDER } from '@alsatian/exp-shared';

/**
 * Fig 15 (reference 5.7): one search over all twelve HF families together (about 500 models), 2000 and 8000
 * items. The combined parameters exceed the model-caching budget, so SHiFT and Alsatian reload blocks: the block
 * cache is set to `blockCacheShare` of the combined set's unique weight bytes, and recorded in every row.
 */
export interface Fig15Settings {
  readonly tiny: boolean;
  readonly modelFraction: number;
  readonly minModels: number;
  readonly items: readonly (readonly [number, number])[];
  readonly batchSize: number;
  readonly blockCacheShare: number;
  readonly minutes: boolean;
  readonly repetitions: number;
  readonly familyReductions: readonly string[];
  readonly reductions: readonly string[];
}

export interface Fig15Cell extends Record<string, string | number> {
  readonly strategy: string;
  /** Models over all families, the bases included. */
  readonly setSize: number;
  readonly items: number;
  readonly train: number;
  readonly test: number;
  /** Block-cache budget as a share of the combined set's unique weight bytes. */
  readonly blockCacheShare: number;
  /** Families and their model counts, 'key:count;...' (stand-ins) or the family keys found under --hf-dir. */
  readonly families: string;
  readonly tiny: number;
  readonly hfDir: string;
}

const scale = (s: Omit<Fig15Settings, 'reductions' | 'repetitions'>, items: readonly string[]): Fig15Settings => ({
  ...s,
  repetitions: 1,
  reductions: [...s.familyReductions, ...items],
});

export const FIG15_SCALES: Scales<Fig15Settings> = {
  quick: scale(
    {
      tiny: true,
      modelFraction: 0.05,
      minModels: 2,
      items: [[96, 32]],
      batchSize: 32,
      blockCacheShare: 0.25,
      minutes: false,
      familyReductions: [
        "tiny_resnet / tiny_vit (32 px) with each family's overlap pattern instead of the real backbones",
        "a twentieth of each family's models (at least 2)",
      ],
    },
    ['128 items instead of 2000 and 8000'],
  ),
  // The real backbones at their own resolution; models and items cut to fit docs/small-scale.md's budget.
  small: scale(
    {
      tiny: false,
      modelFraction: 1 / 20,
      minModels: 1,
      items: [[32, 16]],
      batchSize: 16,
      blockCacheShare: 0.25,
      minutes: false,
      familyReductions: ["a twentieth of each family's models (at least the base)"],
    },
    ['48 items instead of 2000 and 8000'],
  ),
  paper: scale(
    {
      tiny: false,
      modelFraction: 1,
      minModels: 1,
      items: [
        [1600, 400],
        [6400, 1600],
      ],
      batchSize: 128,
      blockCacheShare: 0.25,
      minutes: true,
      familyReductions: [],
    },
    [],
  ),
};

/** 'key:count' per family at a scale. */
export function familyCounts(fraction: number, min: number): { key: string; architecture: string; count: number }[] {
  return PAPER_FAMILIES.map((f) => ({
    key: f.key,
    architecture: f.architecture,
    count: scaledCount(f, fraction, min),
  }));
}

/** One cell per (items, strategy) over every stand-in family, or with --hf-dir DIR over every family folder present. */
export function fig15Grid(s: Fig15Settings, { inputs }: { readonly inputs: Inputs }): Fig15Cell[] {
  const dir = inputs['hf-dir'];
  let families: string;
  let setSize: number;
  if (dir === '') {
    const counts = familyCounts(s.modelFraction, s.minModels);
    families = counts.map((c) => `${c.key}:${c.count}`).join(';');
    setSize = counts.reduce((sum, c) => sum + c.count, 0);
  } else {
    const keys = PAPER_FAMILIES.map((f) => f.key).filter((k) =>
      statSync(join(dir, k), { throwIfNoEntry: false })?.isDirectory(),
    );
    if (keys.length === 0)
      throw new BadInputError(
        `--hf-dir ${dir}: no family folder found; expected some of ${PAPER_FAMILIES.map((f) => f.key).join(', ')}.`,
      );
    families = keys.join(';');
    setSize = keys.reduce(
      (sum, k) => sum + readdirSync(join(dir, k)).filter((n) => statSync(join(dir, k, n)).isDirectory()).length,
      0,
    );
  }
  return s.items.flatMap(([train, test]) =>
    STRATEGY_ORDER.map((strategy) => ({
      strategy,
      setSize,
      items: train + test,
      train,
      test,
      blockCacheShare: s.blockCacheShare,
      families,
      tiny: s.tiny && dir === '' ? 1 : 0,
      hfDir: dir,
    })),
  );
}
