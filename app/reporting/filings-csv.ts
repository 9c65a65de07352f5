/**
 * Several periods' reports of one requirement as a CSV file: the template to fill in a
 * spreadsheet, and reading a filled-in file into drafts, or into problems that name the row
 * (numbered as a spreadsheet shows it: the header is row 1) and the column, each problem a code
 * with parameters that describeCsvProblem puts in the reader's language. Plain TypeScript:
 * no Remix, no Prisma. Figures go through checkDraft, the same checks as the form and the API,
 * and the server files them through the same services, which check them once more.
 *
 * The format (the upload page explains it too):
 * - `period`: the period key as on the template, 2025-Q3 (quarter), 2025-07 (month), 2025 (year).
 * - `nothing_to_report`: "yes" when the agency did no 287(g) work in the period; else empty ("no" is read as empty).
 * - one column per metric key that the requirement's governing versions ask for, in catalogue
 *   order; a cell for a metric the row's period does not ask for must stay empty.
 * - `explanation`: one text per row, given as the explanation of every explainable issue the
 *   row raises (rules.ts), so one sentence of at least 10 characters answers them all. A row
 *   without such issues ignores it (the submission keeps no stale explanation anyway).
 * Spreadsheet habits are tolerated: a UTF-8 BOM, CRLF, Excel's quoting, blank rows, a
 * semicolon- or tab-separated file, Windows-1252 or UTF-16 text, and "Jul-25" for 2025-07.
 */
import { csvFile } from '~/utils/csv-file';
import { decodeSpreadsheetText, guessDelimiter } from '~/utils/spreadsheet-text';
import { parse as parseCsv } from 'csv-parse/sync';
import type { MessageKey, Translate } from '~/i18n/i18n';
import { checkDraft, metricsForKeys, periodHasEnded, type FilingIssue } from './filing-checks';
import { describeFilingMessage, filingMessage, type FilingMessage } from './filing-messages';
import { METRICS, metricByKey } from './metrics';
import { historyOf, MIN_EXPLANATION_LENGTH } from './rules';

export const PERIOD_COLUMN = 'period';
export const NOTHING_COLUMN = 'nothing_to_report';
export const EXPLANATION_COLUMN = 'explanation';

/** Enough for 40 years of monthly reports; a larger file is most likely not a template. */
export const MAX_CSV_ROWS = 500;
export const MAX_CSV_BYTES = 1_000_000;

/** A period of the requirement, as the calendar and the database see it now. */
export interface CsvPeriod {
  key: string;
  /** First and last day, YYYY-MM-DD. */
  start: string;
  end: string;
  dueOn: string;
  /** ISO instant the deadline passes. */
  dueAt: string;
  acceptsLate: boolean;
  /** The metrics the period's governing version (or its filing's version) asks for. */
  metricKeys: string[];
  /** A revision exists: the period is amended on its page, never by CSV. */
  submitted: boolean;
}

export interface CsvRequirement {
  /** The periods the calendar expects (ended ones, and possibly the one ending today). */
  periods: CsvPeriod[];
  /** The metric columns, in catalogue order (see metricColumns). */
  metricColumns: string[];
  /** Submitted periods' latest figures, null for "nothing to report": the history rules compare with. */
  submitted: { start: string; values: Record<string, string> | null }[];
}

/** One row ready to be filed: what saveDraft takes, as typed. */
export interface CsvFiling {
  row: number;
  periodKey: string;
  start: string;
  values: Record<string, string>;
  explanations: Record<string, string>;
  nothingToReport: boolean;
}

/** Problems with the file itself, each the catalogs' `filingsCsv.error.<code>` message. */
export const CSV_PROBLEM_CODES = [
  'tooLarge',
  'tooManyRows',
  'unreadable',
  'empty',
  'noRows',
  'noPeriodColumn',
  'unknownColumn',
  'columnNotAsked',
  'unnamedColumn',
  'duplicateColumn',
  'missingColumn',
  'extraCells',
  'periodBlank',
  'periodUnknown',
  'periodNotEnded',
  'periodLate',
  'periodSubmitted',
  'duplicatePeriod',
  'notAsked',
  'nothingToReport',
] as const;
export type CsvProblemCode = (typeof CSV_PROBLEM_CODES)[number];

/**
 * What is wrong, as a code with parameters (describeCsvProblem puts it in words): with the file,
 * or with a row's figures, in the words of the form's checks (an explainable one asks for the
 * explanation column).
 */
export type CsvProblem =
  | { code: CsvProblemCode; params: Record<string, string | number> }
  | { code: 'check'; check: FilingMessage; explain: boolean };

export interface CsvIssue {
  /** Spreadsheet row (header = 1); null for the file as a whole. */
  row: number | null;
  /** The row's period as written, when it has one. */
  period: string | null;
  /** Header names the problem is about. */
  columns: string[];
  problem: CsvProblem;
}

const csvProblem = (code: CsvProblemCode, params: Record<string, string | number> = {}): CsvProblem => ({ code, params });

export type CsvReading = { ok: true; filings: CsvFiling[] } | { ok: false; issues: CsvIssue[] };

/* ---------------------------------------------------------------------- */
/* The template                                                            */
/* ---------------------------------------------------------------------- */

const CATALOGUE_ORDER = new Map(METRICS.map((metric, i) => [metric.key, i]));

/** The metric columns for these versions' keys: their union in catalogue order. */
export function metricColumns(keyLists: string[][]): string[] {
  const keys = new Set(keyLists.flat());
  return [...keys].sort((a, b) => (CATALOGUE_ORDER.get(a) ?? Infinity) - (CATALOGUE_ORDER.get(b) ?? Infinity));
}

export function templateColumns(requirement: CsvRequirement): string[] {
  return [PERIOD_COLUMN, NOTHING_COLUMN, ...requirement.metricColumns, EXPLANATION_COLUMN];
}

const isLate = (period: CsvPeriod, now: Date) => now.getTime() > Date.parse(period.dueAt);

/** Periods a CSV can file now: ended, not submitted, and not refused as late. Oldest first. */
export function periodsToFile(requirement: CsvRequirement, now: Date): CsvPeriod[] {
  return requirement.periods
    .filter((period) => !period.submitted && periodHasEnded(period.end, now) && (period.acceptsLate || !isLate(period, now)))
    .sort((a, b) => a.start.localeCompare(b.start));
}

/** The template: header, then one row per period to file with only its key filled in. */
export function templateRows(requirement: CsvRequirement, now: Date): string[][] {
  const columns = templateColumns(requirement);
  return periodsToFile(requirement, now).map((period) => columns.map((column) => (column === PERIOD_COLUMN ? period.key : '')));
}

/** The template as a file (csvFile): a BOM so Excel reads UTF-8, CRLF line ends as Excel writes them. */
export function templateCsv(requirement: CsvRequirement, now: Date): string {
  return csvFile([templateColumns(requirement), ...templateRows(requirement, now)]);
}

/* ---------------------------------------------------------------------- */
/* Reading a file                                                          */
/* ---------------------------------------------------------------------- */

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const pad = (month: number) => String(month).padStart(2, '0');

/**
 * A period cell as a period key. Spreadsheets turn "2025-07" into a date when they open a CSV
 * and save it back as "Jul-25", "7/1/2025" or "2025-07-01", so those are read as the month.
 * Anything else is returned trimmed, for the caller to refuse.
 */
export function periodKeyOf(cell: string): string {
  const text = cell.trim();
  let match = /^(\d{4})-q([1-4])$/i.exec(text);
  if (match) return `${match[1]}-Q${match[2]}`;
  match = /^(\d{4})-(\d{1,2})(?:-01)?$/.exec(text);
  if (match && Number(match[2]) >= 1 && Number(match[2]) <= 12) return `${match[1]}-${pad(Number(match[2]))}`;
  match = /^([a-z]{3})[a-z]*[-\s]+(\d{2}|\d{4})$/i.exec(text);
  if (match && MONTHS.includes(match[1].toLowerCase())) {
    const year = match[2].length === 2 ? `20${match[2]}` : match[2];
    return `${year}-${pad(MONTHS.indexOf(match[1].toLowerCase()) + 1)}`;
  }
  match = /^(\d{1,2})\/(?:0?1\/)?(\d{4})$/.exec(text);
  if (match && Number(match[1]) >= 1 && Number(match[1]) <= 12) return `${match[2]}-${pad(Number(match[1]))}`;
  return text;
}

/** "A", "B", …, "Z", "AA": a column as a spreadsheet names it. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

const blank = (cell: string | undefined) => cell === undefined || cell.trim() === '';

/** How a problem's place reads: "Row 3 (2025-Q2), column detainers_honored". */
export function issueWhere(issue: CsvIssue, t: Translate): string {
  if (issue.row === null) return t('filingsCsv.where.file');
  const where = issue.period ? t('filingsCsv.where.rowPeriod', { row: issue.row, period: issue.period }) : t('filingsCsv.where.row', { row: issue.row });
  if (issue.columns.length === 0) return where;
  if (issue.columns.length === 1) return t('filingsCsv.where.column', { where, column: issue.columns[0] });
  return t('filingsCsv.where.columns', { where, columns: issue.columns.join(', ') });
}

/** A problem in the translator's language. */
export function describeCsvProblem(t: Translate, problem: CsvProblem): string {
  if (problem.code === 'check') {
    const message = describeFilingMessage(t, problem.check);
    return problem.explain ? t('filingsCsv.error.explain', { message, min: MIN_EXPLANATION_LENGTH }) : message;
  }
  // A missing column is named by its key and, for people, by its metric's label.
  const params = problem.code === 'missingColumn' ? { ...problem.params, label: t(`metric.${problem.params.column}.label` as MessageKey) } : problem.params;
  return t(`filingsCsv.error.${problem.code}`, params);
}

/** A field the filing service names, as the column it came from (unknown fields: none). */
function columnOf(field: string, header: Set<string>): string | null {
  if (field === 'nothingToReport') return NOTHING_COLUMN;
  if (field === 'periodKey') return PERIOD_COLUMN;
  return header.has(field) ? field : null;
}

/**
 * The filing service's issues about one row, as CSV problems. Blocking issues only: a warning
 * that is explained, or one that does not block, is no reason to refuse the file.
 */
export function rowIssues(issues: FilingIssue[], at: { row: number; period: string }, header: Set<string>): CsvIssue[] {
  return issues
    .filter((issue) => issue.blocking)
    .map((issue) => {
      const columns = issue.fields.map((field) => columnOf(field, header)).filter((column): column is string => column !== null);
      const check: CsvProblem = { code: 'check', check: issue.message, explain: issue.explainable };
      return { ...at, columns: issue.explainable ? [...columns, EXPLANATION_COLUMN] : columns, problem: check };
    });
}

interface CsvRecord {
  row: number;
  cells: string[];
}

function readRecords(text: string): CsvRecord[] | { line: number } {
  try {
    const records: string[][] = parseCsv(text, {
      delimiter: guessDelimiter(text),
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
    });
    // Record number = the row a spreadsheet shows (a quoted line break stays in its row).
    return records.map((cells, i) => ({ row: i + 1, cells }));
  } catch (error) {
    const line = typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : 1;
    return { line };
  }
}

/** A row read from the file, before the figures are checked. */
interface PendingRow {
  row: number;
  period: CsvPeriod;
  values: Record<string, string>;
  explanation: string;
  nothingToReport: boolean;
}

/** The header row: which column holds what. */
interface CsvHeader {
  row: number;
  /** How many cells the header row has: a row's cells beyond them are extra. */
  width: number;
  /** Column name → its index, for the columns read (unreadable ones are left out). */
  columnIndex: Map<string, number>;
}

const cellOf = (header: CsvHeader, record: CsvRecord, column: string) => {
  const index = header.columnIndex.get(column);
  return index === undefined ? '' : (record.cells[index] ?? '');
};

/** Reads the header row. Unreadable columns are reported and their cells ignored. */
function readHeader(headerRecord: CsvRecord, dataRecords: CsvRecord[], requirement: CsvRequirement): { header: CsvHeader; issues: CsvIssue[] } {
  const issues: CsvIssue[] = [];
  const headerAt = (column: string, problem: CsvProblem) => issues.push({ row: headerRecord.row, period: null, columns: [column], problem });
  const known = new Set(templateColumns(requirement));
  const names = headerRecord.cells.map((cell, i) => (i === 0 ? cell.replace(/^\ufeff/, '') : cell).trim().toLowerCase());
  const columnIndex = new Map<string, number>();
  names.forEach((name, i) => {
    if (name === '') {
      if (dataRecords.some((record) => !blank(record.cells[i]))) headerAt(columnLetter(i), csvProblem('unnamedColumn', { letter: columnLetter(i) }));
    } else if (columnIndex.has(name)) {
      headerAt(name, csvProblem('duplicateColumn', { column: name }));
    } else if (known.has(name)) {
      columnIndex.set(name, i);
    } else {
      const metric = metricByKey(name);
      if (metric?.derived) headerAt(name, { code: 'check', check: filingMessage('metric_derived', { key: name }), explain: false });
      else if (metric) headerAt(name, csvProblem('columnNotAsked', { column: name }));
      else headerAt(name, csvProblem('unknownColumn', { column: name }));
    }
  });
  return { header: { row: headerRecord.row, width: names.length, columnIndex }, issues };
}

/** Why a row's period cannot be filed by CSV: the same refusals as openFiling and submitFiling, found before anything is written. */
function periodRefusal(period: CsvPeriod | undefined, typed: string, key: string, example: string, now: Date): CsvProblem | null {
  if (!period) return csvProblem('periodUnknown', { period: typed, example });
  if (period.submitted) return csvProblem('periodSubmitted', { period: key });
  if (!periodHasEnded(period.end, now)) return csvProblem('periodNotEnded', { end: period.end });
  if (!period.acceptsLate && isLate(period, now)) return csvProblem('periodLate', { due: period.dueOn });
  return null;
}

/**
 * Each row's period, then its cells: the rows to check further, and the metric columns missing
 * from the header (column → the periods that ask for it), reported once at the header.
 */
function readRows(dataRecords: CsvRecord[], header: CsvHeader, requirement: CsvRequirement, now: Date) {
  const issues: CsvIssue[] = [];
  const byKey = new Map(requirement.periods.map((period) => [period.key, period]));
  const example = periodsToFile(requirement, now)[0]?.key ?? requirement.periods.at(-1)?.key ?? '2025-Q3';
  const seen = new Map<string, number>();
  const pending: PendingRow[] = [];
  const missing = new Map<string, string[]>();
  for (const record of dataRecords) {
    const cell = (column: string) => cellOf(header, record, column);
    const typed = cell(PERIOD_COLUMN).trim();
    const key = periodKeyOf(typed);
    const rowIssue = (columns: string[], problem: CsvProblem) => issues.push({ row: record.row, period: typed === '' ? null : key, columns, problem });
    if (record.cells.slice(header.width).some((extra) => !blank(extra))) rowIssue([], csvProblem('extraCells'));

    if (typed === '') {
      rowIssue([PERIOD_COLUMN], csvProblem('periodBlank', { example }));
      continue;
    }
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      rowIssue([PERIOD_COLUMN], csvProblem('duplicatePeriod', { period: key, row: earlier }));
      continue;
    }
    seen.set(key, record.row);
    const period = byKey.get(key);
    // A row that cannot be filed is not checked further: its figures would only add noise.
    const refusal = periodRefusal(period, typed, key, example, now);
    if (!period || refusal !== null) {
      if (refusal) rowIssue([PERIOD_COLUMN], refusal);
      continue;
    }

    const nothing = cell(NOTHING_COLUMN).trim().toLowerCase();
    if (nothing !== '' && nothing !== 'yes' && nothing !== 'no') rowIssue([NOTHING_COLUMN], csvProblem('nothingToReport'));

    const asks = new Set(period.metricKeys);
    const values: Record<string, string> = {};
    for (const key of period.metricKeys) {
      values[key] = cell(key);
      const metric = metricByKey(key);
      if (!header.columnIndex.has(key) && metric && !metric.breakdownOf) missing.set(key, [...(missing.get(key) ?? []), period.key]);
    }
    for (const column of requirement.metricColumns) {
      if (!asks.has(column) && !blank(cell(column))) rowIssue([column], csvProblem('notAsked', { period: period.key }));
    }
    pending.push({ row: record.row, period, values, explanation: cell(EXPLANATION_COLUMN).trim(), nothingToReport: nothing === 'yes' });
  }
  for (const [column, periods] of missing) {
    issues.push({ row: header.row, period: null, columns: [column], problem: csvProblem('missingColumn', { column, periods: periods.join(', '), count: periods.length }) });
  }
  return { pending, missing, issues };
}

/**
 * The rows' figures, oldest period first: each row's history holds the submitted periods and the
 * rows before it, as submitFiling will see them once those rows are in.
 */
function checkFigures(pending: PendingRow[], requirement: CsvRequirement, missing: Map<string, string[]>, header: CsvHeader) {
  const issues: CsvIssue[] = [];
  const columns = new Set(header.columnIndex.keys());
  const history: { start: string; values: Record<string, string> | null }[] = [...requirement.submitted];
  const filings: CsvFiling[] = [];
  for (const row of [...pending].sort((a, b) => a.period.start.localeCompare(b.period.start))) {
    const before = historyOf([...history].sort((a, b) => a.start.localeCompare(b.start)).filter((entry) => entry.start < row.period.start));
    const metrics = metricsForKeys(row.period.metricKeys);
    const draft = { metrics, values: row.values, nothingToReport: row.nothingToReport, history: before };
    // The row's one explanation answers each explainable issue it raises.
    const raised = checkDraft({ ...draft, explanations: {} }).ruleIssues.filter((issue) => issue.explainable);
    const explanations = row.explanation === '' ? {} : Object.fromEntries(raised.map((issue) => [issue.rule, row.explanation]));
    const check = checkDraft({ ...draft, explanations });
    const at = { row: row.row, period: row.period.key };
    // A value missing because its whole column is missing is already said once, at the header.
    const found = check.issues.filter((issue) => !(issue.source === 'value' && issue.fields.length === 1 && missing.has(issue.fields[0])));
    issues.push(...rowIssues(found, at, columns));
    history.push({ start: row.period.start, values: row.nothingToReport ? null : check.values });
    filings.push({ row: row.row, periodKey: row.period.key, start: row.period.start, values: row.values, explanations, nothingToReport: row.nothingToReport });
  }
  return { filings, issues };
}

/**
 * Reads an uploaded file against the requirement: every problem at once (header, periods,
 * cells, rules), or the drafts to file, oldest period first so that each one's history rules
 * see the rows before it as the submissions will. The header is read first, then each row's
 * period and cells, then the figures.
 */
export function readFilingsCsv(bytes: Uint8Array, requirement: CsvRequirement, now: Date): CsvReading {
  const fileIssue = (problem: CsvProblem): CsvReading => ({ ok: false, issues: [{ row: null, period: null, columns: [], problem }] });
  if (bytes.length > MAX_CSV_BYTES) return fileIssue(csvProblem('tooLarge', { megabytes: MAX_CSV_BYTES / 1_000_000, rows: MAX_CSV_ROWS }));
  const read = readRecords(decodeSpreadsheetText(bytes));
  if (!Array.isArray(read)) return fileIssue(csvProblem('unreadable', { line: read.line }));
  const records = read.filter((record) => record.cells.some((cell) => !blank(cell)));
  if (records.length === 0) return fileIssue(csvProblem('empty'));
  const [headerRecord, ...dataRecords] = records;
  if (dataRecords.length > MAX_CSV_ROWS) return fileIssue(csvProblem('tooManyRows', { count: dataRecords.length, max: MAX_CSV_ROWS }));

  const { header, issues: headerIssues } = readHeader(headerRecord, dataRecords, requirement);
  if (!header.columnIndex.has(PERIOD_COLUMN)) {
    return { ok: false, issues: [{ row: header.row, period: null, columns: [PERIOD_COLUMN], problem: csvProblem('noPeriodColumn') }, ...headerIssues] };
  }
  if (dataRecords.length === 0) return { ok: false, issues: [...headerIssues, { row: null, period: null, columns: [], problem: csvProblem('noRows') }] };
  const rows = readRows(dataRecords, header, requirement, now);
  const figures = checkFigures(rows.pending, requirement, rows.missing, header);

  const issues = [...headerIssues, ...rows.issues, ...figures.issues];
  if (issues.length > 0) {
    const order = (issue: CsvIssue) => issue.row ?? 0;
    return { ok: false, issues: issues.map((issue, i) => ({ issue, i })).sort((a, b) => order(a.issue) - order(b.issue) || a.i - b.i).map(({ issue }) => issue) };
  }
  return { ok: true, filings: figures.filings };
}
