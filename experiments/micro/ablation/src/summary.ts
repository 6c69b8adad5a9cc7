/** The ablation's numbers per variant: median seconds per category and the sessions of the search's total row. */
import { medianBy } from '@alsatian/bench';
import type { CsvRow } from '@alsatian/exp-shared';

export interface VariantSummary {
  readonly variant: string;
  readonly seconds: Readonly<Record<string, number>>;
  readonly total: number;
  readonly sessionsCreated: number;
  readonly sessionsReused: number;
  /** The ranking (model ids, best first) of the variant's first repetition. */
  readonly ranking: string;
}

export function variantSummaries(rows: readonly CsvRow[]): VariantSummary[] {
  const search = rows.filter((r) => r.scope === 'search');
  const variants = [...new Set(search.map((r) => String(r.variant)))];
  return variants.map((variant) => {
    const mine = search.filter((r) => r.variant === variant);
    const seconds = Object.fromEntries(
      medianBy(mine, ['category'], 'seconds').map((m) => [String(m.category), Number(m.seconds)]),
    );
    const totals = mine.filter((r) => r.category === 'total');
    const first = totals[0];
    return {
      variant,
      seconds,
      total: seconds.total ?? Number.NaN,
      sessionsCreated: Number(first?.sessionsCreated ?? Number.NaN),
      sessionsReused: Number(first?.sessionsReused ?? Number.NaN),
      ranking: String(first?.ranking ?? ''),
    };
  });
}
