/**
 * Message lookup and formatting in the portal's two languages. Both catalogs have the same keys
 * (tsc and catalogs.test.ts enforce it). Safe to import in the browser.
 */
import { en, type MessageKey } from './en';
import { es } from './es';

export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export type { MessageKey };
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, es };

/** Intl locales: US Spanish, so numbers and dollars read as in the United States (1,234.50). */
const INTL: Record<Locale, string> = { en: 'en-US', es: 'es-US' };

export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, params) =>
    catalog[key].replace(/\{(\w+)\}/g, (match, name: string) => (params && name in params ? String(params[name]) : match));
}

// Intl formatters are costly to build (tens of microseconds each) and a page formats hundreds
// of dates and figures: one of each per language, built on first use.
const dateFormats = new Map<Locale, Intl.DateTimeFormat>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

function cached<F>(cache: Map<Locale, F>, locale: Locale, build: () => F): F {
  let formatter = cache.get(locale);
  if (!formatter) cache.set(locale, (formatter = build()));
  return formatter;
}

/** "2020-06-09" → "June 9, 2020" / "9 de junio de 2020", read as a calendar date (no time-zone shift). */
export function formatDate(isoDate: string, locale: Locale = 'en'): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  const format = cached(dateFormats, locale, () => new Intl.DateTimeFormat(INTL[locale], { dateStyle: 'long', timeZone: 'UTC' }));
  return format.format(new Date(Date.UTC(year, month - 1, day)));
}

/** 1234.5 → "1,234.5" in both languages (US conventions), grouped for readability. */
export function formatNumber(value: number, locale: Locale = 'en'): string {
  return cached(numberFormats, locale, () => new Intl.NumberFormat(INTL[locale])).format(value);
}

/** Each language's name in itself, for the switch: the same in every page language. */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', es: 'Español' };
