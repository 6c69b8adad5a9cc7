/**
 * @alsatian/core: the contracts every lib shares (tensors, blocks, manifests, engine, data, proxy), errors,
 * logging, time accounting, hashing, the seeded RNG and the search defaults. It imports nothing else from the
 * repository, and holds no model, runtime or storage logic.
 */
export * from './tensor.ts';
export * from './block.ts';
export * from './hash.ts';
export * from './rng.ts';
export * from './errors.ts';
export * from './logger.ts';
export * from './measure.ts';
export * from './engine.ts';
export * from './allocator.ts';
export * from './data.ts';
export * from './proxy.ts';
export * from './bytes.ts';
export * from './defaults.ts';
export * from './atomic.ts';
export * from './json.ts';
export * from './stale-temp.ts';
