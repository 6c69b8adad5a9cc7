import { existsSync } from 'node:fs';
import { UnavailableError } from '@alsatian/core';

/** A font resvg can draw PNG text with: its family name and its files (regular first, then bold). */
export interface FontChoice {
  readonly family: string;
  readonly files: readonly string[];
}

/**
 * Fonts a Debian machine may have, best first. resvg does not read fontconfig's aliases, so without an explicit
 * file the PNG's text is silently blank on a machine with no fonts; naming files makes that a clear error instead.
 * DejaVu comes from the Debian package fonts-dejavu-core.
 */
export const FONT_CANDIDATES: readonly FontChoice[] = [
  {
    family: 'DejaVu Sans',
    files: ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'],
  },
  {
    family: 'Liberation Sans',
    files: [
      '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
      '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
    ],
  },
  {
    family: 'Noto Sans',
    files: ['/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf', '/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf'],
  },
  {
    family: 'FreeSans',
    files: ['/usr/share/fonts/truetype/freefont/FreeSans.ttf', '/usr/share/fonts/truetype/freefont/FreeSansBold.ttf'],
  },
];

/** The first candidate whose regular face exists (its bold face is used when present too). */
export function findFont(candidates: readonly FontChoice[] = FONT_CANDIDATES): FontChoice {
  for (const candidate of candidates) {
    const [regular, ...others] = candidate.files;
    if (regular !== undefined && existsSync(regular))
      return { family: candidate.family, files: [regular, ...others.filter((f) => existsSync(f))] };
  }
  throw new UnavailableError(
    `No font file found to draw PNG text (looked for ${candidates.flatMap((c) => c.files.slice(0, 1)).join(', ')}). ` +
      'Install the Debian package fonts-dejavu-core, or pass a font to renderChart.',
  );
}
