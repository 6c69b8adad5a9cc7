/**
 * The `alsatian` command: the composition root. It parses options, builds the logger and progress display, and
 * calls the libraries; only this lib writes to the terminal. User mistakes (AlsatianError) print one clear line
 * and exit non-zero; anything else is a bug and keeps its stack trace.
 */
import { Command, CommanderError } from 'commander';
import { AlsatianError } from '@alsatian/core';
import { COMMANDS } from './commands/index.ts';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('alsatian')
    .description('Model search for deep transfer learning (Alsatian)')
    .exitOverride()
    .showHelpAfterError();
  for (const register of COMMANDS) register(program);
  try {
    await program.parseAsync(argv);
    // A command that finished but found a problem (features verify: corrupt entries) sets the exit code itself.
    return Number(process.exitCode ?? 0);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof AlsatianError) {
      process.stderr.write(`alsatian: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
