import { copyFile, mkdir, rename } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { VEGA_SCRIPT } from './html.ts';

/** Copies Vega's browser build next to REPORT.html (temp + rename), so the page needs no network. */
export async function writeReportAssets(resultsDir: string): Promise<void> {
  // vega's exports map hides package.json; its main entry lives in build/, beside the browser bundle.
  const source = join(dirname(createRequire(import.meta.url).resolve('vega')), 'vega.min.js');
  const target = join(resultsDir, VEGA_SCRIPT);
  await mkdir(dirname(target), { recursive: true });
  const temp = `${target}.tmp-${process.pid}`;
  await copyFile(source, temp);
  await rename(temp, target);
}
