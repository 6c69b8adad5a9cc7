import { unknownName } from '@alsatian/core';
import type { ArchitectureDef } from './architecture.ts';

/** Architectures by name; each family file registers its own with `defineArchitecture`. */
const ARCHITECTURES = new Map<string, ArchitectureDef>();

export function defineArchitecture(def: ArchitectureDef): ArchitectureDef {
  if (ARCHITECTURES.has(def.name)) throw new Error(`architecture '${def.name}' is defined twice`);
  ARCHITECTURES.set(def.name, def);
  return def;
}

export function architecture(name: string): ArchitectureDef {
  return ARCHITECTURES.get(name) ?? unknownName('architecture', name, architectureNames({ includeTiny: true }));
}

export function architectureNames(options: { includeTiny?: boolean } = {}): string[] {
  return [...ARCHITECTURES.values()].filter((a) => options.includeTiny || !a.tiny).map((a) => a.name);
}
