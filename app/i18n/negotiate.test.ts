import { describe, expect, it } from 'vitest';
import { formatDate, formatNumber } from './i18n';
import { negotiateLocale, parseAcceptLanguage, safeReturnPath } from './negotiate';

describe('negotiateLocale', () => {
  it.each([
    ['es', 'es'],
    ['es-419', 'es'],
    ['es-MX,es;q=0.9', 'es'],
    ['es_US', 'es'],
    ['ES-mx', 'es'],
    ['en-US,en;q=0.9', 'en'],
    ['en-US,en;q=0.9,es;q=0.8', 'en'],
    ['fr-FR,fr;q=0.9,es;q=0.8,en;q=0.5', 'es'],
    ['en;q=0.4, es;q=0.6', 'es'],
    ['es;q=0, en', 'en'],
    ['es;q=0.000', 'en'],
    ['pt-BR', 'en'],
    ['*', 'en'],
    ['', 'en'],
    [null, 'en'],
    ['es;q=abc, en;q=0.1', 'en'],
  ])('Accept-Language %j → %s', (acceptLanguage, locale) => {
    expect(negotiateLocale({ acceptLanguage })).toBe(locale);
  });

  it('lets the switch cookie win over Accept-Language', () => {
    expect(negotiateLocale({ cookie: 'en', acceptLanguage: 'es-MX,es;q=0.9' })).toBe('en');
    expect(negotiateLocale({ cookie: 'es', acceptLanguage: 'en-US' })).toBe('es');
  });

  it('ignores a cookie that is not one of the languages', () => {
    expect(negotiateLocale({ cookie: 'fr', acceptLanguage: 'es' })).toBe('es');
    expect(negotiateLocale({ cookie: 'ES ', acceptLanguage: null })).toBe('en');
  });

  it('keeps the order of equal q-values', () => {
    expect(parseAcceptLanguage('es, en').map((l) => l.language)).toEqual(['es', 'en']);
    expect(parseAcceptLanguage('en;q=0.8, es;q=0.8').map((l) => l.language)).toEqual(['en', 'es']);
  });
});

describe('safeReturnPath', () => {
  it.each([
    ['/', '/'],
    ['/agencies/nc-gaston-county-sheriffs-office', '/agencies/nc-gaston-county-sheriffs-office'],
    ['/search?q=gaston', '/search?q=gaston'],
    ['/search?q=Gast%C3%B3n#r-NC-gaston', '/search?q=Gast%C3%B3n#r-NC-gaston'],
  ])('keeps the same-site path %s', (value, path) => {
    expect(safeReturnPath(value)).toBe(path);
  });

  it.each([
    '//evil.example',
    '//evil.example/path',
    '/\\evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/.//evil.example',
    'https://evil.example/',
    'http:/evil.example',
    'javascript:alert(1)',
    'evil.example',
    '',
    '/language?lang=es',
    '/' + 'a'.repeat(2001),
  ])('refuses %j and falls back to the home page', (value) => {
    expect(safeReturnPath(value)).toBe('/');
  });

  it('refuses anything that is not a string', () => {
    expect(safeReturnPath(null)).toBe('/');
    expect(safeReturnPath(['/a'])).toBe('/');
  });
});

describe('formatting for the language', () => {
  it('writes dates as people read them in each language', () => {
    expect(formatDate('2020-06-09', 'en')).toBe('June 9, 2020');
    expect(formatDate('2020-06-09', 'es')).toBe('9 de junio de 2020');
    expect(formatDate('2025-01-01', 'es')).toBe('1 de enero de 2025');
  });

  it('groups numbers with US conventions in both languages', () => {
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5');
    expect(formatNumber(1234567.5, 'es')).toBe('1,234,567.5');
  });
});
