import { describe, expect, it } from 'vitest';
import { BadInputError, jsonNestingDepth, MAX_JSON_DEPTH, parseJson } from '../src/index.ts';
import { deepJson } from './fuzz.ts';

describe('parseJson', () => {
  it('measures nesting without counting brackets inside strings or after escaped quotes', () => {
    expect(jsonNestingDepth('1')).toBe(0);
    expect(jsonNestingDepth('{"a":[1,{"b":[]}]}')).toBe(4);
    expect(jsonNestingDepth('{"[[[[": "]]]\\"[[["}')).toBe(1);
    expect(jsonNestingDepth('["\\\\", [["x"]]]')).toBe(3);
  });

  it('refuses JSON nested deeper than the limit before parsing, and names the source and what it should be', () => {
    expect(parseJson(deepJson(MAX_JSON_DEPTH, 'object'), 'f.json', 'a manifest')).toBeTypeOf('object');
    expect(() => parseJson(deepJson(MAX_JSON_DEPTH + 1, 'array'), 'f.json', 'a manifest')).toThrow(BadInputError);
    expect(() => parseJson(deepJson(1_000_000, 'array'), 'f.json', 'a manifest')).toThrow(
      /f\.json: a manifest nests 1000000 levels deep/,
    );
    expect(() => parseJson('{"a":', 'f.json', 'a manifest')).toThrow(/f\.json: not valid JSON, so not a manifest/);
  });
});
