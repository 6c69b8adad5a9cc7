import { assemble, colorBy, nominal, quantitative, requireFields } from './spec-parts.ts';
import { VEGA_LITE_SCHEMA } from './spec-types.ts';
import type { ChartTitle, Datum, FacetRef, FieldRef, PanelSize, SeriesRef, TopLevelSpec } from './spec-types.ts';

export interface GroupedBarOptions extends PanelSize {
  readonly title: ChartTitle;
  readonly rows: readonly Datum[];
  /** The groups along x (e.g. architecture). */
  readonly x: FieldRef;
  /** The bars within a group (e.g. strategy), side by side. */
  readonly group: SeriesRef;
  readonly y: FieldRef;
  /** A text column drawn above each bar (e.g. the speedup over Base; empty text draws nothing). */
  readonly label?: string;
  readonly facet?: FacetRef;
}

/**
 * The paper's end-to-end chart (Fig 10, 13, 14, 15, 17): grouped bars per x value, one colour per strategy, with
 * a label above each bar, optionally as one panel per facet value. Rows are plotted as given: aggregate first
 * (medianBy) so bars and labels show the same number.
 */
export function groupedBarChart(options: GroupedBarOptions): TopLevelSpec {
  requireFields(options.title.text, options.rows, [
    options.x.field,
    options.group.field,
    options.y.field,
    options.label,
    options.facet?.row?.field,
    options.facet?.column?.field,
  ]);
  const encoding = {
    x: nominal(options.x, { axis: { labelAngle: 0 } }),
    xOffset: {
      field: options.group.field,
      type: 'nominal',
      sort: [...options.group.domain],
      scale: { domain: [...options.group.domain] },
    },
    y: quantitative(options.y),
    color: colorBy(options.group),
  };
  const layers: Record<string, unknown>[] = [{ mark: { type: 'bar' } }];
  if (options.label !== undefined) {
    layers.push({
      mark: { type: 'text', baseline: 'bottom', dy: -3, fontSize: 10 },
      encoding: { text: { field: options.label, type: 'nominal' }, color: { value: 'black' } },
    });
  }
  const panel = {
    width: options.width ?? { step: 20, for: 'offset' },
    height: options.height ?? 200,
    encoding,
    layer: layers,
  };
  return assemble({ title: options.title, rows: options.rows, panel, facet: options.facet }, VEGA_LITE_SCHEMA);
}
