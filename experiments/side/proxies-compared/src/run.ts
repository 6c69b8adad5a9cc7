import { runExperimentCli } from '@alsatian/exp-shared';
import { plotRun } from './charts.ts';
import experiment from './experiment.ts';

await runExperimentCli(experiment, plotRun);
