import { join } from 'node:path';
import type { Scale } from '@alsatian/bench';

/** `<resultsDir>/<experiment>/<scale>`: where a run with the default run id lives. */
export function runDirOf(resultsDir: string, experiment: string, scale: Scale): string {
  return join(resultsDir, experiment, scale);
}
