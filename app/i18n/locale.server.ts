import { parse, serialize } from 'cookie';
import { translator, type Locale } from './i18n';
import { LANGUAGE_COOKIE, negotiateLocale } from './negotiate';

/** The language of a request: the switch's cookie, else Accept-Language, else English. */
export function requestLocale(request: Request): Locale {
  const header = request.headers.get('cookie');
  return negotiateLocale({
    cookie: header ? parse(header)[LANGUAGE_COOKIE] : null,
    acceptLanguage: request.headers.get('accept-language'),
  });
}

export function requestTranslator(request: Request) {
  return translator(requestLocale(request));
}

/** The switch's cookie: kept a year, sent on same-site navigation; only the server reads it. */
export function languageCookie(request: Request, locale: Locale): string {
  return serialize(LANGUAGE_COOKIE, locale, {
    path: '/',
    maxAge: 365 * 24 * 60 * 60,
    sameSite: 'lax',
    httpOnly: true,
    secure: process.env.SESSION_COOKIE_SECURE === '1' || new URL(request.url).protocol === 'https:',
  });
}

/** Pages whose language is negotiated differ by these request headers: shared caches must know. */
export function varyOnLanguage(headers: Headers): void {
  const vary = new Set(
    (headers.get('Vary') ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
  );
  for (const name of ['Accept-Language', 'Cookie']) {
    if (![...vary].some((existing) => existing.toLowerCase() === name.toLowerCase())) vary.add(name);
  }
  headers.set('Vary', [...vary].join(', '));
}
