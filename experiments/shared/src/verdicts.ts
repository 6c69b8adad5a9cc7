/**
 * The paper's shape as rules computed from numbers: the same rule is applied to the paper's catalogue and to a
 * run's medians, and the report prints both outcomes beside the rule.
 */
import type { StrategyName } from '@alsatian/strategies';
import { markdownTable } from './markdown.ts';

/** One compared cell: what identifies it, and each strategy's seconds (median over repetitions). */
export interface ShapePoint {
  readonly labels: Readonly<Record<string, string | number>>;
  readonly seconds: Partial<Readonly<Record<StrategyName, number>>>;
}

export interface Verdict {
  readonly claim: string;
  readonly rule: string;
  /** undefined: nothing to compare (the cells the rule needs were not measured). */
  readonly holds: boolean | undefined;
  /** The cells where it does not hold. */
  readonly exceptions: readonly string[];
}

const describe = (p: ShapePoint, keys?: readonly string[]) =>
  (keys ?? Object.keys(p.labels)).map((k) => String(p.labels[k])).join(' / ');

export const speedupOf = (p: ShapePoint, over: StrategyName = 'baseline'): number | undefined => {
  const base = p.seconds[over];
  const als = p.seconds.alsatian;
  return base === undefined || als === undefined || als <= 0 ? undefined : base / als;
};

/** Alsatian's time is strictly below every other strategy's measured in the same cell. */
export function alsatianFastest(points: readonly ShapePoint[]): Verdict {
  const compared = points.filter(
    (p) => p.seconds.alsatian !== undefined && (p.seconds.baseline !== undefined || p.seconds.shift !== undefined),
  );
  const exceptions = compared
    .filter((p) =>
      (['baseline', 'shift'] as const).some(
        (s) => p.seconds[s] !== undefined && !(p.seconds.alsatian! < p.seconds[s]!),
      ),
    )
    .map((p) => describe(p));
  return {
    claim: 'Alsatian is the fastest in every cell',
    rule: "Alsatian's median time < Base's and < SHiFT's in each cell",
    holds: compared.length === 0 ? undefined : exceptions.length === 0,
    exceptions,
  };
}

/**
 * Alsatian's speedup over Base grows along `along` from `from` to `to` (e.g. distribution from top-50 to
 * top-layers), checked within each group of equal other labels.
 */
export function speedupGrows(
  points: readonly ShapePoint[],
  along: string,
  from: string | number,
  to: string | number,
  claim: string,
): Verdict {
  const groups = new Map<string, { from?: ShapePoint; to?: ShapePoint }>();
  for (const p of points) {
    const rest = Object.keys(p.labels).filter((k) => k !== along);
    const key = JSON.stringify(rest.map((k) => p.labels[k]));
    const g = groups.get(key) ?? {};
    if (p.labels[along] === from) g.from = p;
    if (p.labels[along] === to) g.to = p;
    groups.set(key, g);
  }
  let compared = 0;
  const exceptions: string[] = [];
  for (const g of groups.values()) {
    const a = g.from && speedupOf(g.from);
    const b = g.to && speedupOf(g.to);
    if (a === undefined || b === undefined) continue;
    compared++;
    if (!(b > a))
      exceptions.push(
        `${describe(
          g.to!,
          Object.keys(g.to!.labels).filter((k) => k !== along),
        )}: ${a.toFixed(1)}x -> ${b.toFixed(1)}x`,
      );
  }
  const ends =
    typeof to === 'number' && !Number.isFinite(to)
      ? `the largest ${along} > at the smallest`
      : `${along} ${to} > at ${from}`;
  return {
    claim,
    rule: `Base / Alsatian at ${ends}, for every group of otherwise equal cells`,
    holds: compared === 0 ? undefined : exceptions.length === 0,
    exceptions,
  };
}

/** A sequence grows: each value above the one before (e.g. Alsatian's time as memory shrinks). */
export function grows(values: readonly (number | undefined)[], claim: string, rule: string): Verdict {
  const known = values.filter((v): v is number => v !== undefined);
  if (known.length < 2 || known.length !== values.length) return { claim, rule, holds: undefined, exceptions: [] };
  const exceptions = known
    .slice(1)
    .flatMap((v, i) => (v > known[i] ? [] : [`${known[i].toFixed(1)} -> ${v.toFixed(1)}`]));
  return { claim, rule, holds: exceptions.length === 0, exceptions };
}

const outcome = (v: Verdict) =>
  v.holds === undefined ? 'not measured at this scale' : v.holds ? 'holds' : `differs: ${v.exceptions.join('; ')}`;

/** The shape table: each claim, its rule, and whether it holds for the paper's numbers and for ours. */
export function verdictTable(pairs: readonly { readonly paper: Verdict; readonly ours: Verdict }[]): string {
  return markdownTable(
    ["the paper's shape", 'rule', 'paper', 'ours'],
    pairs.map(({ paper, ours }) => [ours.claim, ours.rule, outcome(paper), outcome(ours)]),
  );
}
