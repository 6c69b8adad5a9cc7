import type { RowValue } from '@alsatian/bench';

type CsvRow = Record<string, RowValue>;

/** One start block: how many blocks from it on compute in less time than reading its input from disk. */
export interface StartBlock {
  readonly architecture: string;
  readonly block: number;
  readonly readSeconds: number;
  readonly computeSeconds: number;
  readonly inputMB: number;
  /** The reference's metric: consecutive blocks i, i+1, ... whose summed inference fits into the read of i's input. */
  readonly fits: number;
  /** Blocks from i to the end (a count equal to this: every remaining block fits). */
  readonly remaining: number;
}

/** Counts per start block, per architecture, from the tidy rows (median over repetitions). */
export function startBlocks(rows: readonly CsvRow[]): StartBlock[] {
  const architectures = [...new Set(rows.map((r) => String(r.architecture)))];
  return architectures.flatMap((architecture) => {
    const mine = rows.filter((r) => r.architecture === architecture);
    const blocks = [...new Set(mine.map((r) => Number(r.block)))].sort((a, b) => a - b);
    const value = (block: number, metric: string) =>
      medianOf(mine.filter((r) => Number(r.block) === block && r.metric === metric).map((r) => Number(r.seconds)));
    const compute = blocks.map((b) => value(b, 'compute'));
    return blocks.map((block, i) => {
      const readSeconds = value(block, 'read');
      let fits = 0;
      let sum = 0;
      for (let j = i; j < blocks.length && sum + compute[j] <= readSeconds; j++) {
        sum += compute[j];
        fits++;
      }
      const bytes = Number(mine.find((r) => Number(r.block) === block)?.bytes ?? 0);
      return {
        architecture,
        block,
        readSeconds,
        computeSeconds: compute[i],
        inputMB: bytes / 1e6,
        fits,
        remaining: blocks.length - i,
      };
    });
  });
}

function medianOf(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}
