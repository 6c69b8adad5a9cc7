/**
 * Assembles results/REPORT.md from the experiments' sections and how each run went. Pure. Facts that every run
 * shares (the machine, provider, software) are stated once at the top; each section keeps the facts of its own run.
 */
import type { ReportSection } from '@alsatian/exp-shared';

export type OutcomeStatus = 'ok' | 'run-failed' | 'report-failed';

export interface ExperimentOutcome {
  readonly name: string;
  readonly group: string;
  readonly status: OutcomeStatus;
  /** Wall time of run + plot; NaN when only the report was rebuilt. */
  readonly seconds: number;
  /** When only the report was rebuilt: the run's own time as its meta.json recorded it (start to end, no plot). */
  readonly recordedSeconds?: number;
  readonly error?: string;
  readonly section?: ReportSection;
}

export interface ReportInput {
  readonly scale: string;
  readonly startedAt: string;
  readonly wallSeconds: number;
  readonly outcomes: readonly ExperimentOutcome[];
}

const STATUS_TEXT: Record<OutcomeStatus, string> = {
  ok: 'ok',
  'run-failed': 'FAILED (run)',
  'report-failed': 'FAILED (report)',
};

/** Facts about where a run was measured: shown once at the top when every section shares them. */
const MACHINE_FACT = /^(Machine|Execution provider|Software): /;

const duration = (s: number) =>
  !Number.isFinite(s)
    ? 'not run (report only)'
    : s < 60
      ? `${s.toFixed(0)} s`
      : `${Math.floor(s / 60)} min ${String(Math.round(s % 60)).padStart(2, '0')} s`;

/** An experiment's time: this run's, else the recorded run time of a rebuilt report, else that it did not run. */
function timeCell(o: ExperimentOutcome): string {
  if (Number.isFinite(o.seconds) || o.recordedSeconds === undefined || !Number.isFinite(o.recordedSeconds))
    return duration(o.seconds);
  return `${duration(o.recordedSeconds)} (run only, as recorded)`;
}

export function anchor(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
}

/** Machine facts every section states alike (so the top says them once), and whether each section must repeat its own. */
export function sharedFacts(outcomes: readonly ExperimentOutcome[]): { shared: string[]; perSection: boolean } {
  const sets = outcomes.flatMap((o) =>
    o.section ? [o.section.facts.filter((f) => MACHINE_FACT.test(f)).join('\n')] : [],
  );
  const unique = [...new Set(sets)];
  return unique.length === 1
    ? { shared: unique[0].split('\n').filter((f) => f !== ''), perSection: false }
    : { shared: [], perSection: true };
}

/** The section's facts as a list, without the machine facts when the top states them for all. */
export function sectionFacts(section: ReportSection, perSection: boolean): string[] {
  return section.facts.filter((f) => perSection || !MACHINE_FACT.test(f));
}

export function reportHeader(input: ReportInput): string[] {
  const failed = input.outcomes.filter((o) => o.status !== 'ok');
  const { shared, perSection } = sharedFacts(input.outcomes);
  return [
    '# Alsatian-TS: reproduction report',
    '',
    input.outcomes.length > 0 && input.outcomes.every((o) => !Number.isFinite(o.seconds))
      ? `Scale **${input.scale}**: report rebuilt on ${input.startedAt} from existing results (nothing was run).`
      : `Scale **${input.scale}**, started ${input.startedAt}, took ${duration(input.wallSeconds)} (wall-clock; a loaded machine inflates every time).`,
    '',
    ...(shared.length > 0
      ? [...shared.map((f) => `- ${f}`), '']
      : perSection
        ? ['The runs were measured on different machines or providers; each section says which.', '']
        : []),
    failed.length === 0
      ? 'Every experiment ran.'
      : `**${failed.length} of ${input.outcomes.length} experiments failed**: ${failed.map((o) => o.name).join(', ')} (details in their sections).`,
    '',
    '| experiment | group | status | run + plot |',
    '|---|---|---|---|',
    ...input.outcomes.map(
      (o) =>
        `| ${o.section ? `[${o.name}](#${anchor(o.name)})` : o.name} | ${o.group} | ${STATUS_TEXT[o.status]} | ${timeCell(o)} |`,
    ),
    '',
  ];
}

export function reportMarkdown(input: ReportInput): string {
  const lines = reportHeader(input);
  const { perSection } = sharedFacts(input.outcomes);
  for (const o of input.outcomes) {
    lines.push(`<a id="${anchor(o.name)}"></a>`, '', `## ${o.section?.title ?? o.name}`, '');
    if (o.error !== undefined) lines.push('**This experiment failed:**', '', '```', o.error.trim(), '```', '');
    if (o.section === undefined) continue;
    lines.push(...sectionFacts(o.section, perSection).map((f) => `- ${f}`), '');
    for (const chart of o.section.charts) lines.push(`![${chart.name}](${chart.image})`, '');
    lines.push(o.section.markdown.trim(), '');
  }
  return `${lines.join('\n')}\n`;
}
