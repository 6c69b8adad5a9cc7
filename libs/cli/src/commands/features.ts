/**
 * `alsatian features stats|prune|verify --feature-store DIR`: inspect and maintain a persistent feature store
 * (see docs/feature-store.md). Results go to stdout (JSON with --json); a directory that is not a store is a
 * one-line error naming it.
 */
import type { Command } from 'commander';
import { formatBytes, parseBytes } from '@alsatian/core';
import { DEFAULT_FEATURE_STORE_LIMIT, openLayout, pruneStore, storeStats, verifyStore } from '@alsatian/cache';
import { print } from '../util/print.ts';

interface FeaturesOptions {
  featureStore: string;
  json?: boolean;
  limit?: string;
  fix?: boolean;
}

const show = (options: FeaturesOptions, value: object, text: string) =>
  print(options.json ? JSON.stringify(value, null, 2) : text);

export function registerFeaturesCommand(program: Command): void {
  const features = program
    .command('features')
    .description('Inspect and maintain a persistent feature store (search --feature-store)');
  features
    .command('stats')
    .description('Entries, nodes and bytes of a feature store')
    .requiredOption('--feature-store <dir>', 'feature store directory')
    .option('--json', 'print JSON')
    .action(async (options: FeaturesOptions) => {
      await openLayout(options.featureStore, false);
      const s = await storeStats(options.featureStore);
      show(options, s, `${s.entries} entries of ${s.nodes} nodes, ${formatBytes(s.bytes)} in ${options.featureStore}`);
    });
  features
    .command('prune')
    .description('Delete least recently used entries until the store holds at most --limit bytes')
    .requiredOption('--feature-store <dir>', 'feature store directory')
    .option(
      '--limit <bytes>',
      'size to prune down to, e.g. 5GiB',
      formatBytes(DEFAULT_FEATURE_STORE_LIMIT).replace(' ', ''),
    )
    .option('--json', 'print JSON')
    .action(async (options: FeaturesOptions) => {
      const limit = parseBytes(options.limit!, '--limit');
      await openLayout(options.featureStore, false);
      const r = await pruneStore(options.featureStore, limit);
      const kept = r.protectedEntries > 0 ? ` (${r.protectedEntries} entries in use by a running search kept)` : '';
      const left = `${r.keptEntries} entries, ${formatBytes(r.keptBytes)} left${kept}`;
      show(options, r, `removed ${r.removed} entries (${formatBytes(r.freedBytes)}); ${left}`);
    });
  features
    .command('verify')
    .description('Read and check every entry; exit 1 if any is corrupt (--fix deletes them; searches recompute them)')
    .requiredOption('--feature-store <dir>', 'feature store directory')
    .option('--fix', 'delete corrupt entries')
    .option('--json', 'print JSON')
    .action(async (options: FeaturesOptions) => {
      await openLayout(options.featureStore, false);
      const r = await verifyStore(options.featureStore, { fix: options.fix === true });
      const deleted = options.fix ? `, ${r.removed} deleted` : '';
      const lines = [`checked ${r.checked} entries: ${r.corrupt.length} corrupt${deleted}`];
      for (const c of r.corrupt) lines.push(`  ${c.file}: ${c.reason}`);
      show(options, r, lines.join('\n'));
      if (r.corrupt.length > 0 && !options.fix) process.exitCode = 1;
    });
}
