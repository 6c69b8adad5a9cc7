import { float32Tensor, Rng } from '@alsatian/core';
import type { ExecutionProvider } from '@alsatian/core';
import { createEngine } from '@alsatian/engine';
import { buildModel } from '@alsatian/models';

/**
 * The reference the proxy is compared with, measured in the same run: ResNet-50's feature extractor as one ONNX
 * Runtime session on 224 px batches of 32. One warm-up batch (session start), then `items` timed items.
 */
export async function measureExtraction(options: {
  items: number;
  ep: ExecutionProvider;
  batch?: number;
}): Promise<{ imagesPerSecond: number; items: number; seconds: number }> {
  const batch = options.batch ?? 32;
  const { blocks } = buildModel('resnet50', { seed: 1 });
  const engine = await createEngine({ ep: options.ep });
  try {
    const unit = await engine.prepare(blocks, { label: 'resnet50-features' });
    const input = [
      float32Tensor(
        [batch, 3, 224, 224],
        Rng.derive(1, 'bench-images').fillUniform(new Float32Array(batch * 3 * 224 * 224), -2, 2),
      ),
    ];
    await unit.run(input);
    const batches = Math.max(1, Math.ceil(options.items / batch));
    const t0 = performance.now();
    for (let b = 0; b < batches; b++) await unit.run(input);
    const seconds = (performance.now() - t0) / 1000;
    await unit.dispose();
    return { imagesPerSecond: (batches * batch) / seconds, items: batches * batch, seconds };
  } finally {
    await engine.dispose();
  }
}
