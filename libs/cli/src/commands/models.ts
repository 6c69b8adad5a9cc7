/**
 * `alsatian models list` and `alsatian models info <arch>`: what the model zoo holds, from static shape inference
 * only (no weights are built, nothing is run).
 */
import type { Command } from 'commander';
import { print } from '../util/print.ts';
import type { ArchitectureInfo } from '@alsatian/models';
import { architecture, architectureNames, describeArchitecture } from '@alsatian/models';

export function registerModelsCommand(program: Command): void {
  const models = program
    .command('models')
    .description('List the architectures of the model zoo and describe their blocks');

  models
    .command('list')
    .description('Name, family, parameters, feature dimension and block count of every architecture')
    .option('--all', 'also list the tiny test variants (marked "tiny")')
    .option('--json', 'print JSON instead of a table')
    .action((options: { all?: boolean; json?: boolean }) => {
      const rows = architectureNames({ includeTiny: options.all === true }).map((name) => {
        const def = architecture(name);
        const info = describeArchitecture(name);
        return {
          name,
          family: def.family,
          tiny: def.tiny,
          params: info.params,
          featureDim: info.featureDim,
          blocks: info.blocks.length,
        };
      });
      if (options.json) return print(JSON.stringify(rows, null, 2));
      print(
        table(
          ['architecture', 'family', 'params', 'feature dim', 'blocks'],
          rows.map((r) => [
            r.tiny ? `${r.name} (tiny)` : r.name,
            r.family,
            humanCount(r.params),
            String(r.featureDim),
            String(r.blocks),
          ]),
        ),
      );
    });

  models
    .command('info')
    .description('Per-block parameters, output shape, bytes per item and FLOPs of one architecture')
    .argument('<arch>', 'architecture name (see `alsatian models list --all`)')
    .option('--json', 'print JSON: {architecture, params, featureParams, featureDim, blocks: [...]}')
    .action((name: string, options: { json?: boolean }) => {
      const info = describeArchitecture(name);
      if (options.json) return print(JSON.stringify(infoJson(info), null, 2));
      print(
        `${info.architecture}: ${humanCount(info.params)} parameters with the head, ` +
          `${humanCount(info.featureParams)} in the feature extractor, feature dim ${info.featureDim}\n`,
      );
      print(
        table(
          ['index', 'kind', 'label', 'params', 'output shape', 'bytes/item', 'MFLOPs'],
          info.blocks.map((b) => [
            String(b.index),
            b.kind,
            b.label,
            humanCount(b.params),
            b.outputShape.map((s) => `[${s.join(',')}]`).join(' '),
            String(b.bytesPerItem),
            (b.flops / 1e6).toFixed(1),
          ]),
        ),
      );
    });
}

/** The JSON of `models info`: `outputShape` is the block's first (feature) output, per item. */
export function infoJson(info: ArchitectureInfo) {
  return {
    architecture: info.architecture,
    params: info.params,
    featureParams: info.featureParams,
    featureDim: info.featureDim,
    blocks: info.blocks.map((b) => ({
      index: b.index,
      kind: b.kind,
      params: b.params,
      outputShape: b.outputShape[0],
      bytesPerItem: b.bytesPerItem,
      flops: b.flops,
    })),
  };
}

function humanCount(n: number): string {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return String(n);
}

/** A plain left-aligned text table. */
function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}
