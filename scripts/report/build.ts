/** Assembles results/REPORT.md and REPORT.html from the experiments' sections and how each run went. Pure. */
import type { ReportSection } from '@alsatian/exp-shared';
import { markdownToHtml } from './markdown-html.ts';

export type OutcomeStatus = 'ok' | 'run-failed' | 'report-failed' | 'no-report';

export interface ExperimentOutcome {
  readonly name: string;
  readonly group: string;
  readonly status: OutcomeStatus;
  /** Wall time of run + plot; NaN when only the report was rebuilt. */
  readonly seconds: number;
  readonly error?: string;
  readonly section?: ReportSection;
}

export interface ReportInput {
  readonly scale: string;
  readonly startedAt: string;
  readonly wallSeconds: number;
  /** One line on the machine (cores, memory, load). */
  readonly machine: string;
  readonly outcomes: readonly ExperimentOutcome[];
}

const STATUS_TEXT: Record<OutcomeStatus, string> = { ok: 'ok', 'run-failed': 'FAILED (run)', 'report-failed': 'FAILED (report)', 'no-report': 'ran; no report.ts' };

const duration = (s: number) => (!Number.isFinite(s) ? 'not run (report only)' : s < 60 ? `${s.toFixed(0)} s` : `${Math.floor(s / 60)} min ${String(Math.round(s % 60)).padStart(2, '0')} s`);

export function reportMarkdown(input: ReportInput): string {
  const failed = input.outcomes.filter((o) => o.status === 'run-failed' || o.status === 'report-failed');
  const lines = [
    '# Alsatian-TS: reproduction report',
    '',
    input.outcomes.length > 0 && input.outcomes.every((o) => !Number.isFinite(o.seconds))
      ? `Scale **${input.scale}**: report rebuilt on ${input.startedAt} from existing results (nothing was run). ${input.machine}`
      : `Scale **${input.scale}**, started ${input.startedAt}, took ${duration(input.wallSeconds)}. ${input.machine}`,
    '',
    failed.length === 0 ? 'Every experiment ran.' : `**${failed.length} of ${input.outcomes.length} experiments failed**: ${failed.map((o) => o.name).join(', ')} (details in their sections).`,
    '',
    '| experiment | group | status | run + plot |',
    '|---|---|---|---|',
    ...input.outcomes.map((o) => `| ${o.section ? `[${o.name}](#${anchor(o.name)})` : o.name} | ${o.group} | ${STATUS_TEXT[o.status]} | ${duration(o.seconds)} |`),
    '',
  ];
  for (const o of input.outcomes) {
    lines.push(`<a id="${anchor(o.name)}"></a>`, '', `## ${o.section?.title ?? o.name}`, '');
    if (o.error !== undefined) lines.push('**This experiment failed:**', '', '```', o.error.trim(), '```', '');
    if (o.section !== undefined) {
      for (const image of o.section.images) lines.push(`![${o.section.figure}](${image})`, '');
      lines.push(o.section.markdown.trim(), '');
    } else if (o.status === 'no-report') {
      lines.push(`_${o.name} has no src/report.ts; its results are in ${o.name}/${input.scale}/._`, '');
    }
  }
  return `${lines.join('\n')}\n`;
}

export function reportHtml(input: ReportInput): string {
  const md = reportMarkdown(input);
  // Anchors are written as raw HTML in the Markdown; keep them as such, convert the rest.
  const body = md
    .split(/(<a id="[^"]+"><\/a>)/)
    .map((part) => (/^<a id="[^"]+"><\/a>$/.test(part) ? part : markdownToHtml(part.replace(/\[([^\]]+)\]\(#([^)]+)\)/g, '$1'))))
    .join('\n');
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>Alsatian-TS reproduction report</title>',
    '<style>body{font-family:sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;line-height:1.4}table{border-collapse:collapse;margin:1em 0;font-size:90%}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}th{background:#f3f3f3}img{max-width:100%;border:1px solid #eee}pre{background:#f7f7f7;padding:1em;overflow:auto}</style>',
    '</head><body>',
    body,
    '</body></html>',
    '',
  ].join('\n');
}

function anchor(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9-]+/g, '-');
}
