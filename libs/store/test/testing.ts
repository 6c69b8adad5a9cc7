import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Block } from '@alsatian/core';
import { architecture, buildModel, describeArchitecture, describeBlocks, initBlockAt } from '@alsatian/models';
import { openStore, type ModelStore } from '../src/index.ts';

/**
 * A store of `ks.length + 1` snapshots of `arch`: the base, then for each k a copy of the base (or of the previous
 * snapshot when `chained`) whose last k retrainable blocks are re-initialised with a new seed.
 */
export async function snapshotStore(
  arch: string,
  ks: readonly number[],
  options: { chained?: boolean } = {},
): Promise<{ store: ModelStore; ids: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'alsatian-strategies-'));
  const store = await openStore(dir);
  const def = architecture(arch);
  const { features } = describeBlocks(def);
  const base = buildModel(arch, { seed: 1 });
  const models: (readonly Block[])[] = [base.blocks];
  ks.forEach((k, i) => {
    const from = options.chained ? models[models.length - 1] : base.blocks;
    const firstNew = def.splitIndexes[k];
    models.push(from.map((b, j) => (j >= firstNew ? initBlockAt(arch, features[j], 100 + i, j) : b)));
  });
  const ids: string[] = [];
  for (const [i, blocks] of models.entries()) {
    const manifest = await store.putModel(
      {
        id: `${arch}-${i}`,
        architecture: arch,
        source: 'synthetic',
        featureDim: def.featureDim,
        params: describeArchitecture(arch).featureParams,
        metadata: { k: i === 0 ? 0 : ks[i - 1] },
      },
      blocks,
    );
    ids.push(manifest.id);
  }
  return { store, ids };
}
