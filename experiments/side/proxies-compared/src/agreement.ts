import { InvalidArgumentError } from '@alsatian/core';
import type { RowValue } from '@alsatian/bench';
import { RANKING_SEPARATOR } from '@alsatian/exp-shared';

type CsvRow = Record<string, RowValue>;

/**
 * Kendall's tau between two rankings of the same models (best first): (concordant - discordant) pairs over all
 * pairs; 1 = same order, -1 = reversed. Rankings are permutations, so there are no ties.
 */
export function kendallTau(a: readonly string[], b: readonly string[]): number {
  if (a.length !== b.length || a.some((m) => !b.includes(m))) {
    throw new InvalidArgumentError(
      `Kendall tau needs two rankings of the same models; got ${a.length} and ${b.length} models that differ.`,
    );
  }
  if (a.length < 2) return 1;
  const pos = new Map(b.map((m, i) => [m, i]));
  let concordant = 0;
  let discordant = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = i + 1; j < a.length; j++) {
      if (pos.get(a[i])! < pos.get(a[j])!) concordant++;
      else discordant++;
    }
  }
  return (concordant - discordant) / ((a.length * (a.length - 1)) / 2);
}

export interface ProxySummary {
  readonly proxy: string;
  readonly strategy: string;
  readonly totalSeconds: number;
  readonly proxySeconds: number;
  readonly winner: string;
  readonly ranking: readonly string[];
}

/** The search-wide total and proxy time, winner and ranking of each (proxy, strategy), repetition 0. */
export function proxySummaries(rows: readonly CsvRow[]): ProxySummary[] {
  const search = rows.filter((r) => r.scope === 'search' && Number(r.repetition ?? 0) === 0);
  const totals = search.filter((r) => r.category === 'total');
  return totals.map((t) => {
    const proxyRow = search.find((r) => r.proxy === t.proxy && r.strategy === t.strategy && r.category === 'proxy');
    return {
      proxy: String(t.proxy),
      strategy: String(t.strategy),
      totalSeconds: Number(t.seconds),
      proxySeconds: Number(proxyRow?.seconds ?? Number.NaN),
      winner: String(t.winner),
      ranking: String(t.ranking ?? '')
        .split(RANKING_SEPARATOR)
        .filter((m) => m !== ''),
    };
  });
}

export interface Agreement {
  readonly proxy: string;
  /** Kendall tau of this proxy's Base ranking vs the linear proxy's Base ranking. */
  readonly tauVsLinear: number | undefined;
  /** 1-based rank of this proxy's Alsatian winner in its own Base ranking (1 = SH lost nothing). */
  readonly alsatianWinnerRankInOwnBase: number | undefined;
  /** 1-based rank of this proxy's Base winner in the linear proxy's Base ranking. */
  readonly baseWinnerRankInLinear: number | undefined;
}

export function agreements(summaries: readonly ProxySummary[], reference = 'linear'): Agreement[] {
  const base = (proxy: string) => summaries.find((s) => s.proxy === proxy && s.strategy === 'baseline');
  const linear = base(reference);
  const proxies = [...new Set(summaries.map((s) => s.proxy))];
  return proxies.map((proxy) => {
    const own = base(proxy);
    const als = summaries.find((s) => s.proxy === proxy && s.strategy === 'alsatian');
    const rankIn = (ranking: readonly string[] | undefined, model: string | undefined) => {
      if (ranking === undefined || model === undefined) return undefined;
      const i = ranking.indexOf(model);
      return i < 0 ? undefined : i + 1;
    };
    return {
      proxy,
      tauVsLinear: own !== undefined && linear !== undefined ? kendallTau(own.ranking, linear.ranking) : undefined,
      alsatianWinnerRankInOwnBase: rankIn(own?.ranking, als?.winner),
      baseWinnerRankInLinear: rankIn(linear?.ranking, own?.winner),
    };
  });
}
