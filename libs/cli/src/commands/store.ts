/**
 * `alsatian snapshots generate` builds synthetic snapshot sets (the paper's M_syn / M_train shapes, or
 * Hugging-Face-like families) in a store; `alsatian store import|stats|verify|list` imports real weights and
 * inspects a store. Progress goes to stderr, results to stdout.
 */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { print } from '../util/print.ts';
import { formatBytes, IntegrityError, InvalidArgumentError } from '@alsatian/core';
import type { ModelStore } from '@alsatian/store';
import {
  checkDistribution,
  generateHfFamily,
  generateSnapshotSet,
  HF_FAMILIES,
  importHfFolder,
  importOnnxModel,
  importTorchvisionModel,
  openStore,
} from '@alsatian/store';
import { choiceOption, intOption, optionalInt } from '../util/options.ts';
import { progressBar } from '../util/progress.ts';

interface GenerateOptions {
  store: string;
  arch?: string;
  count?: string;
  distribution?: string;
  retrainIndices?: string;
  paperIndices?: boolean;
  structure: string;
  seed: string;
  name?: string;
  family?: string;
}

interface ImportOptions {
  store: string;
  torchvision?: string;
  arch?: string;
  hf?: string;
  onnx?: string;
  name?: string;
}

export function registerStoreCommands(program: Command): void {
  program
    .command('snapshots')
    .description('Generate synthetic model snapshot sets')
    .command('generate')
    .description(
      'Generate a synthetic snapshot set (base + models re-initialising their last k blocks) or a ' +
        'Hugging-Face-like family',
    )
    .requiredOption('--store <dir>', 'model store directory (created if missing)')
    .option('--arch <name>', "architecture ('alsatian models list --all')")
    .option('--count <n>', 'models in the set, the base included')
    .option('--distribution <d>', 'k distribution: top-layers, top-25, top-50')
    .option('--retrain-indices <list>', 'explicit k per model after the base, e.g. 1,2,1')
    .option(
      '--paper-indices',
      "use the reference's own draws of k: its first N distinct models (every paper architecture and distribution)",
    )
    .option('--structure <s>', 'chained (random existing parent, M_syn) or from-base (M_train)', 'chained')
    .option('--family <name>', `a Hugging-Face-like family instead: ${HF_FAMILIES.map((f) => f.name).join(', ')}`)
    .option('--seed <n>', 'seed', '42')
    .option('--name <prefix>', 'model id prefix')
    .action(async (options: GenerateOptions) => {
      const store = await openStore(options.store);
      const seed = intOption('--seed', options.seed, 0);
      const progress = progressBar();
      try {
        if (options.family) {
          const models = await generateHfFamily(
            store,
            { family: options.family, seed, count: optionalInt('--count', options.count), architecture: options.arch },
            progress.update,
          );
          progress.stop();
          print(`generated ${models.length} models of family ${options.family} in ${options.store}`);
        } else {
          if (!options.arch) throw new InvalidArgumentError('--arch is required (or --family).');
          if (!options.count) throw new InvalidArgumentError('--count is required.');
          const set = await generateSnapshotSet(
            store,
            {
              architecture: options.arch,
              count: intOption('--count', options.count),
              seed,
              distribution: options.distribution ? checkDistribution(options.distribution) : undefined,
              retrainIndices: options.retrainIndices
                ? parseList('--retrain-indices', options.retrainIndices)
                : undefined,
              paperIndices: options.paperIndices === true,
              structure: choiceOption('--structure', options.structure, ['chained', 'from-base'] as const),
              name: options.name,
            },
            progress.update,
          );
          progress.stop();
          print(
            `generated ${set.models.length} models (${set.name}, k = ${set.retrainIndices.join(',') || '-'}) ` +
              `in ${options.store}`,
          );
        }
      } finally {
        progress.stop();
      }
      printStats(store, false);
    });

  const store = program.command('store').description('Import, inspect and verify a model store');

  store
    .command('import')
    .description(
      'Import real weights as a model: a Hugging Face checkpoint folder (config.json + model.safetensors), a ' +
        'torchvision state dict, or an ONNX file',
    )
    .requiredOption('--store <dir>', 'model store directory')
    .option(
      '--hf <dir>',
      'Hugging Face folder (microsoft/resnet-*, google/vit-base-patch16-224-in21k, bert-base-uncased)',
    )
    .option('--torchvision <file>', 'torchvision state dict (.safetensors) with --arch')
    .option('--arch <name>', 'architecture of a torchvision state dict')
    .option('--onnx <file>', 'an ONNX model, cut into blocks at single-tensor cut points')
    .option('--name <id>', 'model id (default: derived from the blocks)')
    .action(async (options: ImportOptions) => {
      const given = [options.hf, options.torchvision, options.onnx].filter((x) => x !== undefined).length;
      if (given !== 1)
        throw new InvalidArgumentError('Give exactly one of --hf DIR, --torchvision FILE --arch A, --onnx FILE.');
      const target = await openStore(options.store);
      if (options.hf) {
        const manifest = await importHfFolder(target, options.hf, { name: options.name });
        print(
          `imported ${manifest.id} (${manifest.architecture}, ${manifest.blocks.length} blocks) from ${options.hf}`,
        );
      } else if (options.torchvision) {
        if (!options.arch)
          throw new InvalidArgumentError("--torchvision needs --arch (e.g. resnet18; 'alsatian models list').");
        const manifest = await importTorchvisionModel(target, options.torchvision, options.arch, {
          name: options.name,
        });
        print(
          `imported ${manifest.id} (${manifest.architecture}, ${manifest.blocks.length} blocks) from ` +
            `${options.torchvision}`,
        );
      } else {
        const manifest = await importOnnxModel(target, options.onnx!, { name: options.name });
        print(
          `imported ${manifest.id} (${manifest.architecture}, ${manifest.blocks.length} blocks cut at ` +
            `single-tensor cut points) from ${options.onnx}`,
        );
      }
    });

  store
    .command('stats')
    .description('Models, block references, unique blocks, total bytes (sum over models) and unique bytes (on disk)')
    .requiredOption('--store <dir>', 'model store directory')
    .option('--json', 'print JSON')
    .action(async (options: { store: string; json?: boolean }) =>
      printStats(await openExisting(options.store), options.json === true),
    );

  store
    .command('verify')
    .description(
      'Check every block file against its id (size and sha256) and every manifest; exits non-zero naming ' +
        'each bad block, file and model',
    )
    .requiredOption('--store <dir>', 'model store directory')
    .option('--rebuild-index', 'first rebuild index.json from the model and block files')
    .action(async (options: { store: string; rebuildIndex?: boolean }) => {
      // With --rebuild-index the index is not read at all, so a damaged one can be repaired.
      const target = await openExisting(options.store, options.rebuildIndex === true);
      const report = await target.verify();
      for (const p of report.problems) process.stderr.write(`${p.kind}: ${p.message}\n`);
      const summary = `checked ${report.checkedBlocks} blocks and ${report.checkedModels} models`;
      // main() owns the exit code: a thrown AlsatianError makes it non-zero.
      if (!report.ok)
        throw new IntegrityError(
          `${summary}: ${report.problems.length} problem(s) in ${options.store} (listed above).`,
        );
      print(`${summary}: ok`);
    });

  store
    .command('list')
    .description('Models in the store')
    .requiredOption('--store <dir>', 'model store directory')
    .option('--json', 'print JSON manifests')
    .option('--arch <name>', 'only this architecture')
    .action(async (options: { store: string; json?: boolean; arch?: string }) => {
      const models = (await openExisting(options.store)).listModels({ architecture: options.arch });
      if (options.json) return print(JSON.stringify(models, null, 2));
      for (const m of models) print(`${m.id}\t${m.architecture}\t${m.blocks.length} blocks\t${m.source}`);
    });
}

async function openExisting(dir: string, rebuildIndex = false): Promise<ModelStore> {
  if (!existsSync(dir)) throw new InvalidArgumentError(`--store ${dir} does not exist.`);
  return openStore(dir, { rebuildIndex });
}

function printStats(store: ModelStore, json: boolean): void {
  const s = store.stats();
  if (json) return print(JSON.stringify(s));
  print(
    `models ${s.models} (${s.distinctModels} distinct), block references ${s.blocks}, unique blocks ` +
      `${s.uniqueBlocks}, total ${formatBytes(s.totalBytes)}, unique ${formatBytes(s.uniqueBytes)}` +
      `${s.totalBytes ? ` (${((100 * s.uniqueBytes) / s.totalBytes).toFixed(1)}%)` : ''}`,
  );
}

function parseList(flag: string, text: string): number[] {
  return text.split(',').map((t) => intOption(flag, t.trim(), 0));
}
