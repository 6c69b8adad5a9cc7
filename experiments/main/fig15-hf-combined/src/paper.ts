/** The paper's Fig 15 (reference 5.7): all ~500 HF models in one search, minutes, and its breakdown (minutes). */
export const PAPER_FIG15: readonly { items: number; Base: number; SHiFT: number; Alsatian: number }[] = [
  { items: 2000, Base: 73.0, SHiFT: 77.1, Alsatian: 34.9 },
  { items: 8000, Base: 169.8, SHiFT: 93.6, Alsatian: 45.2 },
];

/** prepare data / prepare model / inference / proxy in minutes (the older combined run's breakdown plot). */
export const PAPER_FIG15_BREAKDOWN: readonly { items: number; approach: string; minutes: readonly [number, number, number, number] }[] = [
  { items: 2000, approach: 'Base', minutes: [15.0, 16.6, 25.5, 4.4] },
  { items: 2000, approach: 'SHiFT', minutes: [12.2, 39.9, 5.9, 1.5] },
  { items: 2000, approach: 'Alsatian', minutes: [4.1, 21.9, 3.6, 1.3] },
  { items: 8000, approach: 'Base', minutes: [22.5, 16.7, 102.8, 16.7] },
  { items: 8000, approach: 'SHiFT', minutes: [15.4, 35.3, 24.5, 1.8] },
  { items: 8000, approach: 'Alsatian', minutes: [7.1, 19.4, 14.1, 1.4] },
];
