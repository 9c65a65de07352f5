/**
 * The agreements CSV: its columns and, on request (`?lang=es`), Spanish headers for people who
 * open it in a spreadsheet. The default header stays the machine keys of docs/api.md, the same
 * as the JSON API's fields; values are always the API's codes.
 */
import { stringify } from 'csv-stringify/sync';
import { isLocale, translator, type Locale } from '~/i18n/i18n';

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
  const columns = AGREEMENT_COLUMNS.map((key) => ({ key, header: t(`download.agreements.${key}`) }));
  const csv = stringify(rows as Record<string, unknown>[], { header: true, columns });
  // Spreadsheet programs read accented headers right only with a byte-order mark.
  return locale === 'en' ? csv : `\uFEFF${csv}`;
}

export function agreementsCsvFileName(asOf: string | null, locale: Locale): string {
  return `${translator(locale)('download.agreements.fileName')}${asOf ? `-${asOf}` : ''}.csv`;
}
