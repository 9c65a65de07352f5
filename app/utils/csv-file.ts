/**
 * Every CSV file the portal writes, written one way (csvFile), so a spreadsheet that opens it
 * runs nothing: OWASP's "CSV injection" advice. Agency and place names come from ICE's lists and
 * people, amendment reasons and certifiers' names from agencies; any of them may start with "=",
 * and Excel, LibreOffice and Google Sheets take a cell that starts with a formula character for a
 * formula (=HYPERLINK to a phishing page, =WEBSERVICE sending the sheet away, DDE commands).
 *
 * The rule, for every cell of every row, the header included:
 * - a number (number or bigint) is written as it is: its text cannot be a formula;
 * - text that is a plain decimal number ("12", "-1234.50") is also left as it is: a spreadsheet
 *   reads it as that number and runs nothing. The downloads give figures as exact decimal text
 *   (a JS number would lose cents), and net local cost can be negative, so "-1234.50" must stay
 *   a number. The rule looks at the value, not at the column: no list of numeric columns for a
 *   new file to forget or get wrong, and a text column holding "-5" gives a number, not a formula;
 * - any other text that starts with a formula character (FORMULA_CHARACTERS) gets a leading
 *   apostrophe, which makes spreadsheets take the cell as text (some hide the apostrophe,
 *   some show it); a program reading the file drops it to get the stored text;
 * - null and undefined are empty cells.
 * Quoting is csv-stringify's, per RFC 4180: a cell with a comma, a quote or any line break (CR or
 * LF alone included) is quoted. Plain TypeScript.
 *
 * The one writer that cannot come through csvFile, the national figures.csv that PostgreSQL
 * writes with COPY (open-data/national-figures.server.ts), applies the same rule in SQL with
 * FORMULA_START_SQL and PLAIN_NUMBER_SQL.
 */
import { stringify } from 'csv-stringify/sync';

/**
 * What a spreadsheet takes for the start of a formula: = + - @ (OWASP), a tab or carriage return
 * before one (OWASP), a line feed or NUL likewise (ASVS 1.2.10 names NUL), and the full-width
 * ＝ ＋ － ＠ that some spreadsheets (East Asian locales) read as their ASCII forms.
 */
export const FORMULA_CHARACTERS = ['=', '+', '-', '@', '\t', '\r', '\n', '\0', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20'] as const;

const characterClass = FORMULA_CHARACTERS.map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

/** A text that starts with a formula character. */
export const FORMULA_START = new RegExp(`^[${characterClass}]`);

/** A plain decimal number: optional minus, ASCII digits, optional fraction. No exponent, no "+". */
export const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * The same two patterns for PostgreSQL's regular expressions (`~`), which read \uXXXX the same
 * way; the minus comes last and unescaped, where it cannot be read as a range. NUL is left out:
 * PostgreSQL text cannot hold it. [0-9] rather than \d, which PostgreSQL may widen to other
 * scripts' digits.
 */
export const FORMULA_START_SQL = `^[${characterClass.replace('\\u002d', '').replace('\\u0000', '')}-]`;
export const PLAIN_NUMBER_SQL = '^-?[0-9]+(\\.[0-9]+)?$';

/** A text cell as a spreadsheet shows it without running it (the rule above). */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

export type CsvCell = string | number | bigint | null | undefined;

/** One cell's text as csvFile writes it (before quoting). */
export function spreadsheetCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return neutraliseFormula(value);
  return String(value);
}

export interface CsvFormat {
  /** A UTF-8 byte-order mark first, so Excel reads accents (default: yes). */
  bom?: boolean;
  /** CRLF as RFC 4180 and Excel write it (default), or LF. */
  recordDelimiter?: '\r\n' | '\n';
}

/** The rows (header first) as a CSV file, every cell through spreadsheetCell. */
export function csvFile(rows: readonly (readonly CsvCell[])[], { bom = true, recordDelimiter = '\r\n' }: CsvFormat = {}): string {
  const text = stringify(
    rows.map((row) => row.map(spreadsheetCell)),
    // Quotes a cell with any CR or LF, not only one with the whole record delimiter (csv-stringify's
    // default once a delimiter is given): a spreadsheet ends the row at a bare LF, and the next
    // line of "Reason\n=HYPERLINK(…)" would start a new row with a formula.
    { record_delimiter: recordDelimiter, quote_record_delimiter: true },
  );
  return bom ? `\uFEFF${text}` : text;
}
