/** Table 1's section: ours next to the paper's parameter counts and sizes, and how far apart they are. */
import type { RunData } from '@alsatian/exp-shared';
import { markdownTable, PAPER_TABLE1 } from '@alsatian/exp-shared';

const range = (xs: readonly number[]) =>
  xs.length === 0 ? '–' : `${Math.min(...xs).toFixed(1)} to ${Math.max(...xs).toFixed(1)} MB`;

export function table1Report(run: RunData): string {
  const value = (architecture: string, metric: string) => {
    const v = run.rows.find((r) => r.architecture === architecture && r.metric === metric)?.value;
    return v === undefined || v === null ? undefined : Number(v);
  };
  const architectures = [...new Set(run.rows.map((r) => String(r.architecture)))];
  const table = markdownTable(
    [
      'architecture',
      'params (ours)',
      'params (paper)',
      'size MB (ours, params x 4)',
      'with buffers MB (ours)',
      'size MB (paper)',
      'feature blocks',
    ],
    architectures.map((a) => {
      const paper = PAPER_TABLE1.find((p) => p.architecture === a);
      const stateMB = value(a, 'stateMB');
      return [
        a,
        (value(a, 'params') ?? 0).toLocaleString('en-US'),
        paper ? paper.params.toLocaleString('en-US') : '–',
        (value(a, 'sizeMB') ?? 0).toFixed(1),
        stateMB === undefined ? '–' : stateMB.toFixed(1),
        paper ? paper.sizeMB.toFixed(1) : '–',
        String(value(a, 'blocks') ?? '–'),
      ];
    }),
  );
  const measured = PAPER_TABLE1.filter((p) => value(p.architecture, 'params') !== undefined);
  const mismatches = measured.filter((p) => value(p.architecture, 'params') !== p.params);
  const mismatch = (m: (typeof mismatches)[number]) =>
    `${m.architecture} (ours ${(value(m.architecture, 'params') ?? 0).toLocaleString('en-US')}, ` +
    `paper ${m.params.toLocaleString('en-US')})`;
  const counts =
    mismatches.length === 0
      ? `Parameter counts: all ${measured.length} of the paper's architectures measured here match Table 1 exactly.`
      : `Parameter counts differ from Table 1 for ` + `${mismatches.map(mismatch).join(', ')}` + `.`;
  const gap = (metric: string) =>
    measured.flatMap((p) => {
      const v = value(p.architecture, metric);
      return v === undefined ? [] : [Math.abs(v - p.sizeMB)];
    });
  const sizes =
    `Size against Table 1: params x 4 differs by ${range(gap('sizeMB'))}; with buffers (BatchNorm running ` +
    `statistics) by ${range(gap('stateMB'))}.`;
  const others = architectures.filter((a) => !PAPER_TABLE1.some((p) => p.architecture === a));
  return [
    table,
    '',
    counts,
    sizes,
    others.length > 0 ? `Not in Table 1, defined here as well: ${others.join(', ')}.` : '',
  ].join('\n');
}
