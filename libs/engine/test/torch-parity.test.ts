/**
 * Parity with PyTorch: torchvision models with random weights (scripts/parity/torchvision_reference.py, one python
 * process for all), imported through the torchvision importer and run as one fused unit by our engine; the
 * features must match torch's within a relative error of 1e-4. Skipped only where /usr/bin/python3 cannot import
 * torch and this is not CI (CI=true): in CI a missing torch is a failure.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostTensor } from '@alsatian/core';
import { importTorchvisionStateDict, readSafetensors } from '@alsatian/store';
import { createEngine } from '../src/index.ts';
import { relativeError } from './helpers.ts';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('../../../scripts/parity/torchvision_reference.py', import.meta.url));
const ARCHITECTURES = ['resnet18', 'resnet50', 'mobilenet_v2', 'efficientnet_v2_s', 'vit_b_16'];
const TOLERANCE = 1e-4;

const probe = spawnSync(PYTHON, ['-c', 'import torch, torchvision'], { encoding: 'utf8' });
const torchMissing = probe.status !== 0;
const inCi = process.env.CI === 'true';

describe.skipIf(torchMissing && !inCi)(
  `PyTorch parity${torchMissing ? ` (skipped: ${PYTHON} cannot import torch and torchvision)` : ''}`,
  () => {
    let dir = '';
    let pixels: HostTensor;
    let features: Map<string, HostTensor>;

    beforeAll(async () => {
      if (torchMissing)
        throw new Error(
          `CI=true but ${PYTHON} cannot import torch/torchvision (.ci/run installs python3-torch ` +
            `python3-torchvision): ${probe.stderr || probe.error}`,
        );
      dir = await mkdtemp(join(tmpdir(), 'torch-parity-'));
      await execa(PYTHON, [SCRIPT, dir, ...ARCHITECTURES], { timeout: 240_000 });
      pixels = (await readSafetensors(join(dir, 'input.safetensors'))).tensors.get('pixels')!;
      features = (await readSafetensors(join(dir, 'features.safetensors'))).tensors;
    }, 300_000);

    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it.each(ARCHITECTURES)(`%s: our features equal torchvision's (relative error <= ${TOLERANCE})`, async (arch) => {
      const model = await importTorchvisionStateDict(join(dir, `${arch}.safetensors`), arch);
      expect(model.head).toBeDefined();
      const engine = await createEngine({ ep: 'cpu' });
      const unit = await engine.prepare(model.blocks, { label: arch });
      const [ours] = await unit.run([pixels]);
      await engine.dispose();
      const reference = features.get(arch)!;
      expect(ours.shape).toEqual(reference.shape);
      expect(relativeError(ours, reference)).toBeLessThanOrEqual(TOLERANCE);
    });
  },
);
