/**
 * The torchvision importer on state dicts written here from our own seeded models (keys = sourcePrefix + local
 * name, plus BatchNorm counters), so it runs without PyTorch; parity with real torchvision models is checked in
 * libs/engine/test/torch-parity.test.ts.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostTensor, Logger } from '@alsatian/core';
import { BadInputError, float32Tensor, int64Tensor, InvalidArgumentError } from '@alsatian/core';
import { architecture, buildModel } from '@alsatian/models';
import { importTorchvisionStateDict } from '../src/import/torchvision.ts';
import { writeSafetensors } from '../src/safetensors.ts';
import { tempDir } from './helpers.ts';

const ARCH = 'tiny_resnet';
let dir: string;

/** The state dict torchvision would save for `ARCH` built from seed 11 (with the head). */
function stateDict(): Map<string, HostTensor> {
  const def = architecture(ARCH);
  const model = buildModel(ARCH, { seed: 11, withHead: true });
  const dict = new Map<string, HostTensor>();
  model.blocks.forEach((b, i) => {
    for (const [local, t] of b.weights) dict.set(def.features[i].sourcePrefix + local, t);
    if (b.weights.has('running_var'))
      dict.set(`${def.features[i].sourcePrefix}num_batches_tracked`, int64Tensor([], new BigInt64Array([0n])));
  });
  for (const [local, t] of model.head!.weights) dict.set(def.head.sourcePrefix + local, t);
  return dict;
}

async function write(name: string, dict: Map<string, HostTensor>): Promise<string> {
  const file = join(dir, `${name}.safetensors`);
  await writeSafetensors(file, dict);
  return file;
}

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug() {}, info() {}, warn: (m) => warnings.push(m) };
}

beforeAll(async () => {
  dir = await tempDir('torchvision-import-');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('importTorchvisionStateDict', () => {
  it('maps every block weight by sourcePrefix + local name and imports the head', async () => {
    const expected = buildModel(ARCH, { seed: 11, withHead: true });
    const model = await importTorchvisionStateDict(await write('full', stateDict()), ARCH);
    expect(model.blocks).toHaveLength(expected.blocks.length);
    model.blocks.forEach((b, i) => {
      expect(b.descriptor).toEqual(expected.blocks[i].descriptor);
      expect([...b.weights.keys()]).toEqual([...expected.blocks[i].weights.keys()]);
      for (const [name, t] of b.weights)
        expect(Array.from(t.data as Float32Array)).toEqual(
          Array.from(expected.blocks[i].weights.get(name)!.data as Float32Array),
        );
    });
    expect(Array.from(model.head!.weights.get('weight')!.data as Float32Array)).toEqual(
      Array.from(expected.head!.weights.get('weight')!.data as Float32Array),
    );
  });

  it('imports the features alone when the file has no head, and warns about a head of another size', async () => {
    const headless = stateDict();
    const headPrefix = architecture(ARCH).head.sourcePrefix;
    for (const k of [...headless.keys()]) if (k.startsWith(headPrefix)) headless.delete(k);
    expect((await importTorchvisionStateDict(await write('headless', headless), ARCH)).head).toBeUndefined();

    const finetuned = stateDict();
    const [classes, fanIn] = finetuned.get(`${headPrefix}weight`)!.shape;
    finetuned.set(`${headPrefix}weight`, float32Tensor([classes + 3, fanIn]));
    finetuned.set(`${headPrefix}bias`, float32Tensor([classes + 3]));
    const logger = recordingLogger();
    const model = await importTorchvisionStateDict(await write('finetuned', finetuned), ARCH, { logger });
    expect(model.head).toBeUndefined();
    expect(model.blocks).toHaveLength(architecture(ARCH).features.length);
    expect(logger.warnings.join()).toMatch(new RegExp(`head not imported: .*\\[${classes + 3}, ${fanIn}\\]`));
  });

  describe('bad input', () => {
    it('names the file, the key, the block index and the expected shape of a missing tensor', async () => {
      const dict = stateDict();
      const def = architecture(ARCH);
      const index = def.features.findIndex((f) => f.sourcePrefix !== '' && f.kind !== 'conv2d');
      const key = [...dict.keys()].find((k) => k.startsWith(def.features[index].sourcePrefix) && k.endsWith('weight'))!;
      const shape = dict.get(key)!.shape;
      dict.delete(key);
      const file = await write('missing', dict);
      const error = await importTorchvisionStateDict(file, ARCH).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadInputError);
      expect((error as Error).message).toContain(file);
      expect((error as Error).message).toContain(`block ${index} (`);
      expect((error as Error).message).toContain(
        `needs '${key}' of shape [${shape.join(', ')}], but the file has no such tensor`,
      );
    });

    it('rejects a mis-shaped tensor, and lists unexpected keys', async () => {
      const dict = stateDict();
      const key = `${architecture(ARCH).features[0].sourcePrefix}weight`;
      const t = dict.get(key)!;
      dict.set(key, float32Tensor([t.shape[0] + 1, ...t.shape.slice(1)]));
      dict.set('layer9.0.conv1.weight', float32Tensor([1]));
      const error = await importTorchvisionStateDict(await write('misshaped', dict), ARCH).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BadInputError);
      expect((error as Error).message).toMatch(
        new RegExp(
          `block 0 .*needs '${key}' of shape \\[${t.shape.join(', ')}\\], but the file's is float32 \\[` +
            `${t.shape[0] + 1},`,
        ),
      );
      expect((error as Error).message).toMatch(/1 unexpected tensor\(s\) in the file:\n {2}- layer9\.0\.conv1\.weight/);
    });

    it('rejects an unknown architecture and one that torchvision does not provide', async () => {
      const file = await write('any', stateDict());
      await expect(importTorchvisionStateDict(file, 'resnet9000')).rejects.toThrow(InvalidArgumentError);
      await expect(importTorchvisionStateDict(file, 'tiny_bert')).rejects.toThrow(/does not come from torchvision/);
    });
  });
});
