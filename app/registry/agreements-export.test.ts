import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { AGREEMENT_COLUMNS, agreementsCsv, agreementsCsvFileName, csvLanguage } from './agreements-export';

const row = {
  id: 'nc-gaston-county-sheriffs-office-jem',
  agency: "Gaston County Sheriff's Office",
  agencyType: 'SHERIFF',
  state: 'NC',
  county: 'Gaston County',
  model: 'JEM',
  status: 'ACTIVE',
  signedOn: '2020-06-09',
};

describe('agreementsCsv', () => {
  it('keeps the machine keys of the API as the English header, without a byte-order mark', () => {
    const csv = agreementsCsv([row], 'en');
    expect(csv.split('\n')[0]).toBe(AGREEMENT_COLUMNS.join(','));
    expect(csv.split('\n')[0]).toBe('id,agency,agencyType,state,county,model,status,signedOn');
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('writes Spanish headers, with the same values, and a byte-order mark for spreadsheets', () => {
    const csv = agreementsCsv([row], 'es');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header, values] = parse(csv, { bom: true }) as string[][];
    expect(header).toEqual(['Identificador', 'Agencia', 'Tipo de agencia', 'Estado', 'Condado', 'Modelo', 'Situación', 'Fecha de firma']);
    expect(values).toEqual(Object.values(row));
  });

  it('names the file in the language', () => {
    expect(agreementsCsvFileName('2025-07-18', 'en')).toBe('287g-agreements-2025-07-18.csv');
    expect(agreementsCsvFileName('2025-07-18', 'es')).toBe('287g-acuerdos-2025-07-18.csv');
    expect(agreementsCsvFileName(null, 'es')).toBe('287g-acuerdos.csv');
  });
});

describe('csvLanguage', () => {
  it('is English unless asked, and leaves the filters alone', () => {
    const result = csvLanguage(new URLSearchParams('state=NC&status=active'));
    expect(result).toMatchObject({ ok: true, locale: 'en' });
    expect(result.ok && result.filters.toString()).toBe('state=NC&status=active');
  });

  it('takes lang=es out of the filters', () => {
    const result = csvLanguage(new URLSearchParams('state=NC&lang=ES'));
    expect(result).toMatchObject({ ok: true, locale: 'es' });
    expect(result.ok && result.filters.toString()).toBe('state=NC');
  });

  it('refuses an unknown or repeated language', () => {
    expect(csvLanguage(new URLSearchParams('lang=fr'))).toEqual({ ok: false, message: 'lang must be en or es. Got "fr".' });
    expect(csvLanguage(new URLSearchParams('lang=es&lang=en'))).toMatchObject({ ok: false });
  });
});
