/** Fig 5's section: our phase shares next to the paper's, the observed read rate, and the paper's ordering checked. */
import { markdownTable, PAPER_ARCH_LABELS, PAPER_FIG05 } from '@alsatian/exp-shared';
import type { PaperFig05Panel, RunData } from '@alsatian/exp-shared';
import { phaseMedians } from './charts.ts';
import { PHASES } from './phases.ts';
import { ARCHITECTURES } from './scales.ts';
import type { Fig05Settings } from './scales.ts';

const share = (xs: readonly number[]) => {
  const total = xs.reduce((s, x) => s + x, 0);
  return xs.map((x) => (total > 0 ? (100 * x) / total : 0));
};
const fmt = (xs: readonly number[]) => xs.map((x) => x.toFixed(1)).join(' / ');

/** Whether prepare model's share grows as the items shrink (panels a -> b -> c) for every architecture. */
function prepareGrows(shareOf: (panel: PaperFig05Panel, arch: string) => number | undefined): string {
  const broken = ARCHITECTURES.filter((a) => {
    const [x, y, z] = (['a', 'b', 'c'] as const).map((p) => shareOf(p, a));
    return x !== undefined && y !== undefined && z !== undefined && !(x < y && y < z);
  });
  const measured = ARCHITECTURES.filter((a) => (['a', 'b', 'c'] as const).every((p) => shareOf(p, a) !== undefined));
  return measured.length === 0
    ? 'not measured'
    : broken.length === 0
      ? 'holds'
      : `differs: ${broken.map((a) => PAPER_ARCH_LABELS[a] ?? a).join(', ')}`;
}

export function fig05Report(run: RunData<Fig05Settings>): string {
  const medians = phaseMedians(run.rows);
  const panels = [...new Set(medians.map((m) => m.panel))].sort();
  const ours = new Map<string, number[]>();
  const tableRows: string[][] = [];
  for (const panel of panels) {
    const letter = /^\(([a-d])\)/.exec(panel)?.[1] as PaperFig05Panel | undefined;
    for (const arch of ARCHITECTURES) {
      const seconds = PHASES.map(
        (c) =>
          medians.find((m) => m.panel === panel && m.architecture === arch && m.category === c)?.seconds ?? Number.NaN,
      );
      if (seconds.some(Number.isNaN)) continue;
      if (letter !== undefined) ours.set(`${letter}|${arch}`, share(seconds));
      const paper = letter === undefined ? undefined : PAPER_FIG05[letter][arch];
      tableRows.push([
        panel,
        PAPER_ARCH_LABELS[arch] ?? arch,
        fmt(share(seconds)),
        seconds.reduce((s, x) => s + x, 0).toFixed(2),
        paper === undefined ? '–' : fmt(paper),
      ]);
    }
  }
  const reads = run.rows.filter((r) => r.category === 'prepareModel');
  const mbps = reads.map((r) => Number(r.bytesRead) / 1e6 / Number(r.readSeconds)).filter(Number.isFinite);
  const rule = "prepare model's share at (a) < (b) < (c) (fewer items) for every architecture";
  return [
    `Percent of the time to score one model: prepare model / prepare data / inference / proxy. Prepare model ` +
      `is measured: every block read from the store at a 200 MB/s limit (observed ` +
      `${mbps.length ? `${Math.min(...mbps).toFixed(0)}-${Math.max(...mbps).toFixed(0)} MB/s` : 'n/a'}) plus ` +
      `lowering and creating the ONNX Runtime session; the paper simulated it as size / 200 MB/s plus the ` +
      `device copy. Panel (d) reads the whole model, as the paper accounts it, and runs only the last 3 blocks ` +
      `on intermediates read back from disk.`,
    '',
    markdownTable(['panel', 'architecture', 'ours (%)', 'ours total (s)', 'paper (%)'], tableRows),
    '',
    markdownTable(
      ["the paper's shape", 'rule', 'paper', 'ours'],
      [
        [
          "Prepare model's share grows as the items shrink",
          rule,
          prepareGrows((p, a) => PAPER_FIG05[p][a]?.[0]),
          prepareGrows((p, a) => ours.get(`${p}|${a}`)?.[0]),
        ],
      ],
    ),
  ].join('\n');
}
