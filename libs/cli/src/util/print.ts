/** Writes a result line (or block) to stdout; progress and errors go to stderr elsewhere. */
export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}
