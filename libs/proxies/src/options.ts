import { InvalidArgumentError } from '@alsatian/core';
import { messages } from './messages.ts';

/** Rejects option names a proxy does not know, so a typo (`epoch: 5`) is not silently ignored. */
export function rejectUnknownOptions(proxy: string, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new InvalidArgumentError(messages.unknownOption(proxy, key, known));
  }
}

export function positiveInteger(proxy: string, option: string, value: number): number {
  if (!Number.isInteger(value) || value < 1)
    throw new InvalidArgumentError(messages.badOption(proxy, option, value, 'it must be an integer >= 1'));
  return value;
}

export function positiveNumber(proxy: string, option: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0))
    throw new InvalidArgumentError(messages.badOption(proxy, option, value, 'it must be a finite number > 0'));
  return value;
}

export function oneOf<T extends string>(proxy: string, option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(messages.badOption(proxy, option, value, `valid: ${allowed.join(', ')}`));
  }
  return value as T;
}
