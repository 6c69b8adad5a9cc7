/**
 * A frozen table of named things (block kinds, architectures), built once from an explicit list: importing a
 * module never adds to it, so what a table holds is visible where it is defined.
 */
export function nameTable<T extends { readonly name: string }>(
  what: string,
  items: readonly T[],
): Readonly<Record<string, T>> {
  const table: Record<string, T> = {};
  for (const item of items) {
    if (Object.hasOwn(table, item.name)) throw new Error(`${what} '${item.name}' is defined twice`);
    table[item.name] = item;
  }
  return Object.freeze(table);
}

/** The entry of `table` named `name`, or undefined (never an inherited property). */
export function lookUp<T>(table: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(table, name) ? table[name] : undefined;
}
