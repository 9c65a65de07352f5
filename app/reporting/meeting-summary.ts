/**
 * The one-page meeting summary of a place and one period (issue 15, point 6): each agency's
 * cell of the compliance grid (review-compliance.ts) for that period, and how many cells have
 * each status. Plain TypeScript: it picks a column of the grid the compliance view shows and
 * decides nothing of its own, so the summary and the matrix cannot disagree.
 */
import type { MessageKey } from '~/i18n/i18n';
import { cellCounts, type CellStatus, type ComplianceCell, type ComplianceGrid, type GridPeriod } from './review-compliance';

export interface MeetingSummaryRow {
  agencyId: number;
  agencyName: string;
  /** Several when two requirements expect the period; in the grid's order. */
  cells: ComplianceCell[];
}

export type SummaryCountKey = CellStatus | 'accepted' | 'awaiting_review';

export interface MeetingSummary {
  period: GridPeriod;
  rows: MeetingSummaryRow[];
  /** Only the statuses (and review decisions) that occur, in the matrix's tally order. */
  counts: { key: SummaryCountKey; count: number }[];
}

/** A period key as the calendar writes them ("2025-Q1", "2025-03", "2025-H2", "2025"): anything else is a malformed request. */
export function isPeriodKeyShape(value: string): boolean {
  return /^\d{4}(-[A-Z0-9]{1,3})?$/.test(value);
}

/** The grid's column of `periodKey` as a summary; null when the grid has no such period. */
export function meetingSummary(grid: ComplianceGrid, periodKey: string): MeetingSummary | null {
  const index = grid.periods.findIndex((period) => period.key === periodKey);
  if (index < 0) return null;
  const column: ComplianceGrid = { periods: [grid.periods[index]], agencies: grid.agencies.map((agency) => ({ ...agency, cells: [agency.cells[index]] })) };
  const tally = cellCounts(column);
  return {
    period: grid.periods[index],
    rows: grid.agencies.map((agency) => ({ agencyId: agency.id, agencyName: agency.name, cells: agency.cells[index] })),
    counts: (Object.keys(tally) as SummaryCountKey[]).filter((key) => tally[key] > 0).map((key) => ({ key, count: tally[key] })),
  };
}

/**
 * The message keys of a cell's words: its status, and the review decision beside it (none for a
 * returned report, whose status already says so). The compliance view writes its cells with these.
 */
export function cellWordKeys(cell: ComplianceCell): MessageKey[] {
  const status = `reviewCompliance.status.${cell.status}` as MessageKey;
  return cell.review && cell.status !== 'returned' ? [status, `reviewCompliance.review.${cell.review}` as MessageKey] : [status];
}

/** The message key of a count's label ("On time: 2"). */
export function countKey(key: SummaryCountKey): MessageKey {
  return key === 'accepted' || key === 'awaiting_review' ? (`reviewCompliance.review.${key}` as MessageKey) : (`reviewCompliance.status.${key}` as MessageKey);
}
