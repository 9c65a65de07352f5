import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { AGREEMENT_COLUMNS, agreementsCsv, agreementsCsvFileName, csvLanguage } from './agreements-export';

const row = {
  id: 'nc-gaston-county-sheriffs-office-jem',
  agency: "Gaston County Sheriff's Office",
  agency_type: 'SHERIFF',
  state: 'NC',
  county: 'Gaston County',
  model: 'JEM',
  status: 'ACTIVE',
  signed_on: '2020-06-09',
  moa_link: 'LINKED',
  moa_url: 'https://www.ice.gov/doclib/287gMOA/GastonCoSONC_JEM.pdf',
};

describe('agreementsCsv', () => {
  it('has the snake_case machine keys of the API as the English header, the model by name, a byte-order mark and CRLF like every download', () => {
    const csv = agreementsCsv([row], 'en');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header] = csv.slice(1).split('\r\n');
    expect(header).toBe(AGREEMENT_COLUMNS.join(','));
    expect(header).toBe('id,agency,agency_type,state,county,model,model_name,status,signed_on,moa_link,moa_url');
    const [, values] = parse(csv, { bom: true }) as string[][];
    expect(values).toEqual(["nc-gaston-county-sheriffs-office-jem", "Gaston County Sheriff's Office", 'SHERIFF', 'NC', 'Gaston County', 'JEM', 'Jail Enforcement Model', 'ACTIVE', '2020-06-09', 'LINKED', row.moa_url]);
  });

  it('gives the old camelCase header with legacy (one release), and a demonstration_data column on demonstration data', () => {
    const [legacy] = parse(agreementsCsv([row], 'en', { legacy: true }), { bom: true }) as string[][];
    expect(legacy).toEqual(['id', 'agency', 'agencyType', 'state', 'county', 'model', 'model_name', 'status', 'signedOn', 'moa_link', 'moa_url']);
    const [header, values] = parse(agreementsCsv([row], 'en', { demo: true }), { bom: true }) as string[][];
    expect(header[0]).toBe('demonstration_data');
    expect(values[0]).toBe('yes');
    expect(values).toHaveLength(header.length);
  });

  it('writes Spanish headers, with the same values, and a byte-order mark for spreadsheets', () => {
    const csv = agreementsCsv([row], 'es');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header, values] = parse(csv, { bom: true }) as string[][];
    expect(header).toEqual(['Identificador', 'Agencia', 'Tipo de agencia', 'Estado', 'Condado', 'Modelo', 'Nombre del modelo', 'Situación', 'Fecha de firma', 'Enlace al MOA', 'Dirección del MOA']);
    expect(values[6]).toBe('Modelo de Control en Cárceles');
    expect(values.filter((_, i) => i !== 6)).toEqual(Object.values(row));
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

  it('takes columns=legacy out of the filters, and refuses it with Spanish headers or another value', () => {
    const result = csvLanguage(new URLSearchParams('state=NC&columns=legacy'));
    expect(result).toMatchObject({ ok: true, locale: 'en', legacy: true });
    expect(result.ok && result.filters.toString()).toBe('state=NC');
    expect(csvLanguage(new URLSearchParams('state=NC'))).toMatchObject({ ok: true, legacy: false });
    expect(csvLanguage(new URLSearchParams('columns=legacy&lang=es'))).toMatchObject({ ok: false, message: expect.stringContaining('leave out lang') });
    expect(csvLanguage(new URLSearchParams('columns=old'))).toMatchObject({ ok: false, message: expect.stringContaining('columns must be legacy') });
  });

  it('refuses an unknown or repeated language', () => {
    expect(csvLanguage(new URLSearchParams('lang=fr'))).toEqual({ ok: false, message: 'lang must be en or es. Got "fr".' });
    expect(csvLanguage(new URLSearchParams('lang=es&lang=en'))).toMatchObject({ ok: false });
  });
});
