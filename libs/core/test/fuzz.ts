/**
 * The shared harness of the fuzz suites (parsers of files we did not write). Every suite runs with one fixed seed
 * and a bounded number of cases, so `npm test` is repeatable; `FUZZ_RUNS=N npx vitest run <suite>` raises the
 * count for a long run, and `FUZZ_SEED=S` replays another seed. Each suite reports the cases it tried.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import { AlsatianError, BadInputError } from '../src/index.ts';

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20250716);

/** `defaultRuns` cases, or FUZZ_RUNS when set. */
export function fuzzRuns(defaultRuns: number): number {
  const runs = Number(process.env.FUZZ_RUNS ?? defaultRuns);
  if (!Number.isInteger(runs) || runs < 1)
    throw new Error(`FUZZ_RUNS must be a positive integer, got '${process.env.FUZZ_RUNS}'.`);
  return runs;
}

/** A case gets this long before it counts as a hang (generous: the machine is shared; a real hang never ends). */
const CASE_TIMEOUT_MS = 20_000;

/**
 * Runs `property` for `runs` cases with the fixed seed, fails with fast-check's shrunk counterexample, reports the
 * count.
 */
export async function fuzz<T>(name: string, runs: number, property: fc.IAsyncPropertyWithHooks<T>): Promise<number> {
  const details = await fc.check(property, {
    seed: FUZZ_SEED,
    numRuns: runs,
    timeout: CASE_TIMEOUT_MS,
    endOnFailure: false,
  });
  if (details.failed)
    throw new Error(`fuzz ${name}: ${fc.defaultReportMessage(details)}\nError: ${String(details.errorInstance)}`, {
      cause: details.errorInstance,
    });
  console.log(`fuzz ${name}: ${details.numRuns} cases passed (seed ${FUZZ_SEED})`);
  expect(details.numRuns).toBe(runs);
  return details.numRuns;
}

/**
 * The contract of a parser of outside files: it returns, or throws a BadInputError whose message names `source`;
 * anything else (a TypeError, a RangeError from a huge allocation, a stack overflow) fails the case.
 * Returns the value, or undefined when the input was rejected.
 */
export async function parsesOrRejects<R>(
  source: string,
  parse: () => R | Promise<R>,
  rejectedAs: abstract new (...args: never[]) => AlsatianError = BadInputError,
): Promise<R | undefined> {
  try {
    return await parse();
  } catch (error) {
    if (!(error instanceof rejectedAs))
      throw new Error(
        `expected a ${rejectedAs.name} or a result, got ${(error as Error)?.name}: ${(error as Error)?.message}`,
        { cause: error },
      );
    if (!error.message.includes(source))
      throw new Error(`the ${error.name} does not name ${source}: ${error.message}`, { cause: error });
    return undefined;
  }
}

/** Byte-level damage to a valid file: truncation, flipped bytes, an inserted or deleted run, or random bytes. */
export function damaged(valid: Uint8Array): fc.Arbitrary<Uint8Array> {
  const n = valid.length;
  return fc.oneof(
    fc.nat(Math.max(0, n - 1)).map((cut) => valid.slice(0, cut)),
    fc
      .array(fc.tuple(fc.nat(Math.max(0, n - 1)), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 8 })
      .map((flips) => {
        const out = valid.slice();
        for (const [at, mask] of flips) out[at] ^= mask;
        return out;
      }),
    fc
      .tuple(fc.nat(n), fc.uint8Array({ minLength: 1, maxLength: 64 }))
      .map(([at, bytes]) => concat(valid.subarray(0, at), bytes, valid.subarray(at))),
    fc
      .tuple(fc.nat(n), fc.nat(64))
      .map(([at, length]) => concat(valid.subarray(0, at), valid.subarray(Math.min(n, at + length)))),
    fc.uint8Array({ maxLength: 512 }),
  );
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** `[[[...]]]` or `{"a":{"a":...}}` nested `depth` levels: a stack-overflow probe for code that walks JSON. */
export function deepJson(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** JSON-ish values that hit validators' edges: wrong types, negative, fractional and huge numbers, odd keys. */
export const edgyNumber = fc.oneof(
  fc.nat(16),
  fc.integer({ min: -8, max: -1 }),
  fc.constantFrom(2 ** 31, 2 ** 40, 2 ** 53, 2 ** 64, 1e308, 0.5, -0),
  fc.double(),
);
export const edgyKey = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('__proto__', 'constructor', 'toString', '', '..', '../x', '/etc/passwd', 'a\u0000b', '\ud800'),
);

/** Every path (keys and indexes) into a JSON value, the root included. */
function jsonPaths(
  value: unknown,
  prefix: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => jsonPaths(v, [...prefix, i], out));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) jsonPaths(v, [...prefix, k], out);
  return out;
}

function replaceAt(value: unknown, path: readonly (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[path[0]] = replaceAt(copy[path[0]], path.slice(1), replacement);
  return copy;
}

/** Replacement values for one field: wrong types, edgy numbers, hostile strings, deep nesting, removal. */
const replacement = fc.oneof(
  edgyNumber,
  edgyKey,
  fc.constant(null),
  fc.constant(undefined),
  fc.boolean(),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(JSON.parse(deepJson(200, 'array')), JSON.parse(deepJson(200, 'object'))),
);

/** The text of `valid` with one to three fields replaced (or removed), or the valid text damaged byte-wise. */
export function mutatedJson(valid: unknown): fc.Arbitrary<string> {
  const paths = jsonPaths(valid);
  const structural = fc
    .array(fc.tuple(fc.nat(paths.length - 1), replacement), { minLength: 1, maxLength: 3 })
    .map(
      (edits) =>
        JSON.stringify(edits.reduce((v, [at, r]) => replaceAt(v, paths[at], r), valid as unknown)) ?? 'undefined',
    );
  const bytes = damaged(new TextEncoder().encode(JSON.stringify(valid))).map((b) => new TextDecoder().decode(b));
  return fc.oneof({ weight: 3, arbitrary: structural }, { weight: 1, arbitrary: bytes });
}
