import { InvalidArgumentError } from './errors.ts';

const UNITS: Record<string, number> = {
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 2 ** 10,
  mib: 2 ** 20,
  gib: 2 ** 30,
  tib: 2 ** 40,
};

/** Parses `2GiB`, `500MB`, `1.5gb`, `1024` (bytes) into a byte count; `option` names the flag in errors. */
export function parseBytes(text: string, option = 'size'): number {
  const m = /^\s*([0-9]*\.?[0-9]+)\s*([a-zA-Z]*)\s*$/.exec(text);
  const unit = (m?.[2] ?? '').toLowerCase() || 'b';
  if (!m || !(unit in UNITS)) {
    throw new InvalidArgumentError(
      `Invalid ${option} '${text}': expected a number with an optional unit (B, KB, MB, GB, KiB, MiB, GiB), e.g. 2GiB.`,
    );
  }
  return Math.round(Number(m[1]) * UNITS[unit]);
}

/** Parses a rate such as `200MB/s` into bytes per second. */
export function parseRate(text: string, option = 'rate'): number {
  const m = /^(.*)\/s$/i.exec(text.trim());
  if (!m) throw new InvalidArgumentError(`Invalid ${option} '${text}': expected bytes per second, e.g. 200MB/s.`);
  return parseBytes(m[1], option);
}

export function formatBytes(bytes: number): string {
  const abs = Math.abs(bytes);
  if (abs >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(2)} GiB`;
  if (abs >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
  if (abs >= 2 ** 10) return `${(bytes / 2 ** 10).toFixed(1)} KiB`;
  return `${bytes} B`;
}
