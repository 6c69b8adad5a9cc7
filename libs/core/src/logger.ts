/** Libraries report through an injected Logger (default: silent). Only the CLI writes to the terminal. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {} };

/** Progress of a long operation, for a progress bar. `total` may be unknown. */
export interface ProgressEvent {
  readonly task: string;
  readonly done: number;
  readonly total?: number;
  readonly detail?: string;
}

export type ProgressListener = (event: ProgressEvent) => void;
