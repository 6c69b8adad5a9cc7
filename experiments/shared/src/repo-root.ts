/**
 * Where the repository's results folder is, independent of the current directory: under nx
 * (`npx nx run @alsatian/exp-<name>:run`) the cwd is the package folder, under `npm run reproduce` it is the root,
 * and both must write to the same `<root>/results` that the README and the report builder read.
 */
import { existsSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UnavailableError } from '@alsatian/core';

/** The marker of the repository root: the workspace's nx.json. */
const ROOT_MARKER = 'nx.json';

/** The nearest folder at or above `start` that holds nx.json. */
export function findRepositoryRoot(start: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, ROOT_MARKER))) return dir;
    if (dir === parse(dir).root)
      throw new UnavailableError(
        `No ${ROOT_MARKER} at or above ${start}: cannot find the repository root for the default results ` +
          `folder; pass --results-dir.`,
      );
    dir = dirname(dir);
  }
}

/** `<repository root>/results`: the default --results-dir, whatever the current directory. */
export function defaultResultsDir(): string {
  return join(findRepositoryRoot(), 'results');
}
