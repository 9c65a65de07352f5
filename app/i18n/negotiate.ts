/**
 * Choosing the page language: the visitor's own choice (the switch's cookie) wins, then the
 * browser's Accept-Language, then English. Plain functions so they can be tested alone.
 */
import { isLocale, type Locale } from './i18n';

/** The cookie the language switch sets, e.g. `lang=es`. */
export const LANGUAGE_COOKIE = 'lang';

/** Accept-Language as (primary language, q) pairs, best first; q=0 means "not this one". */
export function parseAcceptLanguage(header: string | null | undefined): { language: string; q: number }[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const qParam = params.map((p) => p.trim()).find((p) => /^q=/i.test(p));
      const q = qParam === undefined ? 1 : Number(qParam.slice(2));
      // es-419, es-MX and es_US all count as es.
      return { language: tag.trim().toLowerCase().split(/[-_]/)[0], q: Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 0, index };
    })
    .filter(({ language, q }) => language !== '' && q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map(({ language, q }) => ({ language, q }));
}

export function negotiateLocale({ cookie, acceptLanguage }: { cookie?: string | null; acceptLanguage?: string | null }): Locale {
  if (isLocale(cookie)) return cookie;
  for (const { language } of parseAcceptLanguage(acceptLanguage)) {
    if (isLocale(language)) return language;
  }
  return 'en';
}

/**
 * Where the switch may send the visitor back to: a path on this site (with its query), never
 * another site. Browsers read "//host", "/\host" and tab-split forms of them as other sites, so
 * the path is resolved as a browser would and must stay on the same origin. Never the switch
 * itself, which would loop.
 */
export function safeReturnPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.length > 2000) return fallback;
  const base = 'http://portal.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (url.origin !== base || path.startsWith('//') || url.pathname === '/language') return fallback;
  return path;
}
