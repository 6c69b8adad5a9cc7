import { relative } from 'node:path';

/** A GitHub-flavoured markdown table; cells are written as given (format numbers before). */
export function markdownTable(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const line = (cells: readonly (string | number)[]) =>
    `| ${cells.map((c) => String(c).replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

/** 4.37 -> '4.4x'; undefined or non-finite -> '–'. */
export function formatSpeedup(value: number | undefined, digits = 1): string {
  return value === undefined || !Number.isFinite(value) ? '–' : `${value.toFixed(digits)}x`;
}

export function formatSeconds(value: number | undefined, digits = 1): string {
  return value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}

/** A chart path for ReportSection.images: relative to the results root that holds `runDir` two levels down. */
export function imagePath(runDir: string, file: string): string {
  return relative(`${runDir}/../..`, `${runDir}/${file}`).split('\\').join('/');
}
