import { describe, expect, it } from 'vitest';
import { en } from './en';
import { es } from './es';
import { isPluralKey, translator } from './i18n';

const english = translator('en');
const spanish = translator('es');

describe('plural messages', () => {
  it('pick the singular for one and the plural otherwise, in English', () => {
    expect(english('place.summaryYes', { place: 'Gaston County', count: 1 })).toBe('Gaston County has 1 active 287(g) agreement.');
    expect(english('place.summaryYes', { place: 'Gaston County', count: 2 })).toBe('Gaston County has 2 active 287(g) agreements.');
    expect(english('place.summaryYes', { place: 'Gaston County', count: 0 })).toBe('Gaston County has 0 active 287(g) agreements.');
  });

  it('and in Spanish, adjectives agreeing, never "acuerdo(s) activo(s)"', () => {
    expect(spanish('place.summaryYes', { place: 'Condado de Gaston', count: 1 })).toBe('Condado de Gaston tiene 1 acuerdo 287(g) activo.');
    expect(spanish('place.summaryYes', { place: 'Condado de Gaston', count: 3 })).toBe('Condado de Gaston tiene 3 acuerdos 287(g) activos.');
    expect(spanish('admin.preview.homeActive', { count: 1 })).toBe('Carolina del Norte tendría entonces 1 acuerdo activo.');
  });

  it('read a count as formatNumber wrote it, and use "other" where Spanish says "many" (millions)', () => {
    expect(english('admin.accounts.count', { count: '1,234' })).toBe('1,234 accounts');
    expect(english('admin.accounts.count', { count: '1' })).toBe('1 account');
    // CLDR gives Spanish a "many" form for 1,000,000; the catalogs need not have one.
    expect(new Intl.PluralRules('es-US').select(1_000_000)).toBe('many');
    expect(spanish('admin.accounts.count', { count: 1_000_000 })).toBe('1000000 cuentas');
  });

  it('fall back to the plural form when the count is missing or not a number', () => {
    const untyped = english as (key: string, params?: Record<string, string | number>) => string;
    expect(untyped('admin.accounts.count')).toBe('{count} accounts');
    expect(untyped('admin.accounts.count', { count: 'many' })).toBe('many accounts');
  });

  it('are known as plural keys by their base name only', () => {
    expect(isPluralKey('place.summaryYes')).toBe(true);
    expect(isPluralKey('place.summaryYes_one')).toBe(false);
    expect(isPluralKey('place.summaryNo')).toBe(false);
  });

  it.each([
    ['en', en],
    ['es', es],
  ] as const)('%s: every plural message has its "other" form, and no plain message shares its name', (_language, catalog) => {
    const keys = Object.keys(catalog);
    const forms = keys.filter((key) => /_(zero|one|two|few|many|other)$/.test(key));
    const bases = new Set(forms.map((key) => key.replace(/_[a-z]+$/, '')));
    expect(bases.size).toBeGreaterThan(0);
    for (const base of bases) {
      expect(keys, `${base}_other`).toContain(`${base}_other`);
      expect(keys, `${base} is both a plain and a plural message`).not.toContain(base);
    }
    // A message with plural forms says each form plainly.
    const hedged = forms.filter((key) => /\((s|es)\)/.test(catalog[key as keyof typeof catalog]));
    expect(hedged).toEqual([]);
  });
});
