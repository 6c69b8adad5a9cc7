import { markdownTable, REFERENCE_LAYER_IO } from '@alsatian/exp-shared';
import type { RunData } from '@alsatian/exp-shared';
import type { CacheSettings } from './experiment.ts';
import { STAND_IN_FOR } from './experiment.ts';
import { startBlocks } from './summary.ts';

/** Per architecture: our counts (first blocks, how many start blocks reach the end), read rate, reference counts. */
export function cacheReport(run: RunData<CacheSettings>): string {
  const starts = startBlocks(run.rows);
  const architectures = [...new Set(starts.map((s) => s.architecture))];
  const table = architectures.map((architecture) => {
    const mine = starts.filter((s) => s.architecture === architecture);
    const allFit = mine.filter((s) => s.fits === s.remaining).length;
    const noneFit = mine.filter((s) => s.fits === 0).length;
    const mb = mine.reduce((s, x) => s + x.inputMB, 0);
    const readSeconds = mine.reduce((s, x) => s + x.readSeconds, 0);
    const reference = REFERENCE_LAYER_IO.counts[STAND_IN_FOR[architecture] ?? architecture];
    return [
      STAND_IN_FOR[architecture] === undefined ? architecture : `${architecture} (for ${STAND_IN_FOR[architecture]})`,
      mine.length,
      mine
        .slice(0, 6)
        .map((s) => s.fits)
        .join(', '),
      `${allFit} / ${mine.length}`,
      `${noneFit} / ${mine.length}`,
      readSeconds > 0 ? (mb / readSeconds).toFixed(0) : '–',
      reference?.summary ?? '–',
    ];
  });
  const reads = run.rows.filter((r) => r.metric === 'read');
  const dropped = reads.filter((r) => r.pageCache === 'dropped').length;
  const cache =
    reads.length === 0
      ? ''
      : dropped === reads.length
        ? 'page cache dropped before every read'
        : dropped === 0
          ? 'the page cache could not be dropped before any read, so reads may have come from memory'
          : `page cache dropped before ${dropped} of ${reads.length} reads; the others may have come from memory`;
  return [
    markdownTable(
      [
        'architecture',
        'blocks',
        'count for the first start blocks',
        'start blocks where all remaining fit',
        'start blocks where none fits',
        'disk read MB/s (measured)',
        `reference counts (${REFERENCE_LAYER_IO.assumedReadMBps} MB/s assumed)`,
      ],
      table,
    ),
    '',
    `Count = consecutive blocks from the start block on whose summed inference time fits into reading that ` +
      `block's input batch back from the cache's disk tier (measured on this run's disk; ${cache}): a count ` +
      `equal to the blocks remaining means reading the intermediate costs more than computing everything after ` +
      `it. The reference divides its GPU block times by an assumed ${REFERENCE_LAYER_IO.assumedReadMBps} MB/s ` +
      `instead.`,
  ].join('\n');
}
