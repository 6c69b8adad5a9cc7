import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { defineExperiment } from '@alsatian/bench';
import type { ExperimentDefinition } from '@alsatian/bench';
import { BadInputError } from '@alsatian/core';
import { PAPER_FAMILIES } from '@alsatian/exp-shared';
import type { Fig15Cell } from './experiment.ts';

/** The combined search over the real checkpoints in `dir/<family>/<model>/` for every family folder present. */
export function withHfDir(definition: ExperimentDefinition<Fig15Cell>, dir: string): ExperimentDefinition<Fig15Cell> {
  return defineExperiment<Fig15Cell>({
    ...definition,
    grid(scale) {
      const keys = PAPER_FAMILIES.map((f) => f.key).filter((k) => statSync(join(dir, k), { throwIfNoEntry: false })?.isDirectory());
      if (keys.length === 0) throw new BadInputError(`--hf-dir ${dir}: no family folder found; expected some of ${PAPER_FAMILIES.map((f) => f.key).join(', ')}.`);
      const setSize = keys.reduce((s, k) => s + readdirSync(join(dir, k)).filter((n) => statSync(join(dir, k, n)).isDirectory()).length, 0);
      return definition.grid(scale).map((c) => ({ ...c, families: keys.join(';'), setSize, tiny: 0, hfDir: dir }));
    },
  });
}
