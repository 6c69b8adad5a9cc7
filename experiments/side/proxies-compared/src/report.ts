import { markdownTable } from '@alsatian/exp-shared';
import type { RunData } from '@alsatian/exp-shared';
import { agreements, proxySummaries } from './agreement.ts';

/** Time per proxy (Base and Alsatian), winners, and ranking agreement with the linear proxy's Base ranking. */
export function proxyReport(run: RunData): string {
  const summaries = proxySummaries(run.rows);
  const agree = agreements(summaries);
  const proxies = [...new Set(summaries.map((s) => s.proxy))];
  const linearBase = summaries.find((s) => s.proxy === 'linear' && s.strategy === 'baseline');
  const prefix = commonPrefix(summaries.flatMap((s) => s.ranking));
  // Model ids share a long set prefix; the table shows what tells them apart.
  const short = (id: string | undefined) =>
    id === undefined ? '–' : prefix.length > 0 ? `…${id.slice(prefix.length)}` : id;
  const table = proxies.map((proxy) => {
    const of = (strategy: string) => summaries.find((s) => s.proxy === proxy && s.strategy === strategy);
    const a = agree.find((x) => x.proxy === proxy)!;
    const base = of('baseline');
    const als = of('alsatian');
    return [
      proxy,
      base?.proxySeconds.toFixed(2) ?? '–',
      base?.totalSeconds.toFixed(1) ?? '–',
      als?.proxySeconds.toFixed(2) ?? '–',
      als?.totalSeconds.toFixed(1) ?? '–',
      short(base?.winner),
      short(als?.winner),
      a.alsatianWinnerRankInOwnBase ?? '–',
      base?.winner === undefined || linearBase === undefined
        ? '–'
        : base.winner === linearBase.winner
          ? 'yes'
          : `no (rank ${a.baseWinnerRankInLinear ?? '?'})`,
      a.tauVsLinear === undefined ? '–' : a.tauVsLinear.toFixed(2),
    ];
  });
  return [
    markdownTable(
      [
        'proxy',
        'Base proxy s',
        'Base total s',
        'Alsatian proxy s',
        'Alsatian total s',
        'Base winner',
        'Alsatian winner',
        "Alsatian winner's rank in own Base",
        'same Base winner as linear',
        'Kendall tau vs linear (Base)',
      ],
      table,
    ),
    '',
    `Not in the reference, which uses the linear proxy only. Model ids abbreviated: '…' stands for '${prefix}'. ` +
      "Same store, same synthetic dataset, same seeds; only the proxy changes. Kendall tau compares each proxy's " +
      "full Base ranking with the linear proxy's (1 = same order).",
    '',
    'Where it may mislead: synthetic snapshots differ only in their re-initialised top blocks, so this compares how ' +
      'the proxies rank near-identical feature extractors; real fine-tuned models (Fig 13) would be ' +
      'the stronger test of agreement.',
  ].join('\n');
}

/** The longest prefix shared by all ids, cut back to its last '-' so each id keeps a readable suffix. */
function commonPrefix(ids: readonly string[]): string {
  if (ids.length < 2) return '';
  let prefix = ids[0];
  for (const id of ids) while (!id.startsWith(prefix)) prefix = prefix.slice(0, -1);
  const cut = prefix.lastIndexOf('-');
  return cut < 0 ? '' : prefix.slice(0, cut + 1);
}
