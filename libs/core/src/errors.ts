/**
 * Error kinds. A user mistake (bad option, bad file, unknown name) is an `AlsatianError`: the CLI prints its
 * message without a stack trace and exits non-zero. Anything else is a bug and keeps its stack.
 */
export class AlsatianError extends Error {
  override readonly name: string = 'AlsatianError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A bad option, argument or name given by the user. */
export class InvalidArgumentError extends AlsatianError {
  override readonly name = 'InvalidArgumentError';
}

/** A file that is missing, unreadable or malformed. The message names the file. */
export class BadInputError extends AlsatianError {
  override readonly name = 'BadInputError';
}

/** Stored data that does not match its recorded size or hash. */
export class IntegrityError extends AlsatianError {
  override readonly name = 'IntegrityError';
}

/** A requested capability (an execution provider, a native library) that this machine does not have. */
export class UnavailableError extends AlsatianError {
  override readonly name = 'UnavailableError';
}

/** A resource budget that cannot be met (e.g. a cache budget smaller than one item needs). */
export class BudgetError extends AlsatianError {
  override readonly name = 'BudgetError';
}

/**
 * A write that failed because the device is full (ENOSPC) or the user's quota is spent (EDQUOT). The message names
 * the file and says what was left as it was; the fix is to free space, not to change the input.
 */
export class DiskFullError extends AlsatianError {
  override readonly name = 'DiskFullError';
  constructor(
    /** The file whose write failed. */
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** The same failure told from a caller's side: what was not done, and what it left as it was. */
  retold(what: string, state: string): DiskFullError {
    return new DiskFullError(
      this.file,
      `${what}: no space left on the device while writing ${this.file}. ${state} Free space on that device and retry.`,
      { cause: this },
    );
  }
}

/** True for the errno codes of a full device or a spent quota. */
export function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/** `text` (a name from a file we did not write) safe to quote in a one-line message: escaped, cut to 80 characters. */
export function printable(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}...` : text).slice(1, -1);
}

/** Throws an InvalidArgumentError naming `what` and listing the known names. */
export function unknownName(what: string, name: string, known: Iterable<string>): never {
  throw new InvalidArgumentError(`Unknown ${what} '${name}'. Known: ${[...known].join(', ')}.`);
}
