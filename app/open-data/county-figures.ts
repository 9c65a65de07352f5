/**
 * Rules behind the county dashboard, the county comparison and their downloads: reading their
 * query strings, ordering counties, deciding which period sums may be drawn as totals, and the
 * CSV columns (stable English machine keys; the catalog gives Spanish headers with ?lang=es).
 * Plain TypeScript: no Remix, no Prisma. URLs are in ~/paths.
 */
import { COMPARE_SORTS, countyPath, type CompareSort, type Range } from '~/paths';

export const DEFAULT_COMPARE_METRIC = 'gross_cost';

/** A refused query: the message (English, for the API) and the parameter at fault (for a page's own words). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; field: string };

/** A real YYYY-MM-DD day. */
export function isDay(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** One optional query parameter, given at most once; an empty value (a blank form field) is none. */
function single(params: URLSearchParams, name: string): Parsed<string | null> {
  const values = params.getAll(name);
  if (values.length > 1) return { ok: false, message: `Give ${name} only once.`, field: name };
  const value = values[0]?.trim() ?? '';
  return { ok: true, value: value === '' ? null : value };
}

/** `from` and `to` (YYYY-MM-DD, both optional, from ≤ to). */
export function parseRange(params: URLSearchParams): Parsed<Range> {
  const range: Range = { from: null, to: null };
  for (const name of ['from', 'to'] as const) {
    const value = single(params, name);
    if (!value.ok) return value;
    if (value.value !== null && !isDay(value.value)) return { ok: false, message: `${name} must be a date as YYYY-MM-DD. Got "${value.value}".`, field: name };
    range[name] = value.value;
  }
  if (range.from && range.to && range.from > range.to) return { ok: false, message: `from (${range.from}) is after to (${range.to}).`, field: 'to' };
  return { ok: true, value: range };
}

export interface CompareQuery {
  metric: string;
  range: Range;
  sort: CompareSort;
}

/** ?metric=&from=&to=&sort= for the comparison; `allowed` are the metrics that may be compared. */
export function parseCompareQuery(params: URLSearchParams, allowed: readonly string[]): Parsed<CompareQuery> {
  const metric = single(params, 'metric');
  if (!metric.ok) return metric;
  const key = metric.value ?? DEFAULT_COMPARE_METRIC;
  if (!allowed.includes(key)) return { ok: false, message: `metric "${key}" cannot be compared across counties. Allowed metrics: ${allowed.join(', ')}.`, field: 'metric' };
  const range = parseRange(params);
  if (!range.ok) return range;
  const sort = single(params, 'sort');
  if (!sort.ok) return sort;
  const order = sort.value ?? 'desc';
  if (!(COMPARE_SORTS as readonly string[]).includes(order)) return { ok: false, message: `sort must be one of ${COMPARE_SORTS.join(', ')}. Got "${order}".`, field: 'sort' };
  return { ok: true, value: { metric: key, range: range.value, sort: order as CompareSort } };
}


export interface Coverage {
  expected: number;
  reported: number;
}

/** Every agency expected for the period has a counted report: its sums may be drawn as totals. */
export const fullyReported = (coverage: Coverage) => coverage.expected > 0 && coverage.reported >= coverage.expected;

/** A figure of a sum that not every expected agency gave ("1 of 2 agencies"): shown, marked partial. */
export const partialFigure = (figure: { value: string | null; agenciesReporting: number }, expected: number) =>
  figure.value !== null && figure.agenciesReporting < expected;

/** Period sums for a chart: null (a gap) for a period not every expected agency reported. */
export function chartValues(periods: readonly { coverage: Coverage; values: Record<string, { value: string | null }> }[], key: string): (number | null)[] {
  return periods.map((period) => {
    const value = period.values[key]?.value ?? null;
    return value !== null && fullyReported(period.coverage) ? Number(value) : null;
  });
}

/* ---------------------------------------------------------------------- */
/* CSV columns and rows                                                    */
/* ---------------------------------------------------------------------- */

export const FIGURE_COLUMNS = [
  'county',
  'county_fips',
  'period',
  'period_start',
  'period_end',
  'metric',
  'unit',
  'value',
  'status',
  'reports_with_figure',
  'reports_expected',
  'reports_counted',
  'complete',
  'per_resident',
  'per_100k_residents',
  'amended_reports',
] as const;

export const COMPLIANCE_COLUMNS = [
  'county',
  'agency',
  'agency_name',
  'place',
  'reporting_policy',
  'periods_expected',
  'on_time',
  'late',
  'returned',
  'overdue',
  'due',
  'not_yet_due',
  'on_time_percent',
  'agency_url',
] as const;

export const COMPARE_COLUMNS = [
  'county',
  'county_fips',
  'metric',
  'unit',
  'from',
  'to',
  'value',
  'status',
  'reports_counted',
  'agencies_reporting',
  'agencies_required',
  'population',
  'per_resident',
  'per_100k_residents',
  'county_url',
] as const;

type Cell = string | number | null;

export interface FigureRowInput {
  county: { name: string; fips: string | null };
  metrics: { key: string; unit: string }[];
  periods: {
    key: string;
    start: string;
    end: string;
    coverage: Coverage;
    reports: { url: string; amended: boolean }[];
    values: Record<string, { value: string | null; agenciesReporting: number; complete: boolean; perResident: string | null; per100k: string | null }>;
  }[];
  totals: {
    range: Range;
    values: Record<string, { value: string | null; periodsReported: number; complete: boolean; perResident: string | null; per100k: string | null }>;
  };
  /** Agency-periods expected, and counted, over the totals' range. */
  inRange: { expected: number; counted: number };
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/**
 * A sum's status: reported when it has a value; else no_requirement when no agency was asked for
 * the report (a county without agreements, or before any policy), which is not the same as
 * not_reported (reports were due and none counted gave the figure).
 */
export function figureStatus(value: string | null, expected: number): 'reported' | 'not_reported' | 'no_requirement' {
  if (value !== null) return 'reported';
  return expected > 0 ? 'not_reported' : 'no_requirement';
}

/**
 * One row per period and metric (one report per agency and period), then one "total" row per
 * metric over the range (its counts are agency-periods). A missing value is an empty cell with
 * status not_reported (or no_requirement when no report was expected), never 0.
 */
export function figureRows(input: FigureRowInput): Cell[][] {
  const rows: Cell[][] = [];
  for (const period of input.periods) {
    const amended = period.reports.filter((report) => report.amended).map((report) => report.url).join(' ');
    for (const metric of input.metrics) {
      const figure = period.values[metric.key];
      if (!figure) continue;
      rows.push([
        input.county.name,
        input.county.fips,
        period.key,
        period.start,
        period.end,
        metric.key,
        metric.unit,
        figure.value,
        figureStatus(figure.value, period.coverage.expected),
        figure.agenciesReporting,
        period.coverage.expected,
        period.coverage.reported,
        yesNo(figure.complete),
        figure.perResident,
        figure.per100k,
        amended || null,
      ]);
    }
  }
  const first = input.periods[0]?.start ?? null;
  const last = input.periods.at(-1)?.end ?? null;
  for (const metric of input.metrics) {
    const total = input.totals.values[metric.key];
    if (!total) continue;
    rows.push([
      input.county.name,
      input.county.fips,
      'total',
      input.totals.range.from ?? first,
      input.totals.range.to ?? last,
      metric.key,
      metric.unit,
      total.value,
      figureStatus(total.value, input.inRange.expected),
      total.periodsReported,
      input.inRange.expected,
      input.inRange.counted,
      yesNo(total.complete),
      total.perResident,
      total.per100k,
      null,
    ]);
  }
  return rows;
}

export interface ComplianceRowInput {
  county: { name: string };
  origin: string;
  agencies: {
    slug: string;
    name: string;
    place: { name: string };
    reports: boolean;
    compliance: { expected: number; counts: Record<'on_time' | 'late' | 'returned' | 'overdue' | 'due' | 'not_yet_due', number>; onTimePercent: string | null };
  }[];
}

/** One row per agency; an agency no policy asks for reports has empty counts, not zeros. */
export function complianceRows(input: ComplianceRowInput): Cell[][] {
  return input.agencies.map((agency) => {
    const { counts } = agency.compliance;
    const count = (value: number) => (agency.reports ? value : null);
    return [
      input.county.name,
      agency.slug,
      agency.name,
      agency.place.name,
      yesNo(agency.reports),
      count(agency.compliance.expected),
      count(counts.on_time),
      count(counts.late),
      count(counts.returned),
      count(counts.overdue),
      count(counts.due),
      count(counts.not_yet_due),
      agency.compliance.onTimePercent,
      `${input.origin}/agencies/${agency.slug}`,
    ];
  });
}

export interface CompareRowInput {
  metric: { key: string; unit: string };
  range: Range;
  origin: string;
  counties: {
    name: string;
    slug: string;
    fips: string | null;
    value: string | null;
    periodsReported: number;
    agenciesReporting: number;
    agenciesRequired: number;
    population: number | null;
    perResident: string | null;
    per100k: string | null;
  }[];
  stateCode: string;
}

export function compareRows(input: CompareRowInput): Cell[][] {
  return input.counties.map((county) => [
    county.name,
    county.fips,
    input.metric.key,
    input.metric.unit,
    input.range.from,
    input.range.to,
    county.value,
    figureStatus(county.value, county.agenciesRequired),
    county.periodsReported,
    county.agenciesReporting,
    county.agenciesRequired,
    county.population,
    county.perResident,
    county.per100k,
    `${input.origin}${countyPath(input.stateCode, county.slug)}`,
  ]);
}
