/**
 * The one-page meeting summary of a place and one period (issue 15, point 6): each agency's
 * cell of the compliance grid (review-compliance.ts) for that period, and how many cells have
 * each status. Plain TypeScript: it picks a column of the grid the compliance view shows and
 * decides nothing of its own, so the summary and the matrix cannot disagree.
 */
import { formatDate, type Locale, type MessageKey, type PluralKey, type Translate } from '~/i18n/i18n';
import { cellCounts, COUNT_KEYS, type ComplianceCell, type ComplianceGrid, type CountKey, type GridPeriod } from './review-compliance';

export interface MeetingSummaryRow {
  agencyId: number;
  agencyName: string;
  /** Several when two requirements expect the period; in the grid's order. */
  cells: ComplianceCell[];
}

export type SummaryCountKey = CountKey;

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
    counts: COUNT_KEYS.filter((key) => tally[key] > 0).map((key) => ({ key, count: tally[key] })),
  };
}

/** One piece of a cell's words: a message, with the count of days or the date it names. */
export interface CellWord {
  key: MessageKey | PluralKey;
  count?: number;
  date?: string;
}

/**
 * A cell's words, in order: its status (late and overdue with their days, declined with its
 * date, extended with its last day), the days past due of a returned, declined or
 * nothing-to-report period, "locked", and the review decision beside (none for a returned
 * report, whose status already says so). The matrix, the summary page and its PDF all write
 * cells with these, so they cannot disagree.
 */
export function cellWords(cell: ComplianceCell): CellWord[] {
  const words: CellWord[] = [];
  const days = cell.daysLate;
  if (cell.status === 'late' && days !== null) words.push({ key: 'reviewCompliance.lateBy', count: days });
  else if (cell.status === 'overdue' && days !== null) words.push({ key: 'reviewCompliance.overdueBy', count: days });
  else if (cell.status === 'declined' && cell.declinedOn !== null) words.push({ key: 'reviewCompliance.declinedOn', date: cell.declinedOn });
  else if (cell.status === 'extended' && cell.extendedUntil !== null) words.push({ key: 'reviewCompliance.extendedUntil', date: cell.extendedUntil });
  else words.push({ key: `reviewCompliance.status.${cell.status}` as MessageKey });
  if (days !== null && cell.status !== 'late' && cell.status !== 'overdue') words.push({ key: 'reviewCompliance.daysLate', count: days });
  if (cell.locked) words.push({ key: 'reviewCompliance.locked' });
  if (cell.review && cell.status !== 'returned') words.push({ key: `reviewCompliance.review.${cell.review}` as MessageKey });
  return words;
}

/** A cell's words as text in `locale` ("Late by 3 days · Awaiting review"). */
export function cellText(cell: ComplianceCell, t: Translate, locale: Locale): string {
  return cellWords(cell)
    .map((word) => t(word.key, { ...(word.count !== undefined ? { count: word.count } : {}), ...(word.date !== undefined ? { date: formatDate(word.date, locale) } : {}) }))
    .join(' · ');
}

/** The message key of a count's label ("On time: 2"). */
export function countKey(key: SummaryCountKey): MessageKey {
  if (key === 'locked') return 'reviewCompliance.locked';
  return key === 'accepted' || key === 'awaiting_review' ? (`reviewCompliance.review.${key}` as MessageKey) : (`reviewCompliance.status.${key}` as MessageKey);
}
