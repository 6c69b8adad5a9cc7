import { basename } from 'node:path';
import type { Logger, ModelManifest } from '@alsatian/core';
import { describeArchitecture } from '@alsatian/models';
import type { ModelStore } from '../store.ts';
import { importTorchvisionStateDict } from './torchvision.ts';

/** Imports a torchvision state dict (safetensors) into the store as one model of `arch`. */
export async function importTorchvisionModel(
  store: ModelStore,
  file: string,
  arch: string,
  options: { name?: string; logger?: Logger } = {},
): Promise<ModelManifest> {
  const built = await importTorchvisionStateDict(file, arch, { logger: options.logger });
  const info = describeArchitecture(arch);
  return store.putModel(
    {
      id: options.name,
      architecture: arch,
      featureDim: info.featureDim,
      params: info.featureParams,
      source: 'torchvision',
      metadata: { importedFrom: basename(file) },
    },
    built.blocks,
  );
}
