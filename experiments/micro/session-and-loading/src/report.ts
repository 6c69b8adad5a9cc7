import { markdownTable, PAPER_SETUP, PAPER_TABLE1, REFERENCE_LOADING_BOE as REFERENCE_BOE } from '@alsatian/exp-shared';
import type { RunData } from '@alsatian/exp-shared';
import { summarize } from './summary.ts';
import type { StageSummary } from './summary.ts';

/** Our per-stage medians per architecture, with the read rates they imply and the reference's sizes and rates. */
export function loadingReport(run: RunData): string {
  const summary = summarize(run.rows);
  const architectures = [...new Set(summary.map((s) => s.architecture))];
  const table = architectures.map((architecture) => {
    const of = (stage: string) => summary.find((s) => s.architecture === architecture && s.stage === stage);
    const mb = of('session')?.weightMB ?? summary.find((s) => s.architecture === architecture)!.weightMB;
    const rate = (stage: string) => {
      const s = of(stage);
      return s === undefined || s.seconds <= 0 ? '–' : `${(mb / s.seconds).toFixed(0)}`;
    };
    const secs = (stage: string) => of(stage)?.seconds.toFixed(2) ?? '–';
    const paper = PAPER_TABLE1.find((p) => p.architecture === architecture)?.sizeMB;
    return [
      architecture,
      mb.toFixed(1),
      paper === undefined ? '–' : paper.toFixed(1),
      secs('readThrottled'),
      rate('readThrottled'),
      secs('readUnthrottled'),
      rate('readUnthrottled'),
      secs('lower'),
      secs('session'),
      of('readUnthrottled')?.pageCache ?? '–',
    ];
  });
  return [
    markdownTable(
      [
        'architecture',
        'weights MB',
        'paper MB (Table 1)',
        'read @200 MB/s s',
        'MB/s',
        'read unthrottled s',
        'MB/s',
        'lower s',
        'session s',
        'page cache',
      ],
      table,
    ),
    '',
    `Reference: the store is throttled to ${PAPER_SETUP.storeReadMBps} MB/s; its back-of-envelope loading ` +
      `model assumes HDD ${REFERENCE_BOE.hddMBps} MB/s and SSD ${REFERENCE_BOE.ssdMBps} MB/s for a ` +
      `${REFERENCE_BOE.fullModelMB} MB model (${REFERENCE_BOE.partialModelMB} MB for a partial one). ` +
      'It measures no session creation: PyTorch builds the module and copies the state dict to the GPU.',
    '',
    measuredLine(summary),
    '',
    'Our weights are feature blocks only (no classifier head), so sizes sit slightly below Table 1; ' +
      'preparing a model here also lowers it to ONNX and creates an ONNX Runtime session (graph optimisation, ' +
      'weight pre-packing), where the reference copies a PyTorch module to the GPU.',
  ].join('\n');
}

/** One line of what this run measured: the cold unthrottled read rate and session creation relative to the read. */
function measuredLine(summary: readonly StageSummary[]): string {
  const reads = summary.filter((s) => s.stage === 'readUnthrottled' && s.seconds > 0);
  const sessions = summary.filter((s) => s.stage === 'session');
  const rates = reads.map((r) => r.weightMB / r.seconds);
  const ratios = sessions.flatMap((s) => {
    const r = reads.find((x) => x.architecture === s.architecture);
    return r === undefined ? [] : [s.seconds / r.seconds];
  });
  if (rates.length === 0 || ratios.length === 0) return 'Measured: no complete architecture in this run.';
  const range = (xs: number[], digits: number) =>
    `${Math.min(...xs).toFixed(digits)} to ${Math.max(...xs).toFixed(digits)}`;
  const dropped = reads.filter((r) => r.pageCache === 'dropped').length;
  const pageCache =
    dropped === reads.length
      ? 'page cache dropped before each read'
      : dropped === 0
        ? 'the page cache could not be dropped before any read, so reads may come from memory'
        : `page cache dropped before ${dropped} of ${reads.length} reads; the others may come from memory`;
  return (
    `Measured: the unthrottled store reads at ${range(rates, 0)} MB/s (${pageCache}), so the 200 MB/s limit ` +
    `only binds where the disk is faster; session creation takes ${range(ratios, 1)} times as long as the ` +
    `unthrottled read.`
  );
}
