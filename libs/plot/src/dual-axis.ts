import { assemble, quantitative, requireFields } from './spec-parts.ts';
import { VEGA_LITE_SCHEMA } from './spec-types.ts';
import type { ChartTitle, Datum, FieldRef, PanelSize, TopLevelSpec } from './spec-types.ts';
import { DUAL_AXIS_COLORS } from './palette.ts';

export interface AxisSeries extends FieldRef {
  readonly color?: string;
}

export interface DualAxisOptions extends PanelSize {
  readonly title: ChartTitle;
  readonly rows: readonly Datum[];
  /** Shared x (e.g. block index). */
  readonly x: FieldRef;
  readonly left: AxisSeries;
  readonly right: AxisSeries;
  /** Dots (the paper's Fig 12) or dots joined by lines. */
  readonly mark?: 'point' | 'line';
}

/** Fig 12: two measures over the same x with their own y axes, each axis title in its series' colour. */
export function dualAxisChart(options: DualAxisOptions): TopLevelSpec {
  requireFields(options.title.text, options.rows, [options.x.field, options.left.field, options.right.field]);
  const x = quantitative(options.x, { axis: { tickMinStep: 1 } });
  const series = (s: AxisSeries, orient: 'left' | 'right', fallback: string) => {
    const color = s.color ?? fallback;
    const mark =
      options.mark === 'line'
        ? { type: 'line', point: { filled: true, color }, color }
        : { type: 'point', filled: true, color, size: 30 };
    return { mark, encoding: { x, y: quantitative(s, { axis: { orient, titleColor: color, labelColor: color } }) } };
  };
  const panel = {
    width: options.width ?? 360,
    height: options.height ?? 180,
    layer: [
      series(options.left, 'left', DUAL_AXIS_COLORS.left),
      series(options.right, 'right', DUAL_AXIS_COLORS.right),
    ],
    resolve: { scale: { y: 'independent' } },
  };
  return assemble({ title: options.title, rows: options.rows, panel }, VEGA_LITE_SCHEMA);
}
