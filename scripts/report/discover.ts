/** Finds experiment packages (experiments/{main,side,micro}/<name>/src/experiment.ts) in report order. */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { EXPERIMENT_MODULE } from '@alsatian/exp-shared';

export const GROUPS = ['main', 'side', 'micro'] as const;
export type Group = (typeof GROUPS)[number];

export interface ExperimentPackage {
  readonly group: Group;
  /** Folder name = experiment name = results folder (e.g. 'fig10-end-to-end'). */
  readonly name: string;
  readonly dir: string;
}

/**
 * Main experiments by the number in their name (tables before figures, as Table 1 introduces the architectures
 * the figures use: table1 < fig05 < fig10 ...), then side, then micro, each alphabetically.
 */
export function discoverExperiments(repoRoot: string): ExperimentPackage[] {
  const found: ExperimentPackage[] = [];
  for (const group of GROUPS) {
    const base = join(repoRoot, 'experiments', group);
    if (!existsSync(base)) continue;
    for (const name of readdirSync(base).sort()) {
      const dir = join(base, name);
      if (existsSync(join(dir, EXPERIMENT_MODULE))) found.push({ group, name, dir });
    }
  }
  return found.sort(
    (a, b) =>
      GROUPS.indexOf(a.group) - GROUPS.indexOf(b.group) || orderKey(a) - orderKey(b) || a.name.localeCompare(b.name),
  );
}

function orderKey(p: ExperimentPackage): number {
  if (p.group !== 'main') return 0;
  const match = /^(fig|table)(\d+)/.exec(p.name);
  if (match === null) return 1e6;
  return match[1] === 'table' ? Number(match[2]) - 1000 : Number(match[2]);
}

/** Keeps the packages named in `only` (comma-separated names); an unknown name is an error listing the valid ones. */
export function selectExperiments(
  all: readonly ExperimentPackage[],
  only: readonly string[] | undefined,
): ExperimentPackage[] {
  if (only === undefined || only.length === 0) return [...all];
  const names = new Set(all.map((p) => p.name));
  const unknown = only.filter((n) => !names.has(n));
  if (unknown.length > 0)
    throw new Error(
      `--only: no experiment named ${unknown.map((n) => `'${n}'`).join(', ')}. Valid: ${[...names].join(', ')}.`,
    );
  return all.filter((p) => only.includes(p.name));
}
