/**
 * JSON from files we did not write (manifests, indexes, safetensors headers, Hugging Face configs). `JSON.parse`
 * itself copes with any nesting, but the recursive code that walks the value afterwards (canonical JSON, hashing,
 * validation) would overflow the stack on a hostile `[[[[...]]]]`; so the depth is measured on the text first.
 */
import { BadInputError } from './errors.ts';

/** Deeper than any manifest, descriptor or config we read (ONNX subgraph attributes nest about 6 levels). */
export const MAX_JSON_DEPTH = 64;

/** The deepest array/object nesting in `text` (brackets inside strings do not count). Linear, no recursion. */
export function jsonNestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) deepest = Math.max(deepest, ++depth);
    else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/**
 * Parses JSON read from `source`, naming the source and `what` it should hold in every error. Throws a
 * BadInputError for invalid JSON or nesting deeper than `maxDepth`.
 */
export function parseJson(text: string, source: string, what: string, maxDepth = MAX_JSON_DEPTH): unknown {
  const depth = jsonNestingDepth(text);
  if (depth > maxDepth)
    throw new BadInputError(
      `${source}: ${what} nests ${depth} levels deep (at most ${maxDepth} are accepted); the file is damaged ` +
        `or not ${what}.`,
    );
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new BadInputError(`${source}: not valid JSON, so not ${what} (${(error as Error).message}).`, {
      cause: error,
    });
  }
}

/** A plain JSON object (not an array or null), or a BadInputError naming `source` and `what`. */
export function jsonObject(value: unknown, source: string, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new BadInputError(
      `${source}: ${what} must be a JSON object, got ` +
        `${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}.`,
    );
  }
  return value as Record<string, unknown>;
}
