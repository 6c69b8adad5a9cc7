/**
 * results/REPORT.html: the report with every chart as a live Vega view (compiled from its Vega-Lite spec here,
 * drawn in the page by the vega.min.js copied next to it, so it opens from disk with no network), each beside a
 * table of its data; hovering a mark shows its data row. Each view records in the page whether it drew marks
 * (`data-render="ok"` or the error), which the browser test reads.
 */
import { chartToVega } from '@alsatian/plot';
import type { ReportChart } from '@alsatian/exp-shared';
import { anchor, reportHeader, sectionFacts, sharedFacts } from './build.ts';
import type { ReportInput } from './build.ts';
import { markdownToHtml } from './markdown-html.ts';

/** Where the page finds Vega, relative to the HTML file. */
export const VEGA_SCRIPT = '_report/vega.min.js';

const escape = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** JSON inside <script>: '<' escaped so no '</script>' in the data can end the element. */
const scriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

const STYLE = `body{font-family:sans-serif;max-width:1400px;margin:2em auto;padding:0 1em;line-height:1.4}
table{border-collapse:collapse;margin:1em 0;font-size:90%}td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}th{background:#f3f3f3}
pre{background:#f7f7f7;padding:1em;overflow:auto}.chart{display:flex;flex-wrap:wrap;gap:1.5em;align-items:flex-start;margin:1em 0;border-top:1px solid #eee;padding-top:1em}
.view{min-width:300px;min-height:120px}.data{max-height:480px;overflow:auto;font-size:85%}.data table{margin:0}
#tooltip{position:fixed;pointer-events:none;background:#fff;border:1px solid #888;padding:4px 6px;font-size:12px;display:none;z-index:10;box-shadow:1px 1px 4px #0003}
#tooltip td{border:none;padding:0 4px}`;

/** The page script: draws every view, shows a datum as a table under the cursor, records success per view. */
const SCRIPT = `(function () {
  var tip = document.getElementById('tooltip');
  function show(handler, event, item, value) {
    if (value == null || value === '') { tip.style.display = 'none'; return; }
    var rows = typeof value === 'object' ? Object.keys(value).map(function (k) { return '<tr><td><b>' + esc(k) + '</b></td><td>' + esc(String(value[k])) + '</td></tr>'; }).join('') : '<tr><td>' + esc(String(value)) + '</td></tr>';
    tip.innerHTML = '<table>' + rows + '</table>';
    tip.style.left = (event.clientX + 12) + 'px';
    tip.style.top = (event.clientY + 12) + 'px';
    tip.style.display = 'block';
  }
  function esc(s) { return s.replace(/[&<>]/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;' }[c]; }); }
  var views = Array.prototype.slice.call(document.querySelectorAll('.view'));
  window.chartsDone = Promise.all(views.map(function (el) {
    try {
      var spec = JSON.parse(document.getElementById(el.getAttribute('data-spec')).textContent);
      var view = new vega.View(vega.parse(spec), { renderer: 'svg', container: el, hover: true });
      view.tooltip(show);
      return view.runAsync().then(function () {
        el.setAttribute('data-render', el.querySelector('svg') ? 'ok' : 'no svg');
      }, function (e) { el.setAttribute('data-render', 'error: ' + e); });
    } catch (e) {
      el.setAttribute('data-render', 'error: ' + e);
      return Promise.resolve();
    }
  }));
})();`;

function dataTable(chart: ReportChart): string {
  const values = ((chart.spec as { data?: { values?: Record<string, unknown>[] } }).data?.values ?? []) as Record<
    string,
    unknown
  >[];
  if (values.length === 0) return '';
  const columns = [...new Set(values.flatMap((v) => Object.keys(v)))];
  const cell = (v: unknown) => escape(typeof v === 'number' ? String(Number(v.toPrecision(6))) : String(v ?? ''));
  return `<div class="data"><table><thead><tr>${columns.map((c) => `<th>${escape(c)}</th>`).join('')}</tr></thead><tbody>${values.map((v) => `<tr>${columns.map((c) => `<td>${cell(v[c])}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`;
}

function chartBlock(chart: ReportChart, id: string): string {
  return [
    `<div class="chart" id="${id}">`,
    `<div class="view" data-spec="${id}-spec" data-chart="${escape(chart.name)}"><noscript><img alt="${escape(chart.name)}" src="${escape(chart.image)}"></noscript></div>`,
    dataTable(chart),
    `<script type="application/json" id="${id}-spec">${scriptJson(chartToVega(chart.spec))}</script>`,
    '</div>',
  ].join('\n');
}

export function reportHtml(input: ReportInput): string {
  const { perSection } = sharedFacts(input.outcomes);
  const parts: string[] = [markdownToHtml(reportHeader(input).join('\n'))];
  input.outcomes.forEach((o, i) => {
    parts.push(`<section id="${anchor(o.name)}">`, `<h2>${escape(o.section?.title ?? o.name)}</h2>`);
    if (o.error !== undefined)
      parts.push(
        '<p><strong>This experiment failed:</strong></p>',
        `<pre><code>${escape(o.error.trim())}</code></pre>`,
      );
    if (o.section !== undefined) {
      parts.push(
        markdownToHtml(
          sectionFacts(o.section, perSection)
            .map((f) => `- ${f}`)
            .join('\n'),
        ),
      );
      o.section.charts.forEach((chart, j) => parts.push(chartBlock(chart, `chart-${i}-${j}`)));
      parts.push(markdownToHtml(o.section.markdown));
    }
    parts.push('</section>');
  });
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>Alsatian-TS reproduction report</title>',
    `<style>${STYLE}</style>`,
    `<script src="${VEGA_SCRIPT}"></script>`,
    '</head><body>',
    '<div id="tooltip"></div>',
    ...parts,
    `<script>${SCRIPT}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
