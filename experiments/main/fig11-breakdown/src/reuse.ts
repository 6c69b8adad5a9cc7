/**
 * Fig 11 measures the same searches as Fig 10 (the paper ran them in the same driver). When fig10's run of the
 * same scale already holds a cell with identical parameters and settings, its rows are taken instead of searching
 * again; otherwise the cell runs. The rows say where they came from (`reusedFrom`).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CSV_FILE, META_FILE, readCsvRows, readMeta } from '@alsatian/bench';
import type { CellContext, Row, ScaleSettings } from '@alsatian/bench';
import { SEARCH_COLUMNS } from '@alsatian/exp-shared';
import type { EndToEndCell } from '@alsatian/exp-shared';

export const SOURCE_EXPERIMENT = 'fig10-end-to-end';

export async function reusedRows(
  cell: EndToEndCell,
  ctx: CellContext<ScaleSettings>,
  settings: { readonly batchSize: number; readonly paperIndices?: boolean },
): Promise<Row[] | undefined> {
  const sourceDir = resolve(ctx.runDir, '..', '..', SOURCE_EXPERIMENT, ctx.scale);
  const csv = join(sourceDir, CSV_FILE);
  if (!existsSync(csv)) return undefined;
  const meta = await readMeta(join(sourceDir, META_FILE));
  const config = meta?.config as
    | { settings?: { batchSize?: number; paperIndices?: boolean }; seed?: number; executionProvider?: string }
    | undefined;
  if (
    config?.settings?.batchSize !== settings.batchSize ||
    (config?.settings?.paperIndices ?? false) !== (settings.paperIndices ?? false) ||
    config?.seed !== ctx.seed ||
    config?.executionProvider !== ctx.ep
  )
    return undefined;
  const rows = (await readCsvRows(csv)).filter(
    (r) => r.repetition === ctx.repetition && Object.entries(cell).every(([k, v]) => r[k] === v),
  );
  if (!rows.some((r) => r.scope === 'search' && r.category === 'total')) return undefined;
  return rows.map((r) => ({
    ...Object.fromEntries(SEARCH_COLUMNS.map((c) => [c, r[c] ?? null])),
    reusedFrom: SOURCE_EXPERIMENT,
  }));
}
