import { defineExperiment } from '@alsatian/bench';
import type { ExperimentDefinition } from '@alsatian/bench';
import type { Fig17Cell } from './experiment.ts';

/**
 * The same experiment over a real IMDB folder: every cell names the folder and the vocabulary, so the cell
 * processes (which run the default export's runCell) read the real corpus. Use its own --results-dir: the cells
 * differ from the synthetic ones and would otherwise share the scale's CSV.
 */
export function withImdb(definition: ExperimentDefinition<Fig17Cell>, dir: string, vocab: string | undefined): ExperimentDefinition<Fig17Cell> {
  return defineExperiment<Fig17Cell>({ ...definition, grid: (scale) => definition.grid(scale).map((c) => ({ ...c, dataset: dir, vocab: vocab ?? '' })) });
}
