/**
 * Message lookup and formatting in the portal's two languages. Both catalogs have the same keys
 * (tsc and catalogs.test.ts enforce it). Safe to import in the browser: there, only the page's
 * catalog is present, loaded by entry.client.tsx (loadCatalog) before the page hydrates; the
 * server, tests and tools have both (catalogs.server.ts, an empty module in the browser).
 */
import * as server from './catalogs.server';
import type { MessageKey } from './en';

export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export type { MessageKey };

/**
 * A message with plural forms: the catalogs hold `<key>_one` and `<key>_other` (and may hold
 * other CLDR categories, `_zero`, `_few`, `_many`...), and the `count` parameter picks one with
 * Intl.PluralRules in the reader's language ("1 report", "2 reports"; "1 acuerdo activo").
 */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}_other` ? Base : never) : never;

export type MessageParams = Record<string, string | number>;

/** A plural message's `count` picks its form: a number, or one as formatNumber wrote it ("1,234"). */
export type Translate = (key: MessageKey | PluralKey, params?: MessageParams) => string;

export const isLocale = (value: unknown): value is Locale => typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

type Catalog = Record<MessageKey, string>;

const catalogs: Partial<Record<Locale, Catalog>> = { ...(server.serverCatalogs as Record<Locale, Catalog> | undefined) };

function catalogOf(locale: Locale): Catalog {
  const catalog = catalogs[locale];
  if (!catalog) throw new Error(`The ${locale} message catalog is not loaded in this page.`);
  return catalog;
}

/** In the browser: fetch the page's catalog (its own chunk) before anything is rendered. */
export async function loadCatalog(locale: Locale): Promise<void> {
  catalogs[locale] ??= locale === 'es' ? (await import('./es')).es : (await import('./en')).en;
}

/** A message key of the catalogs (keys are the same in both languages). */
export const isMessageKey = (value: unknown): value is MessageKey => {
  const catalog = Object.values(catalogs)[0];
  return typeof value === 'string' && catalog !== undefined && Object.hasOwn(catalog, value);
};

/** A message with plural forms (its `_other` form is in the catalogs). */
export const isPluralKey = (value: unknown): value is PluralKey => typeof value === 'string' && isMessageKey(`${value}_other`);

/** Intl locales: US Spanish, so numbers and dollars read as in the United States (1,234.50). */
const INTL: Record<Locale, string> = { en: 'en-US', es: 'es-US' };

const pluralRules = new Map<Locale, Intl.PluralRules>();

/** The catalog key of a message: itself, or for a plural message the form `count` calls for. */
function formKey(catalog: Catalog, locale: Locale, key: string, params: MessageParams | undefined): MessageKey {
  if (Object.hasOwn(catalog, key)) return key as MessageKey;
  const raw = params?.count;
  // formatNumber writes US grouping in both languages: "1,234" counts as 1234.
  const count = typeof raw === 'number' ? raw : Number(String(raw ?? '').replace(/,/g, ''));
  const category = Number.isFinite(count) ? cached(pluralRules, locale, () => new Intl.PluralRules(INTL[locale])).select(count) : 'other';
  const form = `${key}_${category}`;
  // Spanish has a "many" form for millions: a catalog without one uses "other", as CLDR does.
  return (Object.hasOwn(catalog, form) ? form : `${key}_other`) as MessageKey;
}

export function translator(locale: Locale): Translate {
  return (key, params) => {
    const catalog = catalogOf(locale);
    return catalog[formKey(catalog, locale, key, params)].replace(/\{(\w+)\}/g, (match, name: string) => (params && name in params ? String(params[name]) : match));
  };
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
  // Even a built formatter takes microseconds per call, and pages show the same few dates
  // (deadlines, period ends, the list's date) on every request: each is formatted once.
  const key = `${locale} ${isoDate}`;
  let text = formattedDates.get(key);
  if (text === undefined) {
    const [year, month, day] = isoDate.split('-').map(Number);
    const format = cached(dateFormats, locale, () => new Intl.DateTimeFormat(INTL[locale], { dateStyle: 'long', timeZone: 'UTC' }));
    text = format.format(new Date(Date.UTC(year, month - 1, day)));
    if (formattedDates.size >= 20_000) formattedDates.clear(); // bounded: a century of days in both languages is 73,000
    formattedDates.set(key, text);
  }
  return text;
}
const formattedDates = new Map<string, string>();

/** 1234.5 → "1,234.5" in both languages (US conventions), grouped for readability. */
export function formatNumber(value: number, locale: Locale = 'en'): string {
  return cached(numberFormats, locale, () => new Intl.NumberFormat(INTL[locale])).format(value);
}

/** Each language's name in itself, for the switch: the same in every page language. */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', es: 'Español' };
