import type { Command } from 'commander';
import { registerModelsCommand } from './models.ts';
import { registerStoreCommands } from './store.ts';
import { registerDataCommand } from './data.ts';
import { registerSearchCommand } from './search.ts';
import { registerWorkerCommand } from './worker.ts';
import { registerFeaturesCommand } from './features.ts';

/** Every verb of the CLI registers itself here; one file per verb group. */
export const COMMANDS: ((program: Command) => void)[] = [
  registerModelsCommand,
  registerStoreCommands,
  registerDataCommand,
  registerSearchCommand,
  registerFeaturesCommand,
  registerWorkerCommand,
];
