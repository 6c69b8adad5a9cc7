import { assemble, colorBy, nominal, orderTransform, quantitative, requireFields } from './spec-parts.ts';
import { VEGA_LITE_SCHEMA } from './spec-types.ts';
import type { ChartTitle, Datum, FacetRef, FieldRef, PanelSize, SeriesRef, TopLevelSpec } from './spec-types.ts';

export interface StackedBarOptions extends PanelSize {
  readonly title: ChartTitle;
  readonly rows: readonly Datum[];
  /** One bar per value (e.g. strategy, or distribution). */
  readonly bar: FieldRef;
  /** The segments (e.g. category); the domain order is the stacking order, first at the bottom (or left). */
  readonly stack: SeriesRef;
  readonly value: FieldRef;
  /** Scale every bar to 100 % (Fig 5's "time distribution in percent"). */
  readonly normalize?: boolean;
  /** Bars along y, values along x (Fig 5). */
  readonly horizontal?: boolean;
  /** Write each bar's total at its end (absolute charts only). */
  readonly totals?: boolean;
  readonly facet?: FacetRef;
}

const ORDER = '__stackOrder';

/**
 * Time breakdown charts: stacked bars in the paper's category order and colours (Fig 11, 16), or 100 % bars (Fig 5).
 */
export function stackedBarChart(options: StackedBarOptions): TopLevelSpec {
  requireFields(options.title.text, options.rows, [
    options.bar.field,
    options.stack.field,
    options.value.field,
    options.facet?.row?.field,
    options.facet?.column?.field,
  ]);
  const [barAxis, valueAxis] = options.horizontal ? (['y', 'x'] as const) : (['x', 'y'] as const);
  const value = quantitative(options.value, {
    stack: options.normalize ? 'normalize' : 'zero',
    ...(options.normalize ? { axis: { format: '%' } } : {}),
  });
  const encoding = {
    [barAxis]: nominal(options.bar, options.horizontal ? {} : { axis: { labelAngle: 0 } }),
    [valueAxis]: value,
    color: colorBy(options.stack),
    order: { field: ORDER, type: 'quantitative', sort: 'ascending' },
  };
  // The tooltip lives on the bar layer only: in the shared encoding its category field would split the totals.
  const tooltip = [{ field: options.stack.field }, { field: options.value.field, type: 'quantitative', format: '.2f' }];
  const layers: Record<string, unknown>[] = [{ mark: { type: 'bar' }, encoding: { tooltip } }];
  if (options.totals && !options.normalize) {
    layers.push({
      mark: options.horizontal
        ? { type: 'text', align: 'left', dx: 3, fontSize: 10 }
        : { type: 'text', baseline: 'bottom', dy: -3, fontSize: 10 },
      encoding: {
        [barAxis]: nominal(options.bar),
        [valueAxis]: { aggregate: 'sum', field: options.value.field, type: 'quantitative' },
        text: { aggregate: 'sum', field: options.value.field, type: 'quantitative', format: '.1f' },
        color: { value: 'black' },
        order: { value: 0 },
      },
    });
  }
  const panel = {
    width: options.width ?? (options.horizontal ? 300 : { step: 36 }),
    height: options.height ?? (options.horizontal ? { step: 22 } : 200),
    encoding,
    layer: layers,
  };
  return assemble(
    {
      title: options.title,
      rows: options.rows,
      panel,
      facet: options.facet,
      transform: [orderTransform(options.stack, ORDER)],
    },
    VEGA_LITE_SCHEMA,
  );
}
