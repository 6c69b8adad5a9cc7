import { InvalidArgumentError } from '@alsatian/core';

/**
 * The three sizes every experiment runs at (docs/DESIGN.md §6): `quick` takes minutes on 2 cores, `small` keeps
 * the paper's shape at reduced data, `paper` is the paper's exact configuration.
 */
export const SCALES = ['quick', 'small', 'paper'] as const;
export type Scale = (typeof SCALES)[number];

export function isScale(value: string): value is Scale {
  return (SCALES as readonly string[]).includes(value);
}

/** Parses the value of `--scale`; `option` names the flag in the error so the user knows what to fix. */
export function scaleArg(value: string | undefined, option = '--scale'): Scale {
  if (value === undefined || value === '') {
    throw new InvalidArgumentError(`${option} needs a value: one of ${SCALES.join(', ')}.`);
  }
  if (!isScale(value)) {
    throw new InvalidArgumentError(`${option} '${value}' is not a scale. Valid: ${SCALES.join(', ')}.`);
  }
  return value;
}
