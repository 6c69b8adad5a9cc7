import type { TopLevelSpec } from 'vega-lite';

/** One tidy row as read back from a result CSV. */
export type Datum = Readonly<Record<string, string | number | boolean | null>>;

/** A chart's title; the subtitle may be several lines (the quick scale lists what it leaves out). */
export interface ChartTitle {
  readonly text: string;
  readonly subtitle?: string | readonly string[];
}

/** A column shown on an axis or as a facet header. `sort` fixes the order of nominal values. */
export interface FieldRef {
  readonly field: string;
  readonly title?: string;
  readonly sort?: readonly string[];
}

/** A column that picks colours: `domain` is the value order (legend, grouping, stacking), `colors` its colours. */
export interface SeriesRef {
  readonly field: string;
  readonly title?: string;
  readonly domain: readonly string[];
  readonly colors: readonly string[];
  /** Legend text per value, when the stored value is an identifier (e.g. 'prepareModel'). */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Small multiples: one panel per value of `row` and/or `column`. */
export interface FacetRef {
  readonly row?: FieldRef;
  readonly column?: FieldRef;
  /** Each panel gets its own y scale (panels of very different magnitude, e.g. 2000 vs 8000 items). */
  readonly independentY?: boolean;
}

export interface PanelSize {
  readonly width?: number;
  readonly height?: number;
}

export type { TopLevelSpec };

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
