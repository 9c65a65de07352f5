/**
 * The agreements CSV: its columns and, on request (`?lang=es`), Spanish headers for people who
 * open it in a spreadsheet. The default header stays the machine keys of docs/api.md, the same
 * as the JSON API's fields; values are always the API's codes. Agency and county names come from
 * ICE's lists: written through csvFile, which keeps text a spreadsheet would run as text.
 */
import { isLocale, translator, type Locale } from '~/i18n/i18n';
import { csvFile } from '~/utils/csv-file';

export const AGREEMENT_COLUMNS = ['id', 'agency', 'agencyType', 'state', 'county', 'model', 'status', 'signedOn'] as const;
export type AgreementColumn = (typeof AGREEMENT_COLUMNS)[number];

/** Takes `lang` out of the query (the other parameters are the API's filters). */
export function csvLanguage(params: URLSearchParams): { ok: true; locale: Locale; filters: URLSearchParams } | { ok: false; message: string } {
  const filters = new URLSearchParams(params);
  const values = filters.getAll('lang');
  filters.delete('lang');
  if (values.length === 0) return { ok: true, locale: 'en', filters };
  if (values.length > 1) return { ok: false, message: 'Give lang only once.' };
  const lang = values[0].trim().toLowerCase();
  if (!isLocale(lang)) return { ok: false, message: `lang must be en or es. Got "${values[0]}".` };
  return { ok: true, locale: lang, filters };
}

export function agreementsCsv(rows: readonly Record<AgreementColumn, string | null>[], locale: Locale): string {
  const t = translator(locale);
  const header = AGREEMENT_COLUMNS.map((key) => t(`download.agreements.${key}`));
  const table = [header, ...rows.map((row) => AGREEMENT_COLUMNS.map((key) => row[key]))];
  // LF line ends as this file always had. Spreadsheet programs read accented headers right only
  // with a byte-order mark; the English file stays without one, for scripts.
  return csvFile(table, { bom: locale !== 'en', recordDelimiter: '\n' });
}

export function agreementsCsvFileName(asOf: string | null, locale: Locale): string {
  return `${translator(locale)('download.agreements.fileName')}${asOf ? `-${asOf}` : ''}.csv`;
}
