/**
 * @alsatian/core/testing: helpers for the tests of every lib, never imported by production code: fuzzing (`fuzz`,
 * `parsesOrRejects`, damaged inputs) and the relative error of two tensors. The simulated full disk is a separate
 * entry, `@alsatian/core/testing/disk-full`, because a `vi.mock` factory of node:fs/promises imports it and must not
 * load modules that import node:fs/promises themselves.
 */
export * from './fuzz.ts';
export { maxRelativeError } from './tensor-error.ts';
