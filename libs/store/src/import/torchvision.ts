/**
 * Importer of torchvision state dicts saved as safetensors (`safetensors.torch.save_file(model.state_dict(), f)`):
 * each of our blocks takes its weights from the file by `sourcePrefix + local name`. Every expected tensor must be
 * there with its exact shape; anything else in the file must be known to be ignorable (BatchNorm's
 * num_batches_tracked counters, a classifier head of another size), otherwise the import fails naming the key.
 */
import type { Block, BlockDescriptor, HostTensor, Logger } from '@alsatian/core';
import { BadInputError, silentLogger } from '@alsatian/core';
import type { BlockSpec, BuiltModel } from '@alsatian/models';
import { architecture, blockKind, describeBlocks } from '@alsatian/models';
import { readSafetensors } from '../safetensors.ts';

const TORCHVISION_FAMILIES = new Set(['resnet', 'mobilenet', 'efficientnet', 'vit']);
const MAX_LISTED = 12;

export interface TorchvisionImportOptions {
  readonly logger?: Logger;
}

interface Expected {
  readonly key: string;
  readonly local: string;
  readonly shape: readonly number[];
}

/**
 * The blocks of `arch` with the weights of the state dict in `file`, plus the ImageNet head when the file holds
 * one of the right shape (a fine-tuned head of another size is skipped with a warning: search only needs features).
 */
export async function importTorchvisionStateDict(
  file: string,
  arch: string,
  options: TorchvisionImportOptions = {},
): Promise<BuiltModel> {
  const logger = options.logger ?? silentLogger;
  const def = architecture(arch);
  if (!TORCHVISION_FAMILIES.has(def.family))
    throw new BadInputError(
      `${file}: architecture '${arch}' (${def.family}) does not come from torchvision; torchvision families: ` +
        `${[...TORCHVISION_FAMILIES].join(', ')}.`,
    );
  const { tensors } = await readSafetensors(file);
  const { features, head } = describeBlocks(def);
  const used = new Set<string>();
  const problems: string[] = [];

  const blocks = features.map((d, i) => {
    const weights = new Map<string, HostTensor>();
    for (const e of expectedWeights(def.features[i], d)) {
      used.add(e.key);
      const t = tensors.get(e.key);
      const where =
        `block ${i} (${d.kind}, '${def.features[i].label}') needs '` + `${e.key}' of shape [${e.shape.join(', ')}]`;
      if (!t) problems.push(`${where}, but the file has no such tensor`);
      else if (t.dtype !== 'float32' || t.shape.join() !== e.shape.join())
        problems.push(`${where}, but the file's is ${t.dtype} [${t.shape.join(', ')}]`);
      else weights.set(e.local, t);
    }
    return { descriptor: d, weights } satisfies Block;
  });

  const headBlock = importHead(def.head, head, tensors, used, file, logger);
  const ignorable = (key: string) => key.endsWith('num_batches_tracked') || used.has(key);
  const unexpected = [...tensors.keys()].filter((k) => !ignorable(k));
  const ignoredCounters = [...tensors.keys()].filter((k) => k.endsWith('num_batches_tracked')).length;
  if (problems.length > 0 || unexpected.length > 0)
    throw new BadInputError(importFailure(file, arch, problems, unexpected));
  if (ignoredCounters > 0)
    logger.debug(`${file}: ignored ${ignoredCounters} num_batches_tracked counters (not used at inference).`);
  return { architecture: arch, blocks, head: headBlock };
}

function expectedWeights(spec: BlockSpec, d: BlockDescriptor): Expected[] {
  return blockKind(d.kind)
    .weights(d.inputs, d.attrs)
    .map((w) => ({ key: spec.sourcePrefix + w.name, local: w.name, shape: w.shape }));
}

/**
 * The head when all its tensors are present with ImageNet's shapes; otherwise undefined (its keys are still "used").
 */
function importHead(
  spec: BlockSpec,
  d: BlockDescriptor,
  tensors: ReadonlyMap<string, HostTensor>,
  used: Set<string>,
  file: string,
  logger: Logger,
): Block | undefined {
  const expected = expectedWeights(spec, d);
  const prefix = spec.sourcePrefix.split('.')[0] + '.';
  // Everything under the head's top-level module (fc., classifier., heads.) belongs to the head, whatever its size.
  for (const key of tensors.keys()) if (key.startsWith(prefix)) used.add(key);
  const present = expected.filter((e) => tensors.has(e.key));
  if (present.length === 0) return undefined;
  const mismatched = expected.filter((e) => tensors.get(e.key)?.shape.join() !== e.shape.join());
  if (mismatched.length > 0) {
    const e = mismatched[0];
    const got = tensors.get(e.key);
    logger.warn(
      `${file}: head not imported: '${e.key}' is ${got ? `[${got.shape.join(', ')}]` : 'missing'}, the ` +
        `ImageNet head needs [${e.shape.join(', ')}] (a fine-tuned head; features are unaffected).`,
    );
    return undefined;
  }
  return { descriptor: d, weights: new Map(expected.map((e) => [e.local, tensors.get(e.key)!])) };
}

function importFailure(file: string, arch: string, problems: string[], unexpected: string[]): string {
  const list = (items: string[]) =>
    items
      .slice(0, MAX_LISTED)
      .map((s) => `  - ${s}`)
      .join('\n') + (items.length > MAX_LISTED ? `\n  - ... and ${items.length - MAX_LISTED} more` : '');
  const parts = [`${file} is not a torchvision '${arch}' state dict:`];
  if (problems.length > 0)
    parts.push(`${problems.length} expected tensor(s) missing or mis-shaped:\n${list(problems)}`);
  if (unexpected.length > 0) parts.push(`${unexpected.length} unexpected tensor(s) in the file:\n${list(unexpected)}`);
  return parts.join('\n');
}
