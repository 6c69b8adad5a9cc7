import type { Command } from 'commander';

/** Registers the 'models' verbs (filled in by the issue that owns them). */
export function registerModelsCommand(_program: Command): void {}
