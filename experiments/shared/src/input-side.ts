import { InvalidArgumentError } from '@alsatian/core';
import { architecture } from '@alsatian/models';

/** The square image side an architecture's models take (the synthetic dataset must match it). */
export function inputSide(name: string): number {
  const [input] = architecture(name).inputs;
  if (input.shape.length !== 3)
    throw new InvalidArgumentError(`Architecture '${name}' takes no image; the HF families are vision models.`);
  return input.shape[2];
}
