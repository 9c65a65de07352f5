/**
 * The reviewers' compliance view: for each place a person reviews, its agencies × the periods
 * their requirements expect, each cell saying where the report stands. The words come from the
 * public compliance record (dashboards/compliance.ts: on time, late, returned, overdue, due, not
 * yet due) with the review decision beside them (accepted, awaiting review); a period no
 * requirement of the agency expects reads "no requirement". Plain TypeScript: it arranges
 * records the dashboards compute, and decides nothing of its own.
 */
import type { ComplianceStatus } from '~/dashboards/compliance';
import type { CompliancePeriod } from '~/dashboards/dashboard-types';
import type { ReviewState } from './counting';

export type CellStatus = ComplianceStatus | 'no_requirement';

export interface ComplianceCell {
  status: CellStatus;
  /** The reviewers' decision on the newest revision; null when nothing was submitted. */
  review: Exclude<ReviewState, 'not_submitted'> | null;
  filingId: number | null;
  revision: number | null;
  dueOn: string | null;
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
  /** One cell per period of the grid, in its order (several for a period two requirements expect). */
  cells: ComplianceCell[][];
}

export interface ComplianceGrid {
  periods: GridPeriod[];
  agencies: GridAgency[];
}

const NO_REQUIREMENT: ComplianceCell = { status: 'no_requirement', review: null, filingId: null, revision: null, dueOn: null };

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
            }));
      }),
    })),
  };
}

/** Tally of the cells by status, for the summary above a place's table. */
export function cellCounts(grid: ComplianceGrid): Record<CellStatus | 'accepted' | 'awaiting_review', number> {
  const counts: Record<string, number> = { on_time: 0, late: 0, returned: 0, overdue: 0, due: 0, not_yet_due: 0, no_requirement: 0, accepted: 0, awaiting_review: 0 };
  for (const agency of grid.agencies) {
    for (const cell of agency.cells.flat()) {
      counts[cell.status] += 1;
      if (cell.review === 'accepted' || cell.review === 'awaiting_review') counts[cell.review] += 1;
    }
  }
  return counts as Record<CellStatus | 'accepted' | 'awaiting_review', number>;
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
        ]),
      ),
    ),
  );
}
