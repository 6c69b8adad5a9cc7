import { BadInputError } from '@alsatian/core';
import type { RowValue } from '@alsatian/bench';
import { RANKING_SEPARATOR } from './search-rows.ts';
import { STRATEGY_LABELS, strategyOf } from './strategies.ts';

type CsvRow = Readonly<Record<string, RowValue>>;

export interface WinnerRank {
  /** The cell's identifying values (the `by` columns). */
  readonly key: Readonly<Record<string, RowValue>>;
  readonly strategy: string;
  readonly repetition: number;
  readonly winner: string;
  /** 1-based rank of the strategy's winner in Base's full-data ranking of the same cell (1 = no regret). */
  readonly rankInBase: number;
  readonly models: number;
}

/**
 * The regret of successive halving: for every SH (non-baseline) total row, where its winner ranks in Base's ranking of
 * the same cell (same `by` values and repetition). Base scores every model on all data, so its ranking is the
 * reference. Cells without a baseline row are skipped.
 */
export function winnerRanks(rows: readonly CsvRow[], by: readonly string[]): WinnerRank[] {
  const totals = rows.filter((r) => r.scope === 'search' && r.category === 'total');
  const keyOf = (r: CsvRow) => JSON.stringify([...by.map((k) => r[k] ?? null), r.repetition ?? 0]);
  const baseRankings = new Map<string, string[]>();
  for (const r of totals) {
    if (r.strategy === 'baseline' && typeof r.ranking === 'string')
      baseRankings.set(keyOf(r), r.ranking.split(RANKING_SEPARATOR));
  }
  const out: WinnerRank[] = [];
  for (const r of totals) {
    if (r.strategy === 'baseline') continue;
    const base = baseRankings.get(keyOf(r));
    if (base === undefined || typeof r.winner !== 'string') continue;
    const rank = base.indexOf(r.winner) + 1;
    if (rank === 0)
      throw new BadInputError(
        `${r.strategy}'s winner '${r.winner}' is not in Base's ranking of the same cell (${keyOf(r)}): the ` +
          `two ran on different model sets.`,
      );
    out.push({
      key: Object.fromEntries(by.map((k) => [k, r[k] ?? null])),
      strategy: String(r.strategy),
      repetition: Number(r.repetition ?? 0),
      winner: r.winner,
      rankInBase: rank,
      models: base.length,
    });
  }
  return out;
}

/** A markdown table of winner ranks, one line per cell and strategy (for report sections). */
export function winnerRankTable(ranks: readonly WinnerRank[], by: readonly string[]): string {
  if (ranks.length === 0) return '_No cell has both a Base and an SH result, so no regret can be computed._';
  const header = `| ${[...by, 'strategy', "SH winner's rank in Base"].join(' | ')} |`;
  const rule = `|${[...by, 'a', 'r'].map(() => '---').join('|')}|`;
  const lines = ranks
    .filter((r) => r.repetition === 0)
    .map((r) => {
      const cells = [...by.map((k) => String(r.key[k] ?? '')), STRATEGY_LABELS[strategyOf(r.strategy)]];
      return `| ${[...cells, `${r.rankInBase} of ${r.models}`].join(' | ')} |`;
    });
  return [header, rule, ...lines].join('\n');
}
