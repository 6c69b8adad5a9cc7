/** The ablation's section: per variant what it turns off and what that cost, measured against ours in this run. */
import { formatSeconds, markdownTable } from '@alsatian/exp-shared';
import type { RunData } from '@alsatian/exp-shared';
import type { AblationSettings } from './scales.ts';
import { variantSummaries } from './summary.ts';
import { VARIANTS } from './variants.ts';

export function ablationReport(run: RunData<AblationSettings>): string {
  const summaries = variantSummaries(run.rows);
  const ours = summaries.find((s) => s.variant === 'ours');
  if (ours === undefined)
    return 'The run has no row for our Alsatian (variant `ours`), so no difference can be measured.';
  const table = markdownTable(
    ['variant', 'total s', 'vs ours', 'prepare model s', 'inference s', 'sessions created / reused', 'turns off'],
    summaries.map((s) => [
      s.variant,
      formatSeconds(s.total),
      s.variant === 'ours' ? '–' : `${signed(s.total - ours.total)} s (${(s.total / ours.total).toFixed(2)}x)`,
      formatSeconds(s.seconds.prepareModel),
      formatSeconds(s.seconds.inference),
      `${s.sessionsCreated} / ${s.sessionsReused}`,
      VARIANTS.find((v) => v.name === s.variant)?.turnsOff || '(everything on)',
    ]),
  );
  const single = summaries.filter((s) => s.variant !== 'ours' && s.variant !== 'none of ours');
  const costliest = [...single].sort((a, b) => b.total - a.total)[0];
  const none = summaries.find((s) => s.variant === 'none of ours');
  const sameRanking = summaries.every((s) => s.ranking === ours.ranking);
  return [
    table,
    '',
    costliest === undefined
      ? ''
      : `Switched off alone, \`${costliest.variant.replace('without ', '')}\` changed our total the most: ` +
        `${signed(costliest.total - ours.total)} s.`,
    none === undefined
      ? ''
      : `With none of our additions the same search took ${formatSeconds(none.total)} s, ` +
        `${(none.total / ours.total).toFixed(2)}x ours.`,
    sameRanking
      ? 'Every variant returned the same ranking: the switches change where time goes, not what is computed.'
      : 'The variants did not all return the same ranking; a switch that changes results is a defect to investigate.',
    'Each row is one search of the same cell (median over repetitions where there are several), measured in this run.',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

const signed = (seconds: number) => `${seconds >= 0 ? '+' : ''}${formatSeconds(seconds)}`;
