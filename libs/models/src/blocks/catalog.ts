import type { BlockDescriptor, JsonObject } from '@alsatian/core';
import { unknownName } from '@alsatian/core';
import type { BlockKind } from './kind.ts';

/** Every block kind by name. Families add theirs with `defineBlockKind`, called at module load of the family file. */
const KINDS = new Map<string, BlockKind>();

export function defineBlockKind<A extends JsonObject>(kind: BlockKind<A>): BlockKind<A> {
  const existing = KINDS.get(kind.name);
  if (existing && existing !== (kind as unknown as BlockKind)) throw new Error(`block kind '${kind.name}' is defined twice`);
  KINDS.set(kind.name, kind as unknown as BlockKind);
  return kind;
}

export function blockKind(name: string): BlockKind {
  return KINDS.get(name) ?? unknownName('block kind', name, [...KINDS.keys()].sort());
}

export function blockKindNames(): string[] {
  return [...KINDS.keys()].sort();
}

/** Whether the block must run in one session with the block before it (see BlockKind.joinsPrevious). */
export function joinsPrevious(descriptor: BlockDescriptor): boolean {
  return blockKind(descriptor.kind).joinsPrevious?.(descriptor.attrs) ?? false;
}
