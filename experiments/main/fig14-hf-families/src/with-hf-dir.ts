import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { defineExperiment } from '@alsatian/bench';
import type { ExperimentDefinition } from '@alsatian/bench';
import { BadInputError } from '@alsatian/core';
import type { Fig14Cell } from './experiment.ts';

/**
 * The experiment over real downloaded checkpoints: only the families with a folder `dir/<family>/`, every cell
 * naming the folder (the importers find each model's architecture). Use its own --results-dir.
 */
export function withHfDir(definition: ExperimentDefinition<Fig14Cell>, dir: string): ExperimentDefinition<Fig14Cell> {
  return defineExperiment<Fig14Cell>({
    ...definition,
    grid(scale) {
      const cells = definition.grid(scale);
      const present = new Set(readdirSync(dir).filter((n) => statSync(join(dir, n)).isDirectory()));
      const kept = cells.filter((c) => present.has(c.family));
      if (kept.length === 0) throw new BadInputError(`--hf-dir ${dir}: no family folder found; expected one of ${[...new Set(cells.map((c) => c.family))].join(', ')}, each holding Hugging Face model folders.`);
      return kept.map((c) => ({ ...c, hfDir: dir, setSize: readdirSync(join(dir, c.family)).filter((n) => statSync(join(dir, c.family, n)).isDirectory()).length }));
    },
  });
}
