import type { Command } from 'commander';

/** Registers the 'data' verbs (filled in by the issue that owns them). */
export function registerDataCommand(_program: Command): void {}
