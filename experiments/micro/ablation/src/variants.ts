/**
 * The ablation's variants: our Alsatian with everything on, then each of our additions beyond the paper switched
 * off on its own, then all of them off at once (the paper's strategy run on our engine). Strategy improvements
 * come from the strategies lib (IMPROVEMENTS); engine preparation settings from the engine (PreparationSettings).
 */
import type { PreparationSettings } from '@alsatian/engine';
import { IMPROVEMENT_NAMES, IMPROVEMENTS } from '@alsatian/strategies';
import type { Improvements } from '@alsatian/strategies';

export interface Variant {
  readonly name: string;
  /** What the variant turns off (empty for ours). */
  readonly turnsOff: string;
  readonly improvements: Partial<Improvements>;
  readonly preparation: Partial<PreparationSettings>;
}

const ALL_OFF = Object.fromEntries(IMPROVEMENT_NAMES.map((name) => [name, false])) as Improvements;

/** Engine settings the way a first ORT port would prepare a unit: weights copied into the graph, session kept. */
const PLAIN_PREPARATION: Partial<PreparationSettings> = { sessions: 'direct', weights: 'inline' };

export const VARIANTS: readonly Variant[] = Object.freeze([
  { name: 'ours', turnsOff: '', improvements: {}, preparation: {} },
  ...IMPROVEMENT_NAMES.map((name) => ({
    name: `without ${name}`,
    turnsOff: IMPROVEMENTS[name].description,
    improvements: { [name]: false },
    preparation: {},
  })),
  {
    name: 'without compiled units',
    turnsOff: 'units are optimised in the session that runs them instead of compiled once and loaded from file',
    improvements: {},
    preparation: { sessions: 'direct' },
  },
  {
    name: 'without external weights',
    turnsOff: "every weight is encoded into the unit's ONNX graph instead of read from the memory that holds it",
    improvements: {},
    preparation: { weights: 'inline' },
  },
  {
    name: 'none of ours',
    turnsOff: "all of the above: the paper's Alsatian on our engine, units prepared plainly",
    improvements: ALL_OFF,
    preparation: PLAIN_PREPARATION,
  },
]);

export function variantNamed(name: string): Variant {
  const found = VARIANTS.find((v) => v.name === name);
  if (found === undefined)
    throw new Error(`Unknown ablation variant '${name}'. Valid: ${VARIANTS.map((v) => v.name).join(', ')}.`);
  return found;
}
