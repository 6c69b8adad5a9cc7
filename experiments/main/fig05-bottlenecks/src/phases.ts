/** The four phases of Fig 5, in the paper's stacking order (left to right). */
export const PHASES = ['prepareModel', 'prepareData', 'inference', 'proxy'] as const;
export type Phase = (typeof PHASES)[number];
