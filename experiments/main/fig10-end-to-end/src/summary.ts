/** Fig 10's numbers from the CSV: median total per (architecture, distribution, items, approach), speedups, shape checks. */
import { medianBy } from '@alsatian/bench';
import type { RowValue } from '@alsatian/bench';

type CsvRow = Readonly<Record<string, RowValue>>;

export interface EndToEndPoint {
  readonly architecture: string;
  readonly distribution: string;
  readonly items: number;
  readonly Base?: number;
  readonly SHiFT?: number;
  readonly Alsatian?: number;
}

const KEYS = ['architecture', 'distribution', 'items', 'approach'];

/** One point per (architecture, distribution, items) with each approach's median end-to-end seconds. */
export function endToEndPoints(rows: readonly CsvRow[]): EndToEndPoint[] {
  const totals = rows.filter((r) => r.scope === 'search' && r.category === 'total');
  const medians = medianBy(totals, KEYS, 'seconds');
  const points = new Map<string, Record<string, string | number>>();
  for (const m of medians) {
    const id = JSON.stringify([m.architecture, m.distribution, m.items]);
    const point = points.get(id) ?? { architecture: String(m.architecture), distribution: String(m.distribution), items: Number(m.items) };
    point[String(m.approach)] = Number(m.seconds);
    points.set(id, point);
  }
  return [...points.values()] as unknown as EndToEndPoint[];
}

export const speedup = (base: number | undefined, other: number | undefined) => (base === undefined || other === undefined || other <= 0 ? undefined : base / other);

export interface ShapeCheck {
  /** Cells where Alsatian is not the fastest of the three. */
  readonly alsatianNotFastest: readonly EndToEndPoint[];
  /** (architecture, items) whose Alsatian speedup over Base does not grow from Top 50 % to Top Layers. */
  readonly notGrowing: readonly { architecture: string; items: number; top50?: number; topLayers?: number }[];
}

/** The paper's shape: Alsatian fastest everywhere, its advantage growing as fewer blocks are retrained. */
export function checkShape(points: readonly EndToEndPoint[]): ShapeCheck {
  const alsatianNotFastest = points.filter((p) => p.Alsatian === undefined || (p.Base !== undefined && p.Alsatian >= p.Base) || (p.SHiFT !== undefined && p.Alsatian >= p.SHiFT));
  const notGrowing: ShapeCheck['notGrowing'][number][] = [];
  const groups = new Set(points.map((p) => JSON.stringify([p.architecture, p.items])));
  for (const g of groups) {
    const [architecture, items] = JSON.parse(g) as [string, number];
    const at = (d: string) => points.find((p) => p.architecture === architecture && p.items === items && p.distribution === d);
    const top50 = speedup(at('top-50')?.Base, at('top-50')?.Alsatian);
    const topLayers = speedup(at('top-layers')?.Base, at('top-layers')?.Alsatian);
    if (top50 !== undefined && topLayers !== undefined && !(topLayers > top50)) notGrowing.push({ architecture, items, top50, topLayers });
  }
  return { alsatianNotFastest, notGrowing };
}

/**
 * Base's time does not depend on the distribution (it shares nothing), so its spread over the three
 * distributions of one (architecture, items) measures run-to-run noise: max / min, the largest over all groups.
 */
export function baseNoise(points: readonly EndToEndPoint[]): { ratio: number; architecture: string; items: number } | undefined {
  let worst: { ratio: number; architecture: string; items: number } | undefined;
  const groups = new Set(points.map((p) => JSON.stringify([p.architecture, p.items])));
  for (const g of groups) {
    const [architecture, items] = JSON.parse(g) as [string, number];
    const times = points.filter((p) => p.architecture === architecture && p.items === items && p.Base !== undefined).map((p) => p.Base!);
    if (times.length < 2) continue;
    const ratio = Math.max(...times) / Math.min(...times);
    if (worst === undefined || ratio > worst.ratio) worst = { ratio, architecture, items };
  }
  return worst;
}
