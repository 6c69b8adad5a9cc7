/** Fig 10's numbers: the paper's cells as shape points, and run-to-run noise from Base's times. */
import { PAPER_FIG10 } from '@alsatian/exp-shared';
import type { ShapePoint } from '@alsatian/exp-shared';

/** The shape keys of Fig 10's cells, ours and the paper's alike. */
export const KEYS = ['architecture', 'distribution', 'items'] as const;

export const paperPoints = (): ShapePoint[] =>
  PAPER_FIG10.map((c) => ({
    labels: { architecture: c.architecture, distribution: c.distribution, items: c.items },
    seconds: c.seconds,
  }));

/**
 * Base's time does not depend on the distribution (it shares nothing), so its spread over the three
 * distributions of one (architecture, items) measures run-to-run noise: max / min, the largest over all groups.
 */
export function baseNoise(
  points: readonly ShapePoint[],
): { ratio: number; architecture: string; items: number } | undefined {
  let worst: { ratio: number; architecture: string; items: number } | undefined;
  const groups = new Set(points.map((p) => JSON.stringify([p.labels.architecture, p.labels.items])));
  for (const g of groups) {
    const [architecture, items] = JSON.parse(g) as [string, number];
    const times = points
      .filter(
        (p) => p.labels.architecture === architecture && p.labels.items === items && p.seconds.baseline !== undefined,
      )
      .map((p) => p.seconds.baseline!);
    if (times.length < 2) continue;
    const ratio = Math.max(...times) / Math.min(...times);
    if (worst === undefined || ratio > worst.ratio) worst = { ratio, architecture, items };
  }
  return worst;
}
