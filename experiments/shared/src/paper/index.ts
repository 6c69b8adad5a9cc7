/**
 * The paper's numbers, in one catalogue (from shared/reference/alsatian-original-experiments.md: values read from
 * the committed plots, ±0.5 %; seconds unless named otherwise). Reports take every paper number from here and
 * compute ratios and shapes from it with the same rules they apply to ours.
 */
export * from './setup.ts';
export * from './profiles.ts';
export * from './searches.ts';
export * from './hugging-face.ts';
export * from './reference.ts';
export * from './reference-on-cpu.ts';
