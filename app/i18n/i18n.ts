/**
 * Message lookup and formatting. Pages get a translator for the request's language; only
 * English exists so far, Spanish will add a catalog with the same keys.
 */
import { en, type MessageKey } from './en';

export type Locale = 'en';
export type { MessageKey };
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const catalogs: Record<Locale, Record<MessageKey, string>> = { en };

export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, params) =>
    catalog[key].replace(/\{(\w+)\}/g, (match, name: string) => (params && name in params ? String(params[name]) : match));
}

/** "2020-06-09" → "June 9, 2020", read as a calendar date (no time-zone shift). */
export function formatDate(isoDate: string, locale: Locale = 'en'): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-US' : locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, day)),
  );
}
