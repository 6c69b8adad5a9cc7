import { InvalidArgumentError } from '@alsatian/core';

/** Parses a positive (or >= min) integer option; the error names the flag. */
export function intOption(flag: string, text: string, min = 1): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min)
    throw new InvalidArgumentError(`${flag} must be an integer >= ${min}, got '${text}'.`);
  return value;
}

export function optionalInt(flag: string, text: string | undefined, min = 1): number | undefined {
  return text === undefined ? undefined : intOption(flag, text, min);
}

/** Parses one of `choices`; the error lists them. */
export function choiceOption<T extends string>(flag: string, text: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(text))
    throw new InvalidArgumentError(`${flag} must be one of ${choices.join(', ')}; got '${text}'.`);
  return text as T;
}
