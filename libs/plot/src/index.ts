/**
 * @alsatian/plot: the paper's charts as Vega-Lite specs built in code (grouped bars with speedup labels, stacked
 * and 100 % breakdowns, dual-axis per-block plots, line charts) and their headless rendering to .vl.json, SVG and
 * PNG. It plots rows it is given (read from result CSVs); it must not run experiments, read results on its own or
 * write to the console.
 */
export * from './palette.ts';
export * from './spec-types.ts';
export { groupedBarChart } from './grouped-bars.ts';
export type { GroupedBarOptions } from './grouped-bars.ts';
export { stackedBarChart } from './stacked-bars.ts';
export type { StackedBarOptions } from './stacked-bars.ts';
export { dualAxisChart } from './dual-axis.ts';
export type { DualAxisOptions, AxisSeries } from './dual-axis.ts';
export { lineChart } from './line-chart.ts';
export type { LineChartOptions } from './line-chart.ts';
export { withSpeedupLabels, scaleSubtitle } from './labels.ts';
export type { SpeedupOptions } from './labels.ts';
export { chartToSvg, chartToVega, svgToPng, renderChart } from './render.ts';
export type { RenderOptions, RenderedChart } from './render.ts';
export { findFont, FONT_CANDIDATES } from './fonts.ts';
export type { FontChoice } from './fonts.ts';
