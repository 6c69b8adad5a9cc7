import { Resvg } from '@resvg/resvg-js';
import { parse as parseVega, View, Warn } from 'vega';
import { compile } from 'vega-lite';
import { InvalidArgumentError, silentLogger, writeFileAtomic } from '@alsatian/core';
import type { Logger } from '@alsatian/core';
import { findFont } from './fonts.ts';
import type { FontChoice } from './fonts.ts';
import type { TopLevelSpec } from './spec-types.ts';

export interface RenderOptions {
  /** PNG pixels per SVG unit (default 2, sharp enough for slides). */
  readonly pngScale?: number;
  /** Font for PNG text; default: the first of FONT_CANDIDATES found on this machine. */
  readonly font?: FontChoice;
  readonly logger?: Logger;
}

export interface RenderedChart {
  readonly specPath: string;
  readonly svgPath: string;
  readonly pngPath: string;
  readonly svg: string;
  readonly png: Uint8Array;
  readonly width: number;
  readonly height: number;
}

/**
 * Vega-Lite -> Vega (compile) -> headless View (renderer 'none') -> SVG -> PNG (resvg). Vega and Vega-Lite
 * warnings go to the logger, never the console.
 */
export async function chartToSvg(spec: TopLevelSpec, logger: Logger = silentLogger): Promise<string> {
  const log = vegaLogger(logger);
  let vegaSpec;
  try {
    vegaSpec = compile(spec, { logger: log }).spec;
  } catch (error) {
    throw new InvalidArgumentError(`Vega-Lite cannot compile chart '${chartName(spec)}': ${(error as Error).message}`, {
      cause: error,
    });
  }
  const view = new View(parseVega(vegaSpec), { renderer: 'none', logger: log, logLevel: Warn });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * The Vega spec of a chart for an interactive view: every mark shows the data row under the cursor as its tooltip
 * (Vega-Lite's `tooltip: {content: 'data'}`). The static SVG and PNG are rendered without it.
 */
export function chartToVega(spec: TopLevelSpec, logger: Logger = silentLogger): object {
  const config = (spec as { config?: Record<string, unknown> }).config ?? {};
  const mark = (config.mark as Record<string, unknown> | undefined) ?? {};
  const withTooltips = {
    ...spec,
    config: { ...config, mark: { ...mark, tooltip: { content: 'data' } } },
  } as TopLevelSpec;
  try {
    return compile(withTooltips, { logger: vegaLogger(logger) }).spec;
  } catch (error) {
    throw new InvalidArgumentError(`Vega-Lite cannot compile chart '${chartName(spec)}': ${(error as Error).message}`, {
      cause: error,
    });
  }
}

export function svgToPng(
  svg: string,
  options: Pick<RenderOptions, 'pngScale' | 'font'> = {},
): { png: Uint8Array; width: number; height: number } {
  const font = options.font ?? findFont();
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: options.pngScale ?? 2 },
    background: 'white',
    font: {
      loadSystemFonts: false,
      fontFiles: [...font.files],
      defaultFontFamily: font.family,
      sansSerifFamily: font.family,
      serifFamily: font.family,
      monospaceFamily: font.family,
    },
  });
  const image = resvg.render();
  return { png: image.asPng(), width: image.width, height: image.height };
}

/** Writes `<base>.vl.json` (open it in the Vega editor), `<base>.svg` and `<base>.png`, each atomically. */
export async function renderChart(
  spec: TopLevelSpec,
  outBasePath: string,
  options: RenderOptions = {},
): Promise<RenderedChart> {
  const svg = await chartToSvg(spec, options.logger);
  const { png, width, height } = svgToPng(svg, options);
  const paths = { specPath: `${outBasePath}.vl.json`, svgPath: `${outBasePath}.svg`, pngPath: `${outBasePath}.png` };
  await writeFileAtomic(paths.specPath, `${JSON.stringify(spec, null, 2)}\n`);
  await writeFileAtomic(paths.svgPath, svg);
  await writeFileAtomic(paths.pngPath, png);
  return { ...paths, svg, png, width, height };
}

function chartName(spec: TopLevelSpec): string {
  const title = (spec as { title?: unknown }).title;
  if (typeof title === 'string') return title;
  if (title && typeof title === 'object' && 'text' in title) return String((title as { text: unknown }).text);
  return '(untitled)';
}

/** Vega's logger interface, forwarding to ours. */
function vegaLogger(logger: Logger) {
  let level = Warn;
  const self = {
    level(next?: number) {
      if (next !== undefined) level = next;
      return next === undefined ? level : self;
    },
    error(...args: readonly unknown[]) {
      logger.warn(`vega error: ${args.map(String).join(' ')}`);
      return self;
    },
    warn(...args: readonly unknown[]) {
      logger.warn(`vega: ${args.map(String).join(' ')}`);
      return self;
    },
    info(...args: readonly unknown[]) {
      logger.info(`vega: ${args.map(String).join(' ')}`);
      return self;
    },
    debug(...args: readonly unknown[]) {
      logger.debug(`vega: ${args.map(String).join(' ')}`);
      return self;
    },
  };
  return self;
}
