/**
 * Our cells beside the reference implementation's times for the same configuration on a CPU machine of the same
 * kind (experiments/shared/src/paper/reference-on-cpu.ts). A cell matches only when every parameter the reference
 * was measured with is the run's: architecture, distribution, set size and draws, items, resolution, batch size.
 */
import {
  categorySeconds,
  DISTRIBUTION_LABELS,
  formatSeconds,
  formatSpeedup,
  inputSide,
  markdownTable,
  PAPER_STRATEGIES,
  REFERENCE_ON_2_CORES,
  STRATEGY_LABELS,
} from '@alsatian/exp-shared';
import type { ReferenceCpuCell, RunData } from '@alsatian/exp-shared';
import type { Fig10Settings } from './scales.ts';

const PARTS = ['prepareModel', 'prepareData', 'inference', 'proxy'] as const;
const KEYS = ['architecture', 'distribution', 'train', 'test', 'setSize', 'imageSize'] as const;

/** The cell's resolution: 0 in a row means the architecture's own. */
const resolution = (architecture: string, imageSize: number) => (imageSize > 0 ? imageSize : inputSide(architecture));

/** Total (prepare model / prepare data / inference / proxy). */
const breakdownText = (s: Readonly<Partial<Record<(typeof PARTS)[number], number>>>, total: number) =>
  `${formatSeconds(total)} (${PARTS.map((p) => formatSeconds(s[p] ?? 0)).join(' / ')})`;

function matches(ref: ReferenceCpuCell, labels: Record<string, string | number>, s: Fig10Settings): boolean {
  return (
    labels.architecture === ref.architecture &&
    labels.distribution === ref.distribution &&
    Number(labels.train) === ref.train &&
    Number(labels.test) === ref.test &&
    Number(labels.setSize) === ref.setSize &&
    resolution(String(labels.architecture), Number(labels.imageSize)) === ref.imageSize &&
    s.batchSize === ref.batchSize &&
    s.paperIndices === true
  );
}

/** The comparison table and its caption, or '' when no cell of the run is the reference's configuration. */
export function referenceComparison(run: RunData<Fig10Settings>): string {
  const measured = categorySeconds(run.rows, KEYS);
  const lines: string[][] = [];
  const seen: ReferenceCpuCell[] = [];
  for (const ref of REFERENCE_ON_2_CORES) {
    for (const strategy of PAPER_STRATEGIES) {
      const ours = measured.find((m) => m.strategy === strategy && matches(ref, m.labels, run.settings));
      if (ours === undefined) continue;
      if (!seen.includes(ref)) seen.push(ref);
      const theirs = ref.seconds[strategy];
      lines.push([
        `${ref.architecture}, ${DISTRIBUTION_LABELS[ref.distribution]}, ${ref.train}/${ref.test} items`,
        STRATEGY_LABELS[strategy],
        breakdownText(ours.seconds, ours.seconds.total),
        breakdownText(theirs, theirs.total),
        formatSpeedup(theirs.total / ours.seconds.total),
      ]);
    }
  }
  if (lines.length === 0) return '';
  const cpu = run.meta.system.cpu;
  const dates = [...new Set(seen.map((r) => r.measuredOn))].join(', ');
  const cores = [...new Set(seen.map((r) => r.cores))].join(', ');
  const theirData = [...new Set(seen.map((r) => r.data))].join('; ');
  const ourData = run.meta.provenance.dataset;
  return [
    `The reference implementation (Python, PyTorch) on the same models, items, resolution and batch size: its ` +
      `times were measured on ${dates} on a CPU machine with ${cores} cores, not in this run; ours are this ` +
      `run's, on ${cpu.availableParallelism} available cores of ${cpu.model}. Its data: ${theirData}; ours: ` +
      `${ourData === undefined ? 'not recorded' : `${ourData.kind}, ${ourData.what}`}. Total (prepare model / ` +
      `prepare data / inference / proxy), seconds:`,
    '',
    markdownTable(['cell', 'strategy', 'ours', 'reference implementation', 'ours faster by'], lines),
  ].join('\n');
}
