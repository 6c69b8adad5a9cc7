import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { defineExperiment } from '@alsatian/bench';
import type { ExperimentDefinition, Scale } from '@alsatian/bench';
import { BadInputError } from '@alsatian/core';
import { architectureNames } from '@alsatian/models';
import type { Fig13Cell } from './experiment.ts';

/**
 * The experiment over real fine-tuned checkpoints in `dir/<architecture>/`: one cell per approach for every
 * architecture folder present, at the architecture's own resolution, counting the checkpoints found. Use its own
 * --results-dir: these cells differ from the synthetic stand-in's.
 */
export function withCheckpoints(definition: ExperimentDefinition<Fig13Cell>, dir: string): ExperimentDefinition<Fig13Cell> {
  return defineExperiment<Fig13Cell>({
    ...definition,
    grid(scale: Scale) {
      const cells = definition.grid(scale);
      const names = new Set(architectureNames({ includeTiny: true }));
      const known = readdirSync(dir).filter((name) => names.has(name) && statSync(join(dir, name)).isDirectory());
      if (known.length === 0) throw new BadInputError(`--checkpoints ${dir}: no architecture folder found (expected e.g. ${join(dir, 'resnet18')}/ with *.safetensors or Hugging Face folders).`);
      const template = cells[0];
      return known.flatMap((architecture) => {
        const count = readdirSync(join(dir, architecture)).filter((n) => n.endsWith('.safetensors') || statSync(join(dir, architecture, n)).isDirectory()).length;
        return ['Base', 'SHiFT', 'Alsatian'].map((approach) => ({ ...template, approach, architecture, setSize: count, imageSize: 0, checkpoints: dir }));
      });
    },
    reductions: (scale) => definition.reductions?.(scale).filter((r) => !/models per architecture|instead of ResNet|images instead/.test(r)) ?? [],
  });
}
