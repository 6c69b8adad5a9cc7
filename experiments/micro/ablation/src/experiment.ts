/**
 * micro/ablation: what each of our additions beyond the paper buys. One Alsatian search cell, run once with
 * everything on and once per addition switched off (strategy improvements and engine preparation settings), then
 * with all of them off. The figures compare the paper's three strategies; this shows ours beyond them.
 */
import { defineExperiment, runEndToEndCell, SEARCH_COLUMNS, syntheticSearchProvenance } from '@alsatian/exp-shared';
import { ablationCharts } from './charts.ts';
import { ablationReport } from './report.ts';
import { ablationGrid, ABLATION_SCALES } from './scales.ts';
import type { AblationCell, AblationSettings } from './scales.ts';
import { variantNamed } from './variants.ts';

export default defineExperiment<AblationCell, AblationSettings>({
  name: 'ablation',
  figure: 'micro-ablation',
  title: 'Ablation: our improvements, each switched off in turn',
  description: 'One Alsatian search per variant: ours, each improvement off, all off',
  columns: [...SEARCH_COLUMNS],
  scales: ABLATION_SCALES,
  grid: ablationGrid,
  provenance: () => syntheticSearchProvenance('chained'),
  runCell: (cell, ctx) => {
    const variant = variantNamed(cell.variant);
    return runEndToEndCell(cell, ctx, {
      batchSize: ctx.settings.batchSize,
      paperIndices: ctx.settings.paperIndices,
      improvements: variant.improvements,
      preparation: variant.preparation,
    });
  },
  charts: ablationCharts,
  report: ablationReport,
});
