import { InvalidArgumentError } from '@alsatian/core';

/**
 * Takes this package's own `--name value` / `--name=value` options out of argv and leaves the rest for the shared
 * CLI (which accepts only --scale, --results-dir, --in-process, --verbose).
 */
export function takeOwnOptions<N extends string>(argv: readonly string[], names: readonly N[]): { own: Partial<Record<N, string>>; rest: string[] } {
  const own: Partial<Record<N, string>> = {};
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const name = names.find((n) => arg === `--${n}` || arg.startsWith(`--${n}=`));
    if (name === undefined) {
      rest.push(arg);
      continue;
    }
    const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[++i];
    if (value === undefined || value === '' || value.startsWith('--')) throw new InvalidArgumentError(`--${name} needs a value.`);
    own[name] = value;
  }
  return { own, rest };
}
