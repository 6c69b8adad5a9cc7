import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Inputs, Scales } from '@alsatian/bench';
import { BadInputError } from '@alsatian/core';
import { FIG14_FAMILIES, scaledCount, STRATEGY_ORDER, tinyArchitecture } from '@alsatian/exp-shared';

/**
 * Fig 14 (reference 5.6): per-family searches over five HF families (all their models), 2000 and 8000 items.
 * Quick runs tiny architectures with the families' overlap patterns and a tenth of the models; small keeps the real
 * backbones with an eighth of the models and fewer items.
 */
export interface Fig14Settings {
  /** Use the tiny architecture of each backbone (tiny_resnet / tiny_vit). */
  readonly tiny: boolean;
  /** Models per family: this fraction of the paper's, at least `minModels`. */
  readonly modelFraction: number;
  readonly minModels: number;
  /** [train, test] pairs. */
  readonly items: readonly (readonly [number, number])[];
  readonly batchSize: number;
  /** Chart time unit: the paper plots minutes. */
  readonly minutes: boolean;
  readonly repetitions: number;
  /** What the stand-in families leave out (backbones, model counts); real checkpoints bring their own. */
  readonly familyReductions: readonly string[];
  readonly reductions: readonly string[];
}

export interface Fig14Cell extends Record<string, string | number> {
  readonly strategy: string;
  readonly family: string;
  readonly architecture: string;
  /** Models searched, the base included. */
  readonly setSize: number;
  readonly items: number;
  readonly train: number;
  readonly test: number;
  /** '' = stand-in family; else the folder holding <family>/<HF model folders>. */
  readonly hfDir: string;
}

const scale = (s: Omit<Fig14Settings, 'reductions' | 'repetitions'>, items: readonly string[]): Fig14Settings => ({
  ...s,
  repetitions: 1,
  reductions: [...s.familyReductions, ...items],
});

export const FIG14_SCALES: Scales<Fig14Settings> = {
  quick: scale(
    {
      tiny: true,
      modelFraction: 0.1,
      minModels: 4,
      items: [[96, 32]],
      batchSize: 32,
      minutes: false,
      familyReductions: [
        "tiny_resnet / tiny_vit (32 px) with each family's overlap pattern instead of the real backbones",
        "about a tenth of each family's models (at least 4)",
      ],
    },
    ['128 items instead of 2000 and 8000'],
  ),
  // The real backbones at their own resolution; models and items cut to fit docs/small-scale.md's budget.
  small: scale(
    {
      tiny: false,
      modelFraction: 1 / 32,
      minModels: 2,
      items: [[32, 16]],
      batchSize: 16,
      minutes: false,
      familyReductions: ["a thirty-second of each family's models (at least 2)"],
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
      minutes: true,
      familyReductions: [],
    },
    [],
  ),
};

/** One cell per (items, family, strategy): the stand-in families, or with --hf-dir DIR the family folders present. */
export function fig14Grid(s: Fig14Settings, { inputs }: { readonly inputs: Inputs }): Fig14Cell[] {
  const dir = inputs['hf-dir'];
  const present =
    dir === '' ? undefined : new Set(readdirSync(dir).filter((n) => statSync(join(dir, n)).isDirectory()));
  const families = present === undefined ? FIG14_FAMILIES : FIG14_FAMILIES.filter((f) => present.has(f.key));
  if (families.length === 0)
    throw new BadInputError(
      `--hf-dir ${dir}: no family folder found; expected one of ` +
        `${FIG14_FAMILIES.map((f) => f.key).join(', ')}, each holding Hugging Face model folders.`,
    );
  const count = (key: string) =>
    readdirSync(join(dir, key)).filter((n) => statSync(join(dir, key, n)).isDirectory()).length;
  return s.items.flatMap(([train, test]) =>
    families.flatMap((f) =>
      STRATEGY_ORDER.map((strategy) => ({
        strategy,
        family: f.key,
        architecture: s.tiny && dir === '' ? tinyArchitecture(f.architecture) : f.architecture,
        setSize: dir === '' ? scaledCount(f, s.modelFraction, s.minModels) : count(f.key),
        items: train + test,
        train,
        test,
        hfDir: dir,
      })),
    ),
  );
}
