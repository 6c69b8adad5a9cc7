/**
 * Checks made before a search opens any session, so that a mistake is reported in the user's terms (the
 * dataset option, the model, the manifest file and the fix) instead of as a failure deep in a run:
 * - every candidate's manifest file still holds what the index says (search reads the index's copy);
 * - the dataset produces what every candidate's first block takes (image size, token count, kind).
 */
import type { Dataset, ModelId, TensorSpec } from '@alsatian/core';
import { IntegrityError, InvalidArgumentError } from '@alsatian/core';
import type { ModelStore } from '@alsatian/store';

export async function checkSearchInputs(store: ModelStore, ids: readonly ModelId[], dataset: Dataset): Promise<void> {
  await checkManifests(store, ids);
  await checkDatasetFits(store, ids, dataset);
}

async function checkManifests(store: ModelStore, ids: readonly ModelId[]): Promise<void> {
  const problems = await store.verifyModels(ids);
  if (problems.length === 0) return;
  const listed = problems.map((p) => `  - ${p.message}`).join('\n');
  throw new IntegrityError(
    `${problems.length} model manifest(s) in ${store.dir} do not match the store index, which search reads:\n` +
      `${listed}\n` +
      (`Restore each model (re-import or regenerate it), or run 'alsatian store verify --rebuild-index ` +
        `--store ${store.dir}' to index the files as they are, `) +
      'or leave those models out with --models.',
  );
}

const describeSpecs = (specs: readonly TensorSpec[]) =>
  specs.map((s) => `${s.dtype} ${s.name} [${s.shape.join(', ')}]`).join(', ');
const sameSpecs = (a: readonly TensorSpec[], b: readonly TensorSpec[]) =>
  a.length === b.length && a.every((s, i) => s.dtype === b[i].dtype && s.shape.join() === b[i].shape.join());

async function checkDatasetFits(store: ModelStore, ids: readonly ModelId[], dataset: Dataset): Promise<void> {
  const groups = new Map<string, { inputs: readonly TensorSpec[]; models: ModelId[] }>();
  for (const id of ids) {
    const first = store.getModel(id).blocks[0];
    if (first === undefined) continue;
    const { inputs } = (await store.blockInfo(first)).descriptor;
    const key = describeSpecs(inputs);
    const group = groups.get(key) ?? { inputs, models: [] };
    group.models.push(id);
    groups.set(key, group);
  }
  if (groups.size > 1) {
    const list = [...groups.entries()]
      .map(([key, g]) => `${key} (${g.models.length} model(s), e.g. ${g.models[0]})`)
      .join('; ');
    throw new InvalidArgumentError(
      `The models to search take different inputs: ${list}. One dataset cannot feed them all; search each ` +
        `group on its own with --models.`,
    );
  }
  const [group] = groups.values();
  if (!group || sameSpecs(group.inputs, dataset.inputs)) return;
  const who =
    group.models.length === 1
      ? `Model '${group.models[0]}' takes`
      : `The ${group.models.length} models to search (e.g. '${group.models[0]}') take`;
  throw new InvalidArgumentError(
    `${who} ${describeSpecs(group.inputs)}, but the dataset '${dataset.id}' gives ` +
      `${describeSpecs(dataset.inputs)}. ${fix(group.inputs, dataset)}`,
  );
}

/** What to change: the synthetic spec's size or length key, or the kind of dataset. */
function fix(model: readonly TensorSpec[], dataset: Dataset): string {
  const [want] = model;
  const [have] = dataset.inputs;
  const synthetic = /^synthetic(-text)?:/.test(dataset.id);
  if (want.dtype === 'float32' && want.shape.length === 3 && have?.dtype === 'float32') {
    const side = want.shape[2];
    const how = synthetic
      ? `use size=${side} in --dataset`
      : `use a folder of images (they are resized and cropped to ${side}x${side})`;
    return `The store's models take ${side}x${side} images: ${how}.`;
  }
  if (want.dtype === 'int64' && want.shape.length === 1 && have?.dtype === 'int64') {
    const how = synthetic
      ? `use length=${want.shape[0]} in --dataset`
      : "use a text folder (it is tokenised to the models' length)";
    return `The store's models take ${want.shape[0]} tokens per item: ${how}.`;
  }
  const kind = want.dtype === 'int64' ? 'text (token ids)' : 'images';
  return `The store's models take ${kind}: give a dataset of ${kind}.`;
}
