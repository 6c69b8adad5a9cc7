/** Fuzzes the safetensors parser: forged headers (sizes, offsets, dtypes, shapes, names, nesting) and damaged bytes. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BadInputError, float32Tensor, int64Tensor } from '@alsatian/core';
import { damaged, deepJson, edgyKey, edgyNumber, fuzz, fuzzRuns, parsesOrRejects } from '@alsatian/core/testing';
import { MAX_HEADER_BYTES, parseSafetensors, serializeSafetensors } from '../src/index.ts';

const RUNS = fuzzRuns(300);
const SOURCE = 'fuzzed.safetensors';

/** A file: the 8-byte header length (which may lie), the header bytes, then the data section. */
function file(header: Uint8Array, data: Uint8Array, claimedLength: bigint = BigInt(header.length)): Uint8Array {
  const out = new Uint8Array(8 + header.length + data.length);
  new DataView(out.buffer).setBigUint64(0, claimedLength, true);
  out.set(header, 8);
  out.set(data, 8 + header.length);
  return out;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

const validBytes = Buffer.concat(
  serializeSafetensors(
    new Map([
      ['conv.weight', float32Tensor([2, 3], new Float32Array([1, 2, 3, 4, 5, 6]))],
      ['bn.num_batches_tracked', int64Tensor([], new BigInt64Array([3n]))],
    ]),
    { format: 'pt' },
  ),
);

/** Header entries near the valid ones: dtypes, shapes and offsets drawn from the edges of what is allowed. */
const entry = fc.record(
  {
    dtype: fc.oneof(
      fc.constantFrom('F32', 'F16', 'BF16', 'F64', 'I64', 'U8', 'constructor', '__proto__'),
      fc.string({ maxLength: 4 }),
      edgyNumber,
    ),
    shape: fc.oneof(
      fc.array(fc.oneof(fc.nat(6), edgyNumber), { maxLength: 4 }),
      edgyNumber,
      fc.string({ maxLength: 3 }),
    ),
    data_offsets: fc.oneof(
      fc.tuple(fc.nat(96), fc.nat(96)),
      fc.tuple(edgyNumber, edgyNumber),
      fc.array(fc.nat(96), { maxLength: 3 }),
      fc.constant(null),
    ),
  },
  { requiredKeys: [] },
);
const header = fc.dictionary(
  edgyKey,
  fc.oneof(
    { weight: 8, arbitrary: entry },
    fc.jsonValue({ maxDepth: 2 }),
    fc.dictionary(fc.string({ maxLength: 4 }), fc.oneof(fc.string(), fc.nat())),
  ),
  { maxKeys: 5 },
);

/** Whole forged files: header JSON (or raw bytes, possibly not UTF-8), data, and a header length that may lie. */
const forged = fc
  .tuple(
    fc.oneof(
      { weight: 6, arbitrary: header.map((h) => utf8(JSON.stringify(h))) },
      fc.uint8Array({ maxLength: 64 }),
      fc.nat({ max: 3000 }).map((d) => utf8(`{"w":${deepJson(d, 'array')}}`)),
    ),
    fc.uint8Array({ maxLength: 96 }),
    fc.option(
      fc.oneof(
        fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
        fc.constantFrom(BigInt(MAX_HEADER_BYTES) + 1n, 2n ** 63n, 2n ** 64n - 1n),
      ),
    ),
  )
  .map(([h, data, claimed]) => file(h, data, claimed ?? undefined));

async function check(bytes: Uint8Array): Promise<void> {
  const parsed = await parsesOrRejects(SOURCE, () => parseSafetensors(bytes, SOURCE));
  if (!parsed) return;
  // What was accepted fits in the file: no tensor claims more bytes than the data section holds.
  const total = [...parsed.tensors.values()].reduce((s, t) => s + t.data.byteLength, 0);
  expect(total).toBeLessThanOrEqual(bytes.length);
}

describe('fuzz: safetensors parser', () => {
  it(`forged headers: lying lengths, bad offsets, overlaps, dtype/shape, nesting, UTF-8 (${RUNS} cases)`, async () => {
    await fuzz('safetensors forged headers', RUNS, fc.asyncProperty(forged, check));
  });

  it(`damaged valid files: truncated, flipped, spliced (${RUNS} cases)`, async () => {
    await fuzz('safetensors damaged files', RUNS, fc.asyncProperty(damaged(validBytes), check));
  });

  it('rejects named edge cases with a BadInputError before allocating', () => {
    const reject = (bytes: Uint8Array, pattern: RegExp) => {
      expect(() => parseSafetensors(bytes, SOURCE)).toThrow(BadInputError);
      expect(() => parseSafetensors(bytes, SOURCE)).toThrow(pattern);
    };
    reject(file(utf8('{}'), new Uint8Array(0), 100_000_000n), /header length 100000000 exceeds the file size/);
    reject(
      file(
        utf8(
          '{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],' +
            '"data_offsets":[4,12]}}',
        ),
        new Uint8Array(12),
      ),
      /'a' and 'b' overlap/,
    );
    reject(
      file(utf8('{"a":{"dtype":"F32","shape":[-2],"data_offsets":[0,8]}}'), new Uint8Array(8)),
      /shape must be a list of non-negative integers/,
    );
    reject(
      file(utf8('{"a":{"dtype":"F32","shape":[2],"data_offsets":[8,0]}}'), new Uint8Array(8)),
      /0 <= begin <= end/,
    );
    reject(file(utf8('{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}'), new Uint8Array(8)), /expected 12/);
    reject(
      file(utf8('{"a":{"dtype":"F32","shape":[1099511627776],"data_offsets":[0,4398046511104]}}'), new Uint8Array(8)),
      /within the file's 8 data bytes/,
    );
    reject(
      file(utf8('{"a":{"dtype":"constructor","shape":[],"data_offsets":[0,0]}}'), new Uint8Array(0)),
      /dtype "constructor"/,
    );
    reject(
      file(Uint8Array.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), new Uint8Array(0)),
      /not valid UTF-8/,
    );
    reject(file(utf8(`{"a":${deepJson(100_000, 'array')}}`), new Uint8Array(0)), /nests 100001 levels deep/);
    // The format's 100 MB cap holds even when the file is large enough to hold such a header.
    const huge = new Uint8Array(MAX_HEADER_BYTES + 16);
    new DataView(huge.buffer).setBigUint64(0, BigInt(MAX_HEADER_BYTES + 1), true);
    reject(huge, /exceeds the 100000000-byte limit/);
  });
});
