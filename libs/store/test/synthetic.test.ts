import { describe, expect, it } from 'vitest';
import type { ModelStore } from '../src/index.ts';
import {
  drawRetrainIndices,
  generateHfFamily,
  generateSnapshotSet,
  HF_FAMILIES,
  openStore,
  paperRetrainList,
  scaleGroups,
} from '../src/index.ts';
import { architecture, buildModel, describeArchitecture } from '@alsatian/models';
import { tempDir } from './helpers.ts';

const ARCH = 'tiny_resnet';

/** Blocks of the architecture that hold parameters (BatchNorm buffers alone would count too, none exist alone). */
function parameterised(arch: string): boolean[] {
  return describeArchitecture(arch).blocks.map((b) => b.params > 0);
}

function uniqueParameterised(store: ModelStore, arch: string): number {
  const has = parameterised(arch);
  const ids = new Set<string>();
  for (const m of store.listModels({ architecture: arch })) m.blocks.forEach((b, j) => has[j] && ids.add(b));
  return ids.size;
}

describe('synthetic snapshot sets', () => {
  it('the same seed gives identical block ids and manifests; another seed does not', async () => {
    const spec = { architecture: ARCH, count: 6, distribution: 'top-50' as const, seed: 7 };
    const a = await generateSnapshotSet(await openStore(await tempDir()), spec);
    const b = await generateSnapshotSet(await openStore(await tempDir()), spec);
    expect(b.models).toEqual(a.models);
    expect(b.retrainIndices).toEqual(a.retrainIndices);
    const c = await generateSnapshotSet(await openStore(await tempDir()), { ...spec, seed: 8 });
    expect(c.models[0].blocks).not.toEqual(a.models[0].blocks);
  });

  it('model 0 is the seeded base (buildModel), and model i keeps its parent before splitIndexes[k] only', async () => {
    const store = await openStore(await tempDir());
    const set = await generateSnapshotSet(store, {
      architecture: ARCH,
      count: 4,
      retrainIndices: [3, 1, 2],
      structure: 'from-base',
      seed: 3,
    });
    const base = buildModel(ARCH, { seed: 3 });
    for (let j = 0; j < base.blocks.length; j++) {
      const stored = await store.getBlock(set.models[0].blocks[j]);
      const bytesOf = (d: ArrayBufferView) => Buffer.from(d.buffer, d.byteOffset, d.byteLength);
      for (const [name, t] of base.blocks[j].weights)
        expect(bytesOf(stored.weights.get(name)!.data).equals(bytesOf(t.data))).toBe(true);
    }
    const split = architecture(ARCH).splitIndexes;
    const has = parameterised(ARCH);
    set.models.slice(1).forEach((m, i) => {
      const first = split[set.retrainIndices[i]];
      expect(m.blocks.slice(0, first)).toEqual(set.models[0].blocks.slice(0, first));
      m.blocks.forEach((b, j) => {
        if (j >= first && has[j]) expect(b).not.toBe(set.models[0].blocks[j]);
      });
      expect(m.metadata).toMatchObject({
        parent: set.models[0].id,
        retrainIndex: set.retrainIndices[i],
        firstRetrainedBlock: first,
      });
    });
  });

  it('dedup counts equal what the retrain indices imply: unique parameterised blocks = base + sum(k)', async () => {
    for (const structure of ['chained', 'from-base'] as const) {
      const store = await openStore(await tempDir());
      const set = await generateSnapshotSet(store, {
        architecture: ARCH,
        count: 9,
        distribution: 'top-50',
        structure,
        seed: 11,
      });
      const baseCount = parameterised(ARCH).filter(Boolean).length;
      const sumK = set.retrainIndices.reduce((s, k) => s + k, 0);
      expect(sumK).toBeGreaterThan(0);
      expect(uniqueParameterised(store, ARCH)).toBe(baseCount + sumK);
      const stats = store.stats();
      expect(stats.models).toBe(9);
      expect(stats.uniqueBytes).toBeLessThan(stats.totalBytes);
    }
  });

  it('chained sets pick random existing parents; k = 0 keeps a duplicate model with a distinct id', async () => {
    const store = await openStore(await tempDir());
    const set = await generateSnapshotSet(store, {
      architecture: ARCH,
      count: 12,
      retrainIndices: [1, 0, 2, 1, 3, 1, 0, 2, 1, 1, 2],
      seed: 5,
    });
    const parents = set.models.slice(1).map((m) => m.metadata.parent);
    expect(new Set(parents).size).toBeGreaterThan(1);
    expect(parents.some((p) => p !== set.models[0].id)).toBe(true);
    const dup = set.models[2];
    expect(dup.metadata.duplicateOf).toBe(dup.metadata.parent);
    expect(dup.blocks).toEqual(store.getModel(dup.metadata.parent as string).blocks);
    expect(dup.id).not.toBe(dup.metadata.parent);
    expect(store.listModels()).toHaveLength(12);
  });

  it("draws k from the truncated normal with the distribution's mean, skipping k = 0 (identical copies)", () => {
    const ks = drawRetrainIndices('top-25', 51, 4000, 1);
    const mean = ks.reduce((s, k) => s + k, 0) / ks.length;
    expect(Math.abs(mean - 0.25 * 51)).toBeLessThan(1);
    expect(Math.min(...ks)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...ks)).toBeLessThanOrEqual(50);
    // Top-Layers on 9 blocks draws 0 often (mean 0.9): still only k >= 1.
    expect(Math.min(...drawRetrainIndices('top-layers', 9, 500, 1))).toBe(1);
  });

  it("regenerates the reference's sets of distinct models by name and rejects bad inputs", async () => {
    // The reference's resnet18 Top-Layers 35-model set: its first 34 non-zero draws (29 x k=1, 5 x k=2).
    const tl = paperRetrainList('resnet18', 'top-layers', 35)!;
    expect(tl).toEqual([
      1, 2, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 1, 1, 1, 1, 1, 2,
    ]);
    expect(paperRetrainList('resnet152', 'top-25', 5)).toEqual([11, 23, 17, 14]);
    expect(paperRetrainList('bert_base', 'top-50', 35)).toHaveLength(34);
    const store = await openStore(await tempDir());
    await expect(
      generateSnapshotSet(store, { architecture: ARCH, count: 3, retrainIndices: [9, 1], seed: 1 }),
    ).rejects.toThrow(/out of range for tiny_resnet/);
    await expect(
      generateSnapshotSet(store, { architecture: ARCH, count: 3, retrainIndices: [1], seed: 1 }),
    ).rejects.toThrow(/need 2/);
    await expect(
      generateSnapshotSet(store, { architecture: ARCH, count: 3, distribution: 'top-25', paperIndices: true, seed: 1 }),
    ).rejects.toThrow(/no set of 3 distinct tiny_resnet/);
  });

  it("the paper's resnet18 Top-Layers set: 35 distinct models and the reference's 121 prefix-tree nodes", async () => {
    const store = await openStore(await tempDir());
    const set = await generateSnapshotSet(store, {
      architecture: 'resnet18',
      count: 35,
      distribution: 'top-layers',
      paperIndices: true,
      seed: 42,
    });
    expect(store.stats()).toMatchObject({ models: 35, distinctModels: 35 });
    const prefixes = new Set(set.models.flatMap((m) => m.blocks.map((_, j) => m.blocks.slice(0, j + 1).join())));
    expect(prefixes.size).toBe(121);
  });

  it('reports progress per model', async () => {
    const events: number[] = [];
    await generateSnapshotSet(
      await openStore(await tempDir()),
      { architecture: ARCH, count: 3, distribution: 'top-layers', seed: 1 },
      (e) => e.detail?.includes('-s1-') && events.push(e.done),
    );
    expect(events).toEqual([1, 2, 3]);
  });
});

describe('Hugging-Face-like families', () => {
  it('scales group sizes proportionally and keeps the total', () => {
    const detr = HF_FAMILIES.find((f) => f.name === 'detr-resnet-50')!;
    expect(scaleGroups(detr, 420)).toEqual([353, 13, 54]);
    expect(scaleGroups(detr, 42).reduce((s, n) => s + n, 0)).toBe(42);
    expect(scaleGroups(detr, 42)[0]).toBe(35);
  });

  it('children share exactly the prefix their group implies with the base', async () => {
    const store = await openStore(await tempDir());
    const models = await generateHfFamily(store, { family: 'resnet-18', architecture: ARCH, seed: 2, count: 12 });
    expect(models).toHaveLength(12);
    const base = models[0].blocks;
    const split = architecture(ARCH).splitIndexes;
    for (const m of models.slice(1)) {
      const shared = m.blocks.findIndex((b, j) => b !== base[j]);
      if (m.metadata.group === 'last layer only') expect(shared).toBe(split[1] + 0);
      else expect(shared).toBe(0);
    }
    expect(models.filter((m) => m.metadata.group === 'last layer only')).toHaveLength(1);
  });

  it('first-stage-frozen children share the stem and stage 1 (blocks before layer2.0)', async () => {
    const store = await openStore(await tempDir());
    const models = await generateHfFamily(store, { family: 'detr-resnet-50', architecture: ARCH, seed: 4, count: 8 });
    const secondStage = architecture(ARCH).features.findIndex((f) => f.sourcePrefix.startsWith('layer2.'));
    const frozen = models.filter((m) => m.metadata.group === 'first stage frozen');
    expect(frozen.length).toBe(scaleGroups(HF_FAMILIES[0], 7)[0]);
    for (const m of frozen) {
      expect(m.blocks.slice(0, secondStage)).toEqual(models[0].blocks.slice(0, secondStage));
      expect(m.blocks[secondStage]).not.toBe(models[0].blocks[secondStage]);
    }
  });
});

describe('synthetic snapshot sets at another image size', () => {
  it('imageSize builds every block for that input side, names the set after it, records it in metadata', async () => {
    const store = await openStore(await tempDir());
    const spec = {
      architecture: 'tiny_vit',
      count: 3,
      retrainIndices: [1, 2],
      structure: 'from-base' as const,
      seed: 5,
    };
    const at48 = await generateSnapshotSet(store, { ...spec, imageSize: 48 });
    const plain = await generateSnapshotSet(store, spec);
    expect(at48.name).toBe('tiny_vit-custom-from-base-s5-48px');
    expect(plain.name).toBe('tiny_vit-custom-from-base-s5');
    const first = await store.getBlock(at48.models[0].blocks[0]);
    expect(first.descriptor.inputs[0].shape).toEqual([3, 48, 48]);
    const firstPlain = await store.getBlock(plain.models[0].blocks[0]);
    expect(firstPlain.descriptor.inputs[0].shape).toEqual([3, 32, 32]);
    // Different inputs, different blocks: no block id is shared between the two sizes.
    const ids48 = new Set(at48.models.flatMap((m) => m.blocks));
    expect(plain.models.flatMap((m) => m.blocks).some((b) => ids48.has(b))).toBe(false);
    for (const m of at48.models) expect(m.metadata.imageSize).toBe(48);
    expect(plain.models[0].metadata.imageSize).toBe(null);
    // A ViT's position embedding grows with the token count, so its parameter count does too.
    expect(at48.models[0].params).toBeGreaterThan(plain.models[0].params);
    expect(plain.models[0].params).toBe(describeArchitecture('tiny_vit').featureParams);
  });

  it('an image size for a text architecture is rejected with the architecture named', async () => {
    const store = await openStore(await tempDir());
    await expect(
      generateSnapshotSet(store, { architecture: 'tiny_bert', count: 2, retrainIndices: [1], seed: 1, imageSize: 48 }),
    ).rejects.toThrow(/tiny_bert/);
  });
});
