/** One experiment's part of results/REPORT.md and REPORT.html, produced by its package's `report(runDir)`. */
export interface ReportSection {
  /** The experiment's name (its results folder), e.g. 'fig10-end-to-end'. */
  readonly id: string;
  readonly title: string;
  /** The paper figure or table it reproduces, e.g. 'fig10', 'table1'. */
  readonly figure: string;
  /** Markdown body: our numbers next to the paper's and one line on where ours differ and why. */
  readonly markdown: string;
  /** Chart PNGs, relative to the results root (e.g. 'fig10-end-to-end/quick/end-to-end.png'). */
  readonly images: readonly string[];
}

/** The signature every experiment package's src/report.ts exports. */
export type ReportFunction = (runDir: string) => Promise<ReportSection>;
