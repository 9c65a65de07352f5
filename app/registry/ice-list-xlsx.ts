/**
 * Reads an XLSX file's sheets as rows of cells, streaming and within limits (ice-list-limits.ts).
 *
 * exceljs's whole-workbook loader builds every row of every sheet in memory before anything can
 * be checked (a 1.5 MB file of 8 million rows took node past its heap), and its streaming reader
 * unzips in the file's order: Excel writes the sheet before its shared strings and styles, so it
 * first writes the whole unpacked sheet to a temporary file. Here the zip is opened from its
 * central directory (a few bytes at the end of the file), sizes are checked before anything is
 * unpacked, each part is unpacked as a stream that stops at its size limit whatever its header
 * claims, and the parts are read in the order the sheet needs them (styles and shared strings
 * first). The XML of each part is read by exceljs's own streaming readers, so cells, shared
 * strings, dates and links mean what they meant with the whole-workbook loader; rows are counted
 * and checked as they come, and reading stops at the first limit crossed.
 */
import { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import type ExcelJS from 'exceljs';
import { limitRefusal, NOT_READABLE, type IceListLimits } from './ice-list-limits';
import { IceListError } from './ice-list-messages';

/** One cell, reduced to what the list reader needs from either XLSX or CSV. */
export interface Cell {
  text: string;
  url?: string;
  date?: Date;
  number?: number;
  /** Excel error value such as #N/A. */
  error?: boolean;
}

export interface SheetRow {
  rowNumber: number;
  /** 0-based by column. */
  cells: Cell[];
}

export interface Sheet {
  rows: SheetRow[];
}

export interface Workbook {
  sheets: Sheet[];
  documentDate: string | null;
}

/* ------------------------------------------------------------------------ */
/* The zip                                                                   */
/* ------------------------------------------------------------------------ */

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  /** As the central directory declares it; checked again while unpacking. */
  size: number;
  headerOffset: number;
}

const notReadable = () => new IceListError(NOT_READABLE);
const MAX_ENTRIES = 1000;

/** The entries listed in the zip's central directory; nothing is unpacked. */
function centralDirectory(bytes: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is the last 22 bytes, unless a comment (at most 65,535 bytes) follows it.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      end = at;
      break;
    }
  }
  if (end < 0) throw notReadable();
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  // Zip64 (parts over 4 GB, or over 65,535 of them) is never a list of agreements.
  if (count === 0xffff || at === 0xffffffff || count > MAX_ENTRIES) throw notReadable();
  const entries = new Map<string, ZipEntry>();
  const decoder = new TextDecoder();
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw notReadable();
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const entry: ZipEntry = {
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      headerOffset: view.getUint32(at + 42, true),
    };
    if (flags & 1) throw notReadable(); // encrypted
    entries.set(entry.name, entry);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** Counts what is unpacked, part by part and in all, against the limits. */
class Budget {
  #total = 0;
  constructor(readonly limits: IceListLimits) {}

  check(entry: ZipEntry) {
    if (entry.size > this.limits.maxPartBytes) throw limitRefusal.tooLarge(this.limits.maxPartBytes);
  }

  spend(bytes: number, partTotal: number) {
    this.#total += bytes;
    if (partTotal > this.limits.maxPartBytes) throw limitRefusal.tooLarge(this.limits.maxPartBytes);
    if (this.#total > this.limits.maxUnpackedBytes) throw limitRefusal.tooLarge(this.limits.maxUnpackedBytes);
  }
}

/** The part's text, unpacked chunk by chunk; stops (and frees the inflater) at the part's limit. */
async function* partText(bytes: Uint8Array, entry: ZipEntry, budget: Budget): AsyncGenerator<string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = entry.headerOffset;
  if (header + 30 > bytes.length || view.getUint32(header, true) !== 0x04034b50) throw notReadable();
  const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length !== entry.compressedSize) throw notReadable();
  const decoder = new StringDecoder('utf8');
  if (entry.method === 0) {
    budget.spend(data.length, data.length);
    yield decoder.write(Buffer.from(data.buffer, data.byteOffset, data.byteLength)) + decoder.end();
    return;
  }
  if (entry.method !== 8) throw notReadable();
  const inflater = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
  inflater.end(data);
  let unpacked = 0;
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      unpacked += chunk.length;
      budget.spend(chunk.length, unpacked);
      yield decoder.write(chunk);
    }
  } catch (error) {
    if (error instanceof IceListError) throw error;
    throw notReadable(); // not deflate data after all
  } finally {
    inflater.destroy();
  }
  yield decoder.end();
}

/* ------------------------------------------------------------------------ */
/* exceljs's streaming readers, one part at a time                           */
/* ------------------------------------------------------------------------ */

type Text = AsyncIterable<string>;
interface RowEvent {
  eventType: string;
  value: unknown;
}
interface WorksheetReader {
  parse(): AsyncIterable<RowEvent[]>;
}
interface HyperlinkReader {
  on(event: 'hyperlink', listener: (rel: { rId: string; target: string }) => void): void;
  read(): Promise<void>;
}
interface Xform<T> {
  parseStream(text: Text): Promise<T>;
  model: T;
}
/** What exceljs's readers of a sheet ask of the workbook (as its streaming WorkbookReader holds it). */
interface WorkbookParts {
  sharedStrings: unknown[];
  styles: Xform<unknown> & { init(): void };
  properties?: unknown;
}
/**
 * The part readers of exceljs's streaming WorkbookReader (lib/stream/xlsx/workbook-reader.js),
 * which reads the parts in the zip's order; called here in the order a sheet needs them. They are
 * loaded one by one: the WorkbookReader itself, and `exceljs` as a whole, load an unzip library
 * and everything else, which takes a second more. The tests on ICE's real lists
 * (ice-list.test.ts) hold what they read to what the whole-workbook loader read.
 */
interface ExcelParts {
  StyleManager: new () => WorkbookParts['styles'];
  WorkbookXform: new () => Xform<{ sheets?: { name: string; rId: string }[] }> & { map: { workbookPr: unknown } };
  RelationshipsXform: new () => Xform<{ Id: string; Target: string }[]>;
  WorksheetReader: new (args: { workbook: WorkbookParts; id: string; iterator: Text; options: object }) => WorksheetReader;
  HyperlinkReader: new (args: { workbook: WorkbookParts; id: string; iterator: Text; options: object }) => HyperlinkReader;
  parseSax: (text: Text) => AsyncIterable<{ eventType: string; value: { name?: string } | string }[]>;
}

let excelParts: ExcelParts | null = null;
function exceljs(): ExcelParts {
  const load = createRequire(import.meta.url);
  excelParts ??= {
    StyleManager: load('exceljs/lib/xlsx/xform/style/styles-xform.js'),
    WorkbookXform: load('exceljs/lib/xlsx/xform/book/workbook-xform.js'),
    RelationshipsXform: load('exceljs/lib/xlsx/xform/core/relationships-xform.js'),
    WorksheetReader: load('exceljs/lib/stream/xlsx/worksheet-reader.js'),
    HyperlinkReader: load('exceljs/lib/stream/xlsx/hyperlink-reader.js'),
    parseSax: load('exceljs/lib/utils/parse-sax.js'),
  };
  return excelParts;
}

/** As exceljs's streaming reader caches them: plain text, or { richText } for a string in runs. */
async function sharedStrings(text: Text): Promise<unknown[]> {
  const strings: unknown[] = [];
  let current: string | null = null;
  let runs: { text: string | null }[] = [];
  for await (const events of exceljs().parseSax(text)) {
    for (const { eventType, value } of events) {
      const name = typeof value === 'string' ? '' : value.name;
      if (eventType === 'opentag' && (name === 'si' || name === 't')) {
        current = null;
        if (name === 'si') runs = [];
      } else if (eventType === 'text') {
        current = (current ?? '') + (value as string);
      } else if (eventType === 'closetag' && name === 'r') {
        runs.push({ text: current });
        current = null;
      } else if (eventType === 'closetag' && name === 'si') {
        strings.push(runs.length ? { richText: runs } : current);
        runs = [];
        current = null;
      }
    }
  }
  return strings;
}

const SHEET_PART = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/** The sheets' numbers in the workbook's order (as the whole-workbook loader lists them), then any others. */
function sheetOrder(rels: { Id: string; Target: string }[], sheets: { rId: string }[], entries: Map<string, ZipEntry>): string[] {
  const numbers = [...entries.keys()].flatMap((name) => SHEET_PART.exec(name)?.slice(1, 2) ?? []);
  const rank = (sheetNo: string) => {
    const rel = rels.find((r) => r.Target.replace(/^\/?xl\//, '') === `worksheets/sheet${sheetNo}.xml`);
    const index = rel ? sheets.findIndex((sheet) => sheet.rId === rel.Id) : -1;
    return index < 0 ? Number.MAX_SAFE_INTEGER : index;
  };
  return numbers.sort((a, b) => rank(a) - rank(b) || Number(a) - Number(b));
}

type Part = (name: string) => AsyncGenerator<string> | null;

/** Reads the XLSX file's sheets within the limits; IceListError if it is not one or crosses a limit. */
export async function readXlsx(bytes: Uint8Array, limits: IceListLimits): Promise<Workbook> {
  const entries = centralDirectory(bytes);
  const budget = new Budget(limits);
  for (const entry of entries.values()) budget.check(entry);
  const part: Part = (name) => {
    const entry = entries.get(name);
    return entry ? partText(bytes, entry, budget) : null;
  };

  const { StyleManager, WorkbookXform, RelationshipsXform } = exceljs();
  const workbook: WorkbookParts = { sharedStrings: [], styles: new StyleManager() };
  let rels: { Id: string; Target: string }[] = [];
  let sheets: { rId: string }[];
  try {
    const book = part('xl/workbook.xml');
    if (!book) throw notReadable();
    const bookXform = new WorkbookXform();
    await bookXform.parseStream(book);
    workbook.properties = bookXform.map.workbookPr;
    sheets = bookXform.model?.sheets ?? [];
    const relsPart = part('xl/_rels/workbook.xml.rels');
    if (relsPart) rels = (await new RelationshipsXform().parseStream(relsPart)) ?? [];
    const styles = part('xl/styles.xml');
    if (styles) await workbook.styles.parseStream(styles);
    else workbook.styles.init();
    const strings = part('xl/sharedStrings.xml');
    if (strings) workbook.sharedStrings = await sharedStrings(strings);
  } catch (error) {
    throw error instanceof IceListError ? error : notReadable();
  }

  const order = sheetOrder(rels, sheets, entries);
  // A zip without worksheets (e.g. a .docx or a plain archive) is not a spreadsheet.
  if (order.length === 0) throw notReadable();
  const rowsRead = { count: 0 };
  const read: Sheet[] = [];
  for (const sheetNo of order) read.push(await readSheet(workbook, sheetNo, part, limits, rowsRead));
  return { sheets: read, documentDate: await documentDate(part('docProps/core.xml')) };
}

interface ExcelRow {
  number: number;
  values: ExcelJS.CellValue[];
}

async function readSheet(workbook: WorkbookParts, sheetNo: string, part: Part, limits: IceListLimits, rowsRead: { count: number }): Promise<Sheet> {
  const { WorksheetReader, HyperlinkReader } = exceljs();
  const options = { worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'emit', styles: 'cache' };
  const rows: SheetRow[] = [];
  const links: { ref: string; rId: string }[] = [];
  const targets = new Map<string, string>();
  try {
    const rels = part(`xl/worksheets/_rels/sheet${sheetNo}.xml.rels`);
    if (rels) {
      const hyperlinks = new HyperlinkReader({ workbook, id: sheetNo, iterator: rels, options });
      hyperlinks.on('hyperlink', (rel) => targets.set(rel.rId, rel.target));
      await hyperlinks.read();
    }
    const worksheet = new WorksheetReader({ workbook, id: sheetNo, iterator: part(`xl/worksheets/sheet${sheetNo}.xml`)!, options });
    for await (const events of worksheet.parse()) {
      for (const { eventType, value } of events) {
        if (eventType === 'hyperlink') links.push(value as { ref: string; rId: string });
        if (eventType !== 'row') continue;
        const row = value as ExcelRow;
        const values = row.values; // sparse, 1-based
        // Rows without a value are left out, as the whole-workbook loader's eachRow did.
        if (!values.some((cell) => cell !== null && cell !== undefined)) continue;
        if (++rowsRead.count > limits.maxRows) throw limitRefusal.tooManyRows(limits.maxRows);
        if (values.length - 1 > limits.maxColumns) throw limitRefusal.tooManyColumns(row.number, limits.maxColumns);
        const cells: Cell[] = [];
        for (let col = 1; col < values.length; col++) cells.push(cellFromExcel(values[col]));
        if (cells.some((cell) => cell.text.length > limits.maxCellChars)) throw limitRefusal.cellTooLong(row.number, limits.maxCellChars);
        rows.push({ rowNumber: row.number, cells });
      }
    }
  } catch (error) {
    throw error instanceof IceListError ? error : notReadable();
  }
  rows.sort((a, b) => a.rowNumber - b.rowNumber);
  linkCells(rows, links, targets, limits);
  return { rows };
}

/** A cell's link (the sheet lists them after its rows): its label stays, its address is the link's. */
function linkCells(rows: SheetRow[], links: { ref: string; rId: string }[], targets: Map<string, string>, limits: IceListLimits) {
  if (links.length === 0) return;
  const byNumber = new Map(rows.map((row) => [row.rowNumber, row]));
  for (const link of links) {
    const target = targets.get(link.rId);
    const ref = /^([A-Z]{1,3})(\d+)$/.exec(link.ref ?? '');
    if (target === undefined || !ref) continue;
    const row = byNumber.get(Number(ref[2]));
    const col = [...ref[1]].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0) - 1;
    const cell = row?.cells[col];
    if (!row || !cell) continue;
    if (target.length > limits.maxCellChars) throw limitRefusal.cellTooLong(row.rowNumber, limits.maxCellChars);
    // As exceljs's loader gave a linked cell: its text if it held text, else no label.
    const label = cell.number !== undefined || cell.date || cell.error ? '' : cell.text;
    row.cells[col] = { text: label, url: target || undefined };
  }
}

function cellFromExcel(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value };
  if (typeof value === 'number') return { text: String(value), number: value };
  if (typeof value === 'boolean') return { text: String(value) };
  if (value instanceof Date) return { text: utcDate(value), date: value };
  if ('error' in value) return { text: String(value.error), error: true };
  if ('richText' in value) return { text: richTextToString(value.richText) };
  if ('result' in value) return cellFromExcel(value.result as ExcelJS.CellValue);
  return { text: '' };
}

function richTextToString(parts: ExcelJS.RichText[]): string {
  return parts.map((part) => part.text ?? '').join('');
}

function utcDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The workbook's modified (else created) date from docProps/core.xml, as YYYY-MM-DD. */
async function documentDate(core: AsyncGenerator<string> | null): Promise<string | null> {
  if (!core) return null;
  let xml = '';
  try {
    for await (const text of core) xml += text;
  } catch {
    return null;
  }
  for (const tag of ['dcterms:modified', 'dcterms:created']) {
    const text = new RegExp(`<${tag}\\b[^>]*>([^<]*)</${tag}>`).exec(xml)?.[1];
    const date = text ? new Date(text) : null;
    if (date && !Number.isNaN(date.getTime())) return utcDate(date);
  }
  return null;
}
