import { runPlotCli } from '@alsatian/exp-shared';
import { plotRun } from './charts.ts';

await runPlotCli('fused-vs-per-block', plotRun);
