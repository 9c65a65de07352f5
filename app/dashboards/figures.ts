/**
 * Exact arithmetic for public figures: sums come from the database as numeric text, and every
 * derived figure (per resident, a share in percent) is computed on whole hundredths in a bigint,
 * never in floating point. Plain TypeScript.
 */
import type { CompareSort } from '~/paths';
import { formatHundredths, metricByKey, toHundredths, type Unit } from '~/reporting/metrics';

/**
 * Metrics that describe a level during a period (staff in FTE averaged over it, officers
 * certified at its end) rather than a flow: they add up across agencies for one period, but a
 * sum over several periods means nothing, so totals over a range leave them out.
 */
export const LEVEL_METRICS: ReadonlySet<string> = new Set(['staff_fte', 'officers_certified']);

/** A PostgreSQL numeric(…, 2) sum ("14.00", "-3.50") in the catalogue's form ("14", "-3.50"); null stays null. */
export function normaliseSum(text: string | null, unit: Unit): string | null {
  if (text === null) return null;
  return formatHundredths(toHundredths(trimScale(text)), unit);
}

/** numeric text with more than two decimals of zeros ("14.000") down to two; refuses real fractions of a cent. */
function trimScale(text: string): string {
  const match = /^(-?\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new Error(`Not a numeric sum: "${text}"`);
  const [, whole, fraction = ''] = match;
  if (/[1-9]/.test(fraction.slice(2))) throw new Error(`Sum with more than two decimals: "${text}"`);
  return fraction === '' ? whole : `${whole}.${fraction.slice(0, 2)}`;
}

/** The unit of a metric key (every key the dashboards read is in the catalogue). */
export function unitOf(key: string): Unit {
  const metric = metricByKey(key);
  if (!metric) throw new Error(`Unknown metric "${key}"`);
  return metric.unit;
}

/** a / b rounded half away from zero to `decimals` places, as a decimal string. b > 0. */
function divide(a: bigint, b: bigint, decimals: number): string {
  const scale = 10n ** BigInt(decimals);
  const negative = a < 0n;
  const magnitude = negative ? -a : a;
  const rounded = (magnitude * scale * 2n + b) / (b * 2n);
  const whole = (rounded / scale).toString();
  const fraction = decimals > 0 ? `.${(rounded % scale).toString().padStart(decimals, '0')}` : '';
  return `${negative && rounded !== 0n ? '-' : ''}${whole}${fraction}`;
}

/**
 * A figure per resident and per 100,000 residents, or nulls when the population is unknown (or
 * zero). Dollars per resident to the cent ("0.42"); anything per 100,000 to one decimal ("12.5").
 */
export function perResident(value: string | null, population: number | null): { perResident: string | null; per100k: string | null } {
  if (value === null || population === null || !Number.isSafeInteger(population) || population <= 0) {
    return { perResident: null, per100k: null };
  }
  const hundredths = toHundredths(value);
  const people = BigInt(population) * 100n; // value is in hundredths
  return { perResident: divide(hundredths, people, 2), per100k: divide(hundredths * 100_000n, people, 1) };
}

/** part / whole as a percentage with one decimal ("42.9"), or null when whole is 0. */
export function percent(part: number, whole: number): string | null {
  if (!Number.isSafeInteger(part) || !Number.isSafeInteger(whole) || whole < 0 || part < 0) {
    throw new Error(`percent: whole numbers ≥ 0 expected, got ${part} / ${whole}`);
  }
  if (whole === 0) return null;
  return divide(BigInt(part) * 100n, BigInt(whole), 1);
}

/** Whole people from a stored count ("14" or "14.00"). */
export function wholeCount(value: string | null): number {
  if (value === null) return 0;
  const hundredths = toHundredths(trimScale(value));
  if (hundredths % 100n !== 0n) throw new Error(`Not a whole count: "${value}"`);
  return Number(hundredths / 100n);
}

/** A decimal string as an exact integer of ten-thousandths, for ordering ("12.5" → 125000n). */
function scaled(text: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,4}))?$/.exec(text);
  if (!match) throw new Error(`Not a decimal figure: "${text}"`);
  const magnitude = BigInt(match[2]) * 10_000n + BigInt((match[3] ?? '').padEnd(4, '0'));
  return match[1] ? -magnitude : magnitude;
}

export function compareDecimals(a: string, b: string): number {
  const [x, y] = [scaled(a), scaled(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

export interface ComparableCounty {
  name: string;
  value: string | null;
  per100k: string | null;
}

/**
 * Counties in the order asked for. Counties without the figure (not reported, or no population
 * for the per-resident order) always come last, by name: "not reported" is not a small number.
 */
export function sortCounties<T extends ComparableCounty>(counties: readonly T[], sort: CompareSort): T[] {
  const byName = (a: T, b: T) => a.name.localeCompare(b.name, 'en');
  const figure = (county: T) => (sort === 'per_resident' ? county.per100k : county.value);
  return [...counties].sort((a, b) => {
    if (sort === 'name') return byName(a, b);
    const [x, y] = [figure(a), figure(b)];
    if (x === null || y === null) return x === y ? byName(a, b) : x === null ? 1 : -1;
    const order = sort === 'asc' ? compareDecimals(x, y) : compareDecimals(y, x);
    return order || byName(a, b);
  });
}
