/**
 * Reader for ICE's published 287(g) lists ("participating" and "pending"
 * agencies), as XLSX or as CSV exported from those sheets.
 *
 * Pure: takes the file's bytes and returns plain values. No Remix, Prisma or
 * file-system access here, so the same code serves uploads, seeds and tests.
 */
import type { Message } from '~/i18n/message';
import { decodeSpreadsheetText, guessDelimiter, looksBinary } from '~/utils/spreadsheet-text';
import { IceListError, RowWarning } from './ice-list-messages';
import { ICE_LIST_LIMITS, limitRefusal, NOT_READABLE, type IceListLimits } from './ice-list-limits';
import { webAddress } from './ice-list-links';
import { readXlsx, type Cell, type Sheet, type SheetRow, type Workbook } from './ice-list-xlsx';
import { agreementKey, cleanName, findState } from './names';
import { parse as parseCsv } from 'csv-parse/sync';

export type ListKind = 'participating' | 'pending';
export type AgreementModel = 'JEM' | 'WSO' | 'TFM';
export type AgencyKind = 'SHERIFF' | 'POLICE' | 'JAIL' | 'STATE_AGENCY' | 'OTHER';
export type IceAgencyType = 'COUNTY' | 'MUNICIPALITY' | 'STATE_AGENCY';
export type MoaLinkState = 'LINKED' | 'PENDING' | 'NONE';

export interface IceRow {
  /** 1-based spreadsheet row (header is row 1). */
  rowNumber: number;
  /** USPS code, e.g. 'NC'. */
  stateCode: string;
  /** Proper case, e.g. 'North Carolina'. */
  stateName: string;
  /** Trimmed, internal whitespace collapsed, curly apostrophes replaced by '. */
  agencyName: string;
  agencyKind: AgencyKind;
  iceType: IceAgencyType;
  /** Null when the cell is blank or an Excel error such as #N/A. */
  countyName: string | null;
  model: AgreementModel;
  /** 'YYYY-MM-DD'; always null in pending lists. */
  signedOn: string | null;
  moaLink: MoaLinkState;
  /** Hyperlink target when present, as given. */
  moaUrl: string | null;
  hasAddendum: boolean;
}

export interface ListWarning {
  rowNumber: number;
  /** In English, as the command line prints it and the import record stores it. */
  message: string;
  /** The same as message codes, for a page in its reader's language (the list reader's warnings have them). */
  readonly messages?: Message[];
}

export interface ParsedIceList {
  kind: ListKind;
  /** Header names as found (trimmed), in sheet order. */
  columns: string[];
  rows: IceRow[];
  warnings: RowWarning[];
  /** XLSX workbook modified (or created) date as YYYY-MM-DD; null for CSV. */
  documentDate: string | null;
}

export { IceListError };

export const MODEL_LABELS: Record<AgreementModel, string> = {
  JEM: 'Jail Enforcement Model',
  WSO: 'Warrant Service Officer',
  TFM: 'Task Force Model',
};

/** 'participating-2025-07-18.xlsx' → '2025-07-18'; null when no valid date is in the name. */
export function dateFromListFileName(fileName: string): string | null {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const match = /(\d{4})[-_.](\d{2})[-_.](\d{2})/.exec(base);
  if (!match) return null;
  return isoDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

/* ------------------------------------------------------------------------ */
/* Reading bytes into rows of cells                                          */
/* ------------------------------------------------------------------------ */

const EMPTY_FILE: Message = { key: 'iceList.empty' };

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04]; // "PK\x03\x04": XLSX is a zip
const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // old .xls / .doc

async function readWorkbook(bytes: Uint8Array, limits: IceListLimits): Promise<Workbook> {
  if (bytes.length > limits.maxFileBytes) throw limitRefusal.tooLarge(limits.maxFileBytes);
  if (startsWith(bytes, ZIP_MAGIC)) return readXlsx(bytes, limits);
  if (startsWith(bytes, PDF_MAGIC)) {
    throw new IceListError(NOT_READABLE, [{ key: 'iceList.looksLikePdf' }]);
  }
  if (startsWith(bytes, OLE_MAGIC)) {
    throw new IceListError(NOT_READABLE, [{ key: 'iceList.looksLikeXls' }]);
  }
  return { sheets: [readCsv(decodeText(bytes), limits)], documentDate: null };
}

/** Bytes → text for CSV; rejects content that is clearly binary. */
function decodeText(bytes: Uint8Array): string {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  if (!utf16 && looksBinary(bytes)) throw new IceListError(NOT_READABLE);
  return decodeSpreadsheetText(bytes);
}

function readCsv(text: string, limits: IceListLimits): Sheet {
  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter: guessDelimiter(text),
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      // Bounds one record's buffer, so that a file of one endless line or cell stops early.
      max_record_size: limits.maxColumns * limits.maxCellChars,
      // Checked as each record is read, so that reading stops at the first limit crossed.
      on_record: (record: string[], context: { lines: number; records: number }) => {
        if (context.records > limits.maxRows) throw limitRefusal.tooManyRows(limits.maxRows);
        if (record.length > limits.maxColumns) throw limitRefusal.tooManyColumns(context.lines, limits.maxColumns);
        if (record.some((field) => field.length > limits.maxCellChars)) throw limitRefusal.cellTooLong(context.lines, limits.maxCellChars);
        return record;
      },
    });
  } catch (error) {
    if (error instanceof IceListError) throw error;
    if ((error as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') throw limitRefusal.cellTooLong(1 + ((error as { lines?: number }).lines ?? 0), limits.maxCellChars);
    throw new IceListError(NOT_READABLE);
  }
  // Record number = the row a spreadsheet program shows when opening the CSV.
  const rows = records.map((fields, i) => ({
    rowNumber: i + 1,
    cells: fields.map((field) => ({ text: field })),
  }));
  return { rows: rows.filter((row) => !isBlankRow(row)) };
}

/** Comma unless the first line clearly uses semicolons or tabs (European Excel, TSV). */
/* ------------------------------------------------------------------------ */
/* Header                                                                     */
/* ------------------------------------------------------------------------ */

const REQUIRED_COLUMNS = ['STATE', 'LAW ENFORCEMENT AGENCY', 'TYPE', 'COUNTY', 'SUPPORT TYPE'] as const;
const OPTIONAL_COLUMNS = ['SIGNED', 'MOA', 'ADDENDUM'] as const;
type ColumnName = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number];
type ColumnIndex = Partial<Record<ColumnName, number>>;

/** How many leading non-blank rows may hold the header (title lines above it are skipped). */
const HEADER_SEARCH_ROWS = 10;

interface Header {
  sheet: Sheet;
  headerRow: SheetRow;
  index: ColumnIndex;
  columns: string[];
}

function headerName(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toUpperCase();
}

function indexColumns(row: SheetRow): ColumnIndex {
  const index: ColumnIndex = {};
  const known = new Set<string>([...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS]);
  row.cells.forEach((cell, col) => {
    const name = headerName(cell.text);
    if (known.has(name) && index[name as ColumnName] === undefined) index[name as ColumnName] = col;
  });
  return index;
}

function missingRequired(index: ColumnIndex): string[] {
  return REQUIRED_COLUMNS.filter((name) => index[name] === undefined);
}

function isBlankCell(cell: Cell | undefined): boolean {
  return !cell || cell.error === true || (cell.text.trim() === '' && !cell.url && !cell.date);
}

function isBlankRow(row: SheetRow): boolean {
  return row.cells.every(isBlankCell);
}

/** Find the header row: the first sheet whose first rows contain all required columns. */
function findHeader(workbook: Workbook): Header {
  let best: { row: SheetRow; index: ColumnIndex; found: number } | null = null;
  for (const sheet of workbook.sheets) {
    const candidates = sheet.rows.filter((row) => !isBlankRow(row)).slice(0, HEADER_SEARCH_ROWS);
    for (const row of candidates) {
      const index = indexColumns(row);
      const found = REQUIRED_COLUMNS.length - missingRequired(index).length;
      if (found === REQUIRED_COLUMNS.length) {
        const columns = row.cells.map((c) => c.text.trim()).filter((t) => t !== '');
        return { sheet, headerRow: row, index, columns };
      }
      if (!best || found > best.found) best = { row, index, found };
    }
  }
  if (!best) throw new IceListError(EMPTY_FILE);
  throw missingColumns(missingRequired(best.index), best.row);
}

function missingColumns(missing: string[], row: SheetRow): IceListError {
  const found = row.cells.map((c) => c.text.trim()).filter((t) => t !== '');
  const foundNote: Message[] = found.length > 0 ? [{ key: 'iceList.columnsFound', params: { found: found.slice(0, 12).join(', ') } }] : [];
  return new IceListError({ key: 'iceList.missingColumns', params: { count: missing.length, missing: missing.join(', '), expected: REQUIRED_COLUMNS.join(', ') } }, foundNote);
}

/** Participating lists carry SIGNED; MOA alone (without SIGNED) is a broken participating list. */
function detectKind(header: Header): ListKind {
  if (header.index.SIGNED !== undefined) return 'participating';
  if (header.index.MOA !== undefined) {
    throw missingColumns(['SIGNED'], header.headerRow);
  }
  return 'pending';
}

/* ------------------------------------------------------------------------ */
/* Cell values                                                               */
/* ------------------------------------------------------------------------ */

const ICE_TYPES: Record<string, IceAgencyType> = {
  COUNTY: 'COUNTY',
  MUNICIPALITY: 'MUNICIPALITY',
  'STATE AGENCY': 'STATE_AGENCY',
  STATE: 'STATE_AGENCY',
};

const MODELS: Record<string, AgreementModel> = {
  'JAIL ENFORCEMENT MODEL': 'JEM',
  'JAIL ENFORCEMENT': 'JEM',
  JEM: 'JEM',
  'WARRANT SERVICE OFFICER': 'WSO',
  'WARRANT SERVICE OFFICER MODEL': 'WSO',
  WSO: 'WSO',
  'TASK FORCE MODEL': 'TFM',
  'TASK FORCE': 'TFM',
  TFM: 'TFM',
};

export function agencyKindOf(name: string, iceType: IceAgencyType): AgencyKind {
  if (/sheriff/i.test(name)) return 'SHERIFF';
  if (/police|public safety/i.test(name)) return 'POLICE';
  if (/jail|detention|correction/i.test(name)) return 'JAIL';
  if (iceType === 'STATE_AGENCY') return 'STATE_AGENCY';
  return 'OTHER';
}

/** "No value" text: Excel errors as exported to CSV, and typed "N/A" or "#NA" (both occur in ICE's sheets). */
function isErrorText(text: string): boolean {
  return /^#(REF!|VALUE!|NAME\?|DIV\/0!|NULL!|NUM!)$/i.test(text) || /^#?N\/?A$/i.test(text);
}

function countyOf(cell: Cell | undefined): string | null {
  if (!cell || cell.error) return null;
  const text = cleanName(cell.text);
  return text === '' || isErrorText(text) ? null : text;
}

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? utcDate(date) : null;
}

function utcDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Excel serial day number (1900 date system) → YYYY-MM-DD. */
function fromExcelSerial(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 20000 || serial > 80000) return null; // 1954–2119
  return utcDate(new Date(Date.UTC(1899, 11, 30) + Math.round(serial) * 86_400_000));
}

type DateResult = { date: string; note?: Message } | { problem: Message } | null;

/** SIGNED cell → date. Repairs ICE's slash-less typos ("05/082025") with a note. */
function readSignedDate(cell: Cell | undefined): DateResult {
  if (!cell || isBlankCell(cell)) return null;
  if (cell.date) return { date: utcDate(cell.date) };
  if (cell.number !== undefined) return serialDate(cell.number, String(cell.number));
  const text = cell.text.trim();
  const value = JSON.stringify(text);

  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(text);
  if (m) return checked(isoDate(+m[1], +m[2], +m[3]), value);

  // US order, as in ICE's sheets and Excel's CSV export: M/D/YYYY or M/D/YY.
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(text);
  if (m) return checked(isoDate(fullYear(m[3]), +m[1], +m[2]), value);

  // Second slash missing: the year is always the last four digits.
  m = /^(\d{1,2})\/(\d{1,2})(\d{4})$/.exec(text);
  if (m) {
    const date = isoDate(+m[3], +m[1], +m[2]);
    if (date) return { date, note: { key: 'iceList.note.signedMalformed', params: { value, date } } };
    return { problem: { key: 'iceList.problem.signedUnreadable', params: { value } } };
  }

  if (/^\d+(\.\d+)?$/.test(text)) return serialDate(Number(text), text);
  return { problem: { key: 'iceList.problem.signedUnreadable', params: { value } } };
}

function checked(date: string | null, value: string): DateResult {
  return date ? { date } : { problem: { key: 'iceList.problem.signedNotReal', params: { value } } };
}

function serialDate(serial: number, shown: string): DateResult {
  const date = fromExcelSerial(serial);
  if (!date) return { problem: { key: 'iceList.problem.signedUnreadable', params: { value: JSON.stringify(shown) } } };
  return { date, note: { key: 'iceList.note.signedNumber', params: { value: shown, date } } };
}

/** Two-digit years: 00–69 → 2000s, 70–99 → 1900s (287(g) started in 1996). */
function fullYear(text: string): number {
  const year = Number(text);
  if (text.length === 4) return year;
  return year < 70 ? 2000 + year : 1900 + year;
}

interface MoaInfo {
  link: MoaLinkState;
  url: string | null;
  addendum: boolean;
  note?: Message;
}

function readMoa(cell: Cell | undefined): MoaInfo {
  if (!cell || isBlankCell(cell)) return { link: 'NONE', url: null, addendum: false };
  const text = cell.text.replace(/\s+/g, ' ').trim();
  const lower = text.toLowerCase();
  const given = cell.url ?? /https?:\/\/\S+/i.exec(text)?.[0] ?? null;
  // Only a web address becomes a link: a spreadsheet's hyperlink may be `javascript:…`.
  const url = webAddress(given);
  const refused: Message | undefined = given !== null && url === null ? { key: 'iceList.note.moaUrlRefused', params: { value: JSON.stringify(given.slice(0, 200)) } } : undefined;
  const addendum = lower.includes('addendum');
  if (lower.includes('pending')) return { link: 'PENDING', url, addendum, note: refused };
  if (url || /\blink\b/.test(lower)) return { link: 'LINKED', url, addendum, note: refused };
  return {
    link: 'NONE',
    url: null,
    addendum,
    note: refused ?? { key: 'iceList.note.moaUnrecognised', params: { value: JSON.stringify(text) } },
  };
}

function readAddendum(cell: Cell | undefined): boolean {
  if (!cell || isBlankCell(cell)) return false;
  return !/^(no|none|n\/a|-)$/i.test(cell.text.trim()) || Boolean(cell.url);
}

/* ------------------------------------------------------------------------ */
/* Rows                                                                       */
/* ------------------------------------------------------------------------ */

type RowResult = { row: IceRow; notes: Message[] } | { problems: Message[] };

function readDataRow(sheetRow: SheetRow, index: ColumnIndex, kind: ListKind): RowResult {
  const cell = (name: ColumnName): Cell | undefined => {
    const col = index[name];
    return col === undefined ? undefined : sheetRow.cells[col];
  };
  const text = (name: ColumnName) => cleanName(cell(name)?.text ?? '');
  const problems: Message[] = [];
  const notes: Message[] = [];

  const stateText = text('STATE');
  const state = stateText ? findState(stateText) : null;
  if (!stateText) problems.push({ key: 'iceList.problem.stateMissing' });
  else if (!state) problems.push({ key: 'iceList.problem.unknownState', params: { value: JSON.stringify(stateText) } });

  const agencyName = cell('LAW ENFORCEMENT AGENCY')?.error ? '' : text('LAW ENFORCEMENT AGENCY');
  if (!agencyName) problems.push({ key: 'iceList.problem.agencyMissing' });

  const typeText = text('TYPE');
  const iceType = ICE_TYPES[typeText.toUpperCase()];
  if (!iceType) problems.push({ key: 'iceList.problem.unknownType', params: { value: JSON.stringify(typeText) } });

  const modelText = text('SUPPORT TYPE');
  const model = MODELS[modelText.toUpperCase()];
  if (!model) problems.push({ key: 'iceList.problem.unknownModel', params: { value: JSON.stringify(modelText) } });

  let signedOn: string | null = null;
  let moa: MoaInfo = { link: 'NONE', url: null, addendum: false };
  if (kind === 'participating') {
    const signed = readSignedDate(cell('SIGNED'));
    if (signed === null) notes.push({ key: 'iceList.note.signedBlank' });
    else if ('problem' in signed) problems.push(signed.problem);
    else {
      signedOn = signed.date;
      if (signed.note) notes.push(signed.note);
    }
    moa = readMoa(cell('MOA'));
    if (moa.note) notes.push(moa.note);
  }

  if (problems.length > 0 || !state || !iceType || !model) return { problems };
  return {
    notes,
    row: {
      rowNumber: sheetRow.rowNumber,
      stateCode: state.code,
      stateName: state.name,
      agencyName,
      agencyKind: agencyKindOf(agencyName, iceType),
      iceType,
      countyName: countyOf(cell('COUNTY')),
      model,
      signedOn,
      moaLink: moa.link,
      moaUrl: moa.url,
      hasAddendum: moa.addendum || readAddendum(cell('ADDENDUM')),
    },
  };
}

/** Above this share of unreadable rows the file is probably not an ICE list at all. */
const MAX_BAD_ROW_SHARE = 0.5;

function tooManyBadRows(bad: RowWarning[], dataRows: number): IceListError {
  const first = bad.slice(0, 3).flatMap((w) => w.messages);
  return new IceListError({ key: 'iceList.tooManyBadRows', params: { bad: bad.length, rows: dataRows } }, first);
}

/**
 * Parse an ICE participating or pending list (XLSX or CSV, told apart by content).
 * Bad rows are skipped with a warning; a file that is not such a list throws IceListError.
 * `fileName` is accepted for callers' convenience; the content decides the format.
 */
export async function parseIceList(bytes: Uint8Array, fileName?: string, limits: IceListLimits = ICE_LIST_LIMITS): Promise<ParsedIceList> {
  void fileName;
  if (bytes.length === 0) throw new IceListError(EMPTY_FILE);
  const workbook = await readWorkbook(bytes, limits);
  const header = findHeader(workbook);
  const kind = detectKind(header);

  const dataRows = header.sheet.rows.filter(
    (row) => row.rowNumber > header.headerRow.rowNumber && !isBlankRow(row),
  );
  if (dataRows.length === 0) throw new IceListError({ key: 'iceList.noAgreements' });

  const rows: IceRow[] = [];
  const warnings: RowWarning[] = [];
  const badRows: RowWarning[] = [];
  const firstRowByKey = new Map<string, number>();

  for (const sheetRow of dataRows) {
    const rowNumber = sheetRow.rowNumber;
    const result = readDataRow(sheetRow, header.index, kind);
    if ('problems' in result) {
      const warning = new RowWarning(rowNumber, [{ key: 'iceList.row.skipped', params: { row: rowNumber } }, ...result.problems]);
      badRows.push(warning);
      warnings.push(warning);
      continue;
    }
    for (const note of result.notes) warnings.push(new RowWarning(rowNumber, [{ key: 'iceList.row.note', params: { row: rowNumber } }, note]));

    const key = agreementKey(result.row);
    const firstRow = firstRowByKey.get(key);
    if (firstRow !== undefined) {
      // One message per model, each naming it in the reader's language.
      const repeated = { key: `iceList.row.repeated.${result.row.model}`, params: { row: rowNumber, first: firstRow, agency: result.row.agencyName } } as const;
      warnings.push(new RowWarning(rowNumber, [repeated]));
      continue;
    }
    firstRowByKey.set(key, rowNumber);
    rows.push(result.row);
  }

  if (badRows.length > dataRows.length * MAX_BAD_ROW_SHARE) throw tooManyBadRows(badRows, dataRows.length);

  return { kind, columns: header.columns, rows, warnings, documentDate: workbook.documentDate };
}
