import type { Command } from 'commander';

/** Registers the 'store' verbs (filled in by the issue that owns them). */
export function registerStoreCommands(_program: Command): void {}
