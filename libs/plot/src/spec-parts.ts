import { InvalidArgumentError } from '@alsatian/core';
import type { ChartTitle, Datum, FacetRef, FieldRef, SeriesRef, TopLevelSpec } from './spec-types.ts';

/**
 * Pieces every builder shares, as plain objects: Vega-Lite's spec types are unions too deep to build piecewise, so
 * the one cast is in `assemble`, and the tests compile every chart with Vega-Lite, which rejects a malformed spec.
 */
type Obj = Record<string, unknown>;

export function titleSpec(title: ChartTitle): Obj {
  const subtitle =
    title.subtitle === undefined
      ? undefined
      : typeof title.subtitle === 'string'
        ? title.subtitle
        : [...title.subtitle];
  return subtitle === undefined ? { text: title.text } : { text: title.text, subtitle };
}

export function nominal(ref: FieldRef, extra: Obj = {}): Obj {
  return {
    field: ref.field,
    type: 'nominal',
    title: ref.title ?? ref.field,
    sort: ref.sort ? [...ref.sort] : null,
    ...extra,
  };
}

export function quantitative(ref: FieldRef, extra: Obj = {}): Obj {
  return { field: ref.field, type: 'quantitative', title: ref.title ?? ref.field, ...extra };
}

/** Colour encoding with a fixed domain, so colours and order never depend on which values happen to be present. */
export function colorBy(series: SeriesRef): Obj {
  if (series.domain.length !== series.colors.length) {
    throw new InvalidArgumentError(
      `Series '${series.field}': ${series.domain.length} values but ${series.colors.length} colours.`,
    );
  }
  const legend: Obj = { title: series.title ?? series.field };
  if (series.labels !== undefined) legend.labelExpr = labelExpression(series.labels);
  return {
    field: series.field,
    type: 'nominal',
    sort: [...series.domain],
    scale: { domain: [...series.domain], range: [...series.colors] },
    legend,
  };
}

function labelExpression(labels: Readonly<Record<string, string>>): string {
  // A Vega expression mapping stored values to display text; unknown values show as stored.
  const table = JSON.stringify(labels);
  return `${table}[datum.value] || datum.value`;
}

/** Position of each value in the series domain, for stack order (first value at the bottom / left). */
export function orderTransform(series: SeriesRef, as: string): Obj {
  return { calculate: `indexof(${JSON.stringify(series.domain)}, datum[${JSON.stringify(series.field)}])`, as };
}

export function facetSpec(facet: FacetRef): Obj {
  const out: Obj = {};
  if (facet.row) out.row = nominal(facet.row, { header: { labelAngle: 0, labelAlign: 'left' } });
  if (facet.column) out.column = nominal(facet.column);
  return out;
}

/** Wraps a panel (encoding + layers) into a faceted or a single-view top-level spec. */
export function assemble(
  parts: { title: ChartTitle; rows: readonly Datum[]; panel: Obj; facet?: FacetRef; transform?: Obj[] },
  schema: string,
): TopLevelSpec {
  if (parts.rows.length === 0) throw new InvalidArgumentError(`Chart '${parts.title.text}' has no rows to plot.`);
  const top: Obj = {
    $schema: schema,
    title: titleSpec(parts.title),
    data: { values: parts.rows.map((r) => ({ ...r })) },
  };
  if (parts.transform) top.transform = parts.transform;
  if (parts.facet && (parts.facet.row || parts.facet.column)) {
    const resolve = { scale: { y: parts.facet.independentY ? 'independent' : 'shared' } };
    return { ...top, facet: facetSpec(parts.facet), spec: parts.panel, resolve } as unknown as TopLevelSpec;
  }
  return { ...top, ...parts.panel } as unknown as TopLevelSpec;
}

/** Fails early, naming the chart and the column, when a field the chart needs is absent from the rows. */
export function requireFields(chart: string, rows: readonly Datum[], fields: readonly (string | undefined)[]): void {
  const present = new Set(rows.flatMap((r) => Object.keys(r)));
  for (const field of fields) {
    if (field !== undefined && !present.has(field)) {
      throw new InvalidArgumentError(
        `Chart '${chart}': no column '${field}' in its rows. Columns: ${[...present].join(', ')}.`,
      );
    }
  }
}
