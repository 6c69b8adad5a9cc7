/**
 * Vitest global setup: every test's temporary files go under one folder made for the run (TMPDIR, which
 * `os.tmpdir()` and child processes read), removed when the run ends, so test runs do not pile up stores and
 * results in the system's temp folder. KEEP_TEST_TMP=1 keeps it for inspection.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'alsatian-tests-'));
  process.env.TMPDIR = root;
  return () => {
    if (process.env.KEEP_TEST_TMP === '1') process.stderr.write(`test temp files kept in ${root}\n`);
    else rmSync(root, { recursive: true, force: true });
  };
}
