/**
 * The reviewers' compliance view: for each place a person reviews, its agencies × the periods
 * their requirements expect, each cell saying where the report stands. The words come from the
 * public compliance record (dashboards/compliance.ts: on time, late and by how many days,
 * nothing to report, returned, declined, extended, overdue and by how many days, due, not yet
 * due, locked) with the review decision beside them (accepted, awaiting review); a period no
 * requirement of the agency expects reads "no requirement". Plain TypeScript: it arranges and
 * filters records the dashboards compute, and decides nothing of its own.
 */
import { COMPLIANCE_STATUSES, type ComplianceStatus, type Timeliness } from '~/dashboards/compliance';
import type { CompliancePeriod } from '~/dashboards/dashboard-types';
import { isCalendarDate } from './calendar';
import type { ReviewState } from './counting';

export type CellStatus = ComplianceStatus | 'no_requirement';

export interface ComplianceCell {
  status: CellStatus;
  /** The reviewers' decision on the newest revision; null when nothing was submitted. */
  review: Exclude<ReviewState, 'not_submitted'> | null;
  filingId: number | null;
  revision: number | null;
  dueOn: string | null;
  requirementId: number | null;
  timeliness: Timeliness | null;
  /** New York days past the due date (late filing, or unfiled after it); null otherwise. */
  daysLate: number | null;
  locked: boolean;
  /** The governing extension's last day, when the status is 'extended'. */
  extendedUntil: string | null;
  /** The agency's refusal's date, when the status is 'declined'. */
  declinedOn: string | null;
}

export interface GridPeriod {
  key: string;
  start: string;
  end: string;
}

export interface GridAgency {
  id: number;
  name: string;
  slug: string;
  /** One cell per period of the grid, in its order (several for a period two requirements expect; none when a filter leaves none). */
  cells: ComplianceCell[][];
}

export interface ComplianceGrid {
  periods: GridPeriod[];
  agencies: GridAgency[];
}

const NO_REQUIREMENT: ComplianceCell = {
  status: 'no_requirement',
  review: null,
  filingId: null,
  revision: null,
  dueOn: null,
  requirementId: null,
  timeliness: null,
  daysLate: null,
  locked: false,
  extendedUntil: null,
  declinedOn: null,
};

/** The agencies' compliance records as one table: the periods any of them expects, oldest first. */
export function complianceGrid(agencies: { id: number; name: string; slug: string; record: CompliancePeriod[] }[]): ComplianceGrid {
  const periods = new Map<string, GridPeriod>();
  for (const agency of agencies) for (const period of agency.record) periods.set(period.key, { key: period.key, start: period.start, end: period.end });
  const ordered = [...periods.values()].sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end) || a.key.localeCompare(b.key));
  return {
    periods: ordered,
    agencies: agencies.map((agency) => ({
      id: agency.id,
      name: agency.name,
      slug: agency.slug,
      cells: ordered.map((period) => {
        const entries = agency.record.filter((entry) => entry.key === period.key);
        return entries.length === 0
          ? [NO_REQUIREMENT]
          : entries.map((entry) => ({
              status: entry.status,
              review: entry.review === 'not_submitted' ? null : entry.review,
              filingId: entry.filingId,
              revision: entry.latestRevision,
              dueOn: entry.dueOn,
              requirementId: entry.requirementId,
              timeliness: entry.timeliness,
              daysLate: entry.daysLate,
              locked: entry.locked,
              extendedUntil: entry.status === 'extended' ? entry.extendedUntil : null,
              declinedOn: entry.declinedOn,
            }));
      }),
    })),
  };
}

export type CountKey = CellStatus | 'accepted' | 'awaiting_review' | 'locked';

/** Every key a tally has, in the order it lists them; a filter may ask for any of them. */
export const COUNT_KEYS: readonly CountKey[] = [...COMPLIANCE_STATUSES, 'no_requirement', 'accepted', 'awaiting_review', 'locked'];

/** Tally of the cells by status, review decision and lock, for the summary above a place's table. */
export function cellCounts(grid: ComplianceGrid): Record<CountKey, number> {
  const counts = Object.fromEntries(COUNT_KEYS.map((key) => [key, 0])) as Record<CountKey, number>;
  for (const agency of grid.agencies) {
    for (const cell of agency.cells.flat()) {
      counts[cell.status] += 1;
      if (cell.review === 'accepted' || cell.review === 'awaiting_review') counts[cell.review] += 1;
      if (cell.locked) counts.locked += 1;
    }
  }
  return counts;
}

/* ---------------------------------------------------------------------- */
/* Filters                                                                 */
/* ---------------------------------------------------------------------- */


export interface ComplianceFilter {
  status: CountKey | null;
  agencyId: number | null;
  policyId: number | null;
  requirementId: number | null;
  /** Periods that start on or after this day (YYYY-MM-DD). */
  from: string | null;
  /** Periods that end on or before this day (YYYY-MM-DD). */
  to: string | null;
}

export const NO_FILTER: ComplianceFilter = { status: null, agencyId: null, policyId: null, requirementId: null, from: null, to: null };

const idParam = (value: string | null) => (value !== null && /^[1-9]\d{0,9}$/.test(value) && Number(value) <= 2_147_483_647 ? Number(value) : null);
const dateParam = (value: string | null) => (value !== null && isCalendarDate(value) ? value : null);

/** The filter of a GET query (?status=&agency=&policy=&requirement=&from=&to=): anything unreadable is no filter rather than an error. */
export function parseComplianceFilter(query: URLSearchParams): ComplianceFilter {
  const status = query.get('status');
  return {
    status: status !== null && (COUNT_KEYS as readonly string[]).includes(status) ? (status as CountKey) : null,
    agencyId: idParam(query.get('agency')),
    policyId: idParam(query.get('policy')),
    requirementId: idParam(query.get('requirement')),
    from: dateParam(query.get('from')),
    to: dateParam(query.get('to')),
  };
}

/** The filter as a query string (for the CSV link), empty values left out. */
export function filterQuery(filter: ComplianceFilter): string {
  const pairs: [string, string | number | null][] = [
    ['status', filter.status],
    ['agency', filter.agencyId],
    ['policy', filter.policyId],
    ['requirement', filter.requirementId],
    ['from', filter.from],
    ['to', filter.to],
  ];
  const query = new URLSearchParams(pairs.filter((pair): pair is [string, string | number] => pair[1] !== null).map(([key, value]) => [key, String(value)]));
  const text = query.toString();
  return text ? `?${text}` : '';
}

export const isFiltered = (filter: ComplianceFilter) => Object.values(filter).some((value) => value !== null);

function cellMatches(cell: ComplianceCell, filter: ComplianceFilter, policyOf: (requirementId: number) => number | null): boolean {
  if (filter.status === 'accepted' || filter.status === 'awaiting_review') {
    if (cell.review !== filter.status || cell.status === 'returned') return false;
  } else if (filter.status === 'locked') {
    if (!cell.locked) return false;
  } else if (filter.status !== null && cell.status !== filter.status) return false;
  if (filter.requirementId !== null && cell.requirementId !== filter.requirementId) return false;
  if (filter.policyId !== null && (cell.requirementId === null || policyOf(cell.requirementId) !== filter.policyId)) return false;
  return true;
}

/**
 * The grid narrowed by `filter`: the periods in the date range, the agency asked for, and only
 * the cells that match; an agency or period left with no matching cell is dropped. Without a
 * filter the grid is returned as it is.
 */
export function filterGrid(grid: ComplianceGrid, filter: ComplianceFilter, policyOf: (requirementId: number) => number | null = () => null): ComplianceGrid {
  if (!isFiltered(filter)) return grid;
  const periodIndexes = grid.periods
    .map((period, i) => ({ period, i }))
    .filter(({ period }) => (filter.from === null || period.start >= filter.from) && (filter.to === null || period.end <= filter.to));
  const onlyRecorded = filter.status !== null || filter.policyId !== null || filter.requirementId !== null;
  const agencies = grid.agencies
    .filter((agency) => filter.agencyId === null || agency.id === filter.agencyId)
    .map((agency) => ({ ...agency, cells: periodIndexes.map(({ i }) => agency.cells[i].filter((cell) => (onlyRecorded ? cellMatches(cell, filter, policyOf) : true))) }));
  const keptPeriods = periodIndexes.map((_, j) => j).filter((j) => agencies.some((agency) => agency.cells[j].length > 0));
  return {
    periods: keptPeriods.map((j) => periodIndexes[j].period),
    agencies: agencies
      .map((agency) => ({ ...agency, cells: keptPeriods.map((j) => agency.cells[j]) }))
      .filter((agency) => agency.cells.some((cells) => cells.length > 0)),
  };
}

export const REVIEW_COMPLIANCE_COLUMNS = [
  'place',
  'agency',
  'agency_name',
  'period',
  'period_start',
  'period_end',
  'due_on',
  'status',
  'review',
  'revision',
  'review_url',
  'requirement',
  'days_late',
  'locked',
  'extended_until',
  'declined_on',
] as const;

/** The grid as CSV rows, one per agency, period and requirement (codes, not words: a program reads them). */
export function complianceCsvRows(places: { name: string; grid: ComplianceGrid }[], origin: string): (string | number | null)[][] {
  return places.flatMap(({ name, grid }) =>
    grid.agencies.flatMap((agency) =>
      grid.periods.flatMap((period, i) =>
        agency.cells[i].map((cell) => [
          name,
          agency.slug,
          agency.name,
          period.key,
          period.start,
          period.end,
          cell.dueOn,
          cell.status,
          cell.review,
          cell.revision,
          cell.filingId === null || cell.review === null ? null : `${origin}/review/filings/${cell.filingId}`,
          cell.requirementId,
          cell.daysLate,
          cell.locked ? 'yes' : 'no',
          cell.extendedUntil,
          cell.declinedOn,
        ]),
      ),
    ),
  );
}
