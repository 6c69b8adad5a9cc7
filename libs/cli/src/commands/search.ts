import type { Command } from 'commander';

/** Registers the 'search' verbs (filled in by the issue that owns them). */
export function registerSearchCommand(_program: Command): void {}
