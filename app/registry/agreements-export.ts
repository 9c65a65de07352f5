/**
 * The agreements CSV: its columns and, on request (`?lang=es`), Spanish headers for people who
 * open it in a spreadsheet. The default header is the machine keys of docs/api.md (snake_case,
 * open-data/columns.ts), the same as the JSON API's fields; values are the API's codes, with the
 * model's name beside its code. Like every other download: a byte-order mark, CRLF line ends,
 * and a demonstration_data column while the portal holds demonstration data. Agency and county
 * names come from ICE's lists: written through csvFile, which keeps text a spreadsheet would run
 * as text.
 */
import { isLocale, translator, type Locale, type MessageKey } from '~/i18n/i18n';
import { AGREEMENT_FIELDS, AGREEMENT_LEGACY, legacyHeader } from '~/open-data/columns';
import { csvFile } from '~/utils/csv-file';

export const AGREEMENT_COLUMNS = AGREEMENT_FIELDS;
export type AgreementColumn = (typeof AGREEMENT_COLUMNS)[number];
/** A row of the agreements list (registry-queries.server.ts): every column but the model's name, which is the file's language. */
export type AgreementRow = Record<Exclude<AgreementColumn, 'model_name'>, string | null>;

/**
 * Takes `lang` and `columns` out of the query (the other parameters are the API's filters).
 * `columns=legacy` gives the English header in the names used before release 0.2 (camelCase in
 * the agreements, statewide and metric files), for one release: see open-data/columns.ts.
 */
export function csvLanguage(params: URLSearchParams): { ok: true; locale: Locale; legacy: boolean; filters: URLSearchParams } | { ok: false; message: string } {
  const filters = new URLSearchParams(params);
  const values = filters.getAll('lang');
  const columns = filters.getAll('columns');
  filters.delete('lang');
  filters.delete('columns');
  if (values.length > 1) return { ok: false, message: 'Give lang only once.' };
  if (columns.length > 1) return { ok: false, message: 'Give columns only once.' };
  const legacy = columns.length === 1;
  if (legacy && columns[0].trim().toLowerCase() !== 'legacy') return { ok: false, message: `columns must be legacy (the old column names, until the next release). Got "${columns[0]}".` };
  if (values.length === 0) return { ok: true, locale: 'en', legacy, filters };
  const lang = values[0].trim().toLowerCase();
  if (!isLocale(lang)) return { ok: false, message: `lang must be en or es. Got "${values[0]}".` };
  if (legacy && lang !== 'en') return { ok: false, message: 'columns=legacy gives the old English header: leave out lang.' };
  return { ok: true, locale: lang, legacy, filters };
}

export function agreementsCsv(rows: readonly AgreementRow[], locale: Locale, { demo = false, legacy = false }: { demo?: boolean; legacy?: boolean } = {}): string {
  const t = translator(locale);
  const names = AGREEMENT_COLUMNS.map((key) => t(`download.agreements.${key}`));
  const header = legacy ? legacyHeader(names, AGREEMENT_LEGACY) : names;
  const cells = (row: AgreementRow) => AGREEMENT_COLUMNS.map((key) => (key === 'model_name' ? (row.model ? t(`model.${row.model}` as MessageKey) : null) : row[key]));
  const table = demo ? [['demonstration_data', ...header], ...rows.map((row) => ['yes', ...cells(row)])] : [header, ...rows.map(cells)];
  return csvFile(table);
}

export function agreementsCsvFileName(asOf: string | null, locale: Locale, demo = false): string {
  return `${translator(locale)('download.agreements.fileName')}${asOf ? `-${asOf}` : ''}${demo ? '-demonstration' : ''}.csv`;
}
