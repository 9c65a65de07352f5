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

  it('say one agency and one other county in the singular', () => {
    expect(english('admin.home.agencies', { count: 1 })).toBe('1 North Carolina agency.');
    expect(english('admin.home.agencies', { count: 730 })).toBe('730 North Carolina agencies.');
    expect(spanish('admin.home.agencies', { count: 1 })).toBe('1 agencia de Carolina del Norte.');
    expect(english('compare.others', { count: 1 })).toMatch(/^1 other county: /);
    expect(spanish('compare.others', { count: 1 })).toMatch(/^1 condado más: /);
    expect(spanish('compare.others', { count: 40 })).toMatch(/^Otros 40 condados: /);
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

/**
 * A plural hedged with an ending in brackets right after a word: "account(s)", "county(ies)",
 * "tenía(n)", "desactivada(s)", "la(s)"; or with a slash, "vez/veces". Not "287(g)", "(optional)",
 * "({detail})" or "http(s)" in an address (none of these is a plural ending).
 */
const HEDGED_PLURAL = /\p{L}\((?:s|es|ies|n|as|os|a|o)\)|\bvez\/veces\b/iu;

describe('no message hedges a plural', () => {
  it('the pattern catches hedged plurals and leaves other brackets alone', () => {
    for (const hedged of ['3 account(s)', 'county(ies)', 'invitación(es)', 'no tenía(n) nada', 'falta(n) la(s) columna(s)', '2 agencia(s) obligada(s)', 'Otros(as)', '3 vez/veces']) {
      expect(hedged, hedged).toMatch(HEDGED_PLURAL);
    }
    for (const plain of ['an active 287(g) agreement', 'Notes (optional)', 'failed ({detail})', 'the county (Gaston)', 'reports (from 4 to 11)', '(s) alone', 'Column (A)']) {
      expect(plain, plain).not.toMatch(HEDGED_PLURAL);
    }
  });

  it.each([
    ['en', en],
    ['es', es],
  ] as const)('%s: not in any message, plural or not', (_language, catalog) => {
    const hedged = Object.entries(catalog)
      .filter(([, text]) => HEDGED_PLURAL.test(text))
      .map(([key, text]) => `${key}: ${text}`);
    expect(hedged).toEqual([]);
  });

  it('words counts that used to be hedged, with one and with several', () => {
    expect(english('admin.home.imports', { count: 1, participating: 'none yet', pending: 'none yet' })).toMatch(/^1 import\. Latest/);
    expect(english('admin.home.imports', { count: 4, participating: 'none yet', pending: 'none yet' })).toMatch(/^4 imports\. Latest/);
    expect(spanish('admin.home.imports', { count: 1, participating: '-', pending: '-' })).toMatch(/^1 importación\. Última/);
    expect(spanish('admin.home.imports', { count: 4, participating: '-', pending: '-' })).toMatch(/^4 importaciones\. Última/);
    // Three numbers: each a label's value, right whatever they are.
    expect(english('admin.home.accounts', { count: 1, disabled: 0, invitations: 1 })).toBe('Accounts: 1 (0 disabled). Invitations not yet accepted: 1.');
    expect(spanish('admin.home.accounts', { count: 3, disabled: 1, invitations: 2 })).toBe('Cuentas: 3 (desactivadas: 1). Invitaciones todavía sin aceptar: 2.');

    expect(english('admin.events.count', { count: 1, page: 1, pages: 1 })).toBe('1 event, page 1 of 1');
    expect(english('admin.events.count', { count: '1,250', page: 2, pages: 25 })).toBe('1,250 events, page 2 of 25');
    expect(spanish('admin.events.count', { count: 1, page: 1, pages: 1 })).toBe('1 evento, página 1 de 1');

    const fetchParams = { list: 'Pending applications', url: 'https://ice.example/list.xlsx', seconds: 30 };
    expect(english('iceFetch.msg.timeout', { ...fetchParams, count: 1 })).toContain('within 30 seconds, once.');
    expect(english('iceFetch.msg.timeout', { ...fetchParams, count: 3 })).toContain('within 30 seconds, 3 times.');
    expect(spanish('iceFetch.msg.timeout', { ...fetchParams, count: 1 })).toContain('en 30 segundos, una vez.');
    expect(spanish('iceFetch.msg.timeout', { ...fetchParams, count: 3 })).toContain('en 30 segundos, 3 veces.');

    const column = { missing: 'STATE', expected: 'STATE, COUNTY' };
    expect(english('iceList.missingColumns', { ...column, count: 1 })).toContain('missing column STATE.');
    expect(spanish('iceList.missingColumns', { ...column, count: 1 })).toContain('falta la columna STATE.');
    expect(spanish('iceList.missingColumns', { ...column, missing: 'STATE, COUNTY', count: 2 })).toContain('faltan las columnas STATE, COUNTY.');

    // Spanish verbs and adjectives agree with the count.
    const reported = { metric: 'Gross cost', period: 'all periods' };
    expect(english('compare.chart.reported', { ...reported, count: 1 })).toBe('1 county reported Gross cost for all periods.');
    expect(english('compare.chart.reported', { ...reported, count: 3 })).toBe('3 counties reported Gross cost for all periods.');
    expect(spanish('compare.chart.reported', { ...reported, count: 1 })).toBe('1 condado informó la cifra “Gross cost” para all periods.');
    expect(spanish('compare.chart.reported', { ...reported, count: 3 })).toBe('3 condados informaron la cifra “Gross cost” para all periods.');
    expect(spanish('compare.chart.missing', { count: 1 })).toMatch(/^Otro condado con una agencia obligada a informar no la ha informado: figura en la tabla/);
    expect(spanish('compare.chart.missing', { count: 2 })).toMatch(/^Otros 2 condados con una agencia obligada a informar no la han informado: figuran en la tabla/);
    expect(english('compare.table.agenciesCell', { reporting: 1, count: 1 })).toBe('from 1 of 1 agency asked to report');
    expect(spanish('compare.table.agenciesCell', { reporting: 2, count: 3 })).toBe('de 2 de 3 agencias obligadas a informar');
    expect(spanish('county.coverage.nothing', { count: 1 })).toBe('1 no tenía nada que informar.');
    expect(spanish('county.coverage.nothing', { count: 2 })).toBe('2 no tenían nada que informar.');
    expect(spanish('search.townReaches', { count: 1, place: 'Dallas' })).toBe('1 acuerdo de otra agencia alcanza a los residentes de Dallas.');
    expect(spanish('search.townReaches', { count: 2, place: 'Dallas' })).toBe('2 acuerdos de otras agencias alcanzan a los residentes de Dallas.');
  });
});
