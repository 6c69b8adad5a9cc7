import { assemble, colorBy, quantitative, requireFields } from './spec-parts.ts';
import { VEGA_LITE_SCHEMA } from './spec-types.ts';
import type { ChartTitle, Datum, FacetRef, FieldRef, PanelSize, SeriesRef, TopLevelSpec } from './spec-types.ts';

export interface LineChartOptions extends PanelSize {
  readonly title: ChartTitle;
  readonly rows: readonly Datum[];
  readonly x: FieldRef;
  readonly y: FieldRef;
  /** One line per value; without it, one line. */
  readonly series?: SeriesRef;
  /** Log-scaled x (e.g. item counts 96, 1024, 9216). */
  readonly logX?: boolean;
  readonly facet?: FacetRef;
}

/** A plain line chart with a dot per point (side experiments and micro-benchmarks). */
export function lineChart(options: LineChartOptions): TopLevelSpec {
  requireFields(options.title.text, options.rows, [options.x.field, options.y.field, options.series?.field]);
  const encoding: Record<string, unknown> = {
    x: quantitative(options.x, options.logX ? { scale: { type: 'log' } } : {}),
    y: quantitative(options.y),
  };
  if (options.series) encoding.color = colorBy(options.series);
  const panel = {
    width: options.width ?? 360,
    height: options.height ?? 200,
    mark: { type: 'line', point: true },
    encoding,
  };
  return assemble({ title: options.title, rows: options.rows, panel, facet: options.facet }, VEGA_LITE_SCHEMA);
}
