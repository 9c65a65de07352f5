import { describe, expect, it } from 'vitest';
import { METRICS } from '~/reporting/metrics';
import { dataDictionary, DICTIONARY_COLUMNS, dictionaryRows } from './data-dictionary';

describe('dataDictionary', () => {
  it('has every metric of the catalogue, with its text in both languages', () => {
    const en = dataDictionary('en');
    const es = dataDictionary('es');
    expect(en.map((entry) => entry.key)).toEqual(METRICS.map((metric) => metric.key));
    for (const [i, entry] of en.entries()) {
      expect(entry.label).not.toBe('');
      expect(entry.definition.length).toBeGreaterThan(10);
      expect(es[i].key).toBe(entry.key);
      expect(es[i].unit).toBe(entry.unit);
    }
    expect(es.find((entry) => entry.key === 'gross_cost')!.label).not.toBe(en.find((entry) => entry.key === 'gross_cost')!.label);
  });

  it('says how net local cost is derived and which total a breakdown cell belongs to', () => {
    const en = dataDictionary('en');
    expect(en.find((entry) => entry.key === 'net_local_cost')).toMatchObject({ formula: 'gross_cost - federal_reimbursement - igsa_revenue', unit: 'USD', category: 'COST' });
    expect(en.find((entry) => entry.key === 'transferred_by_sex.female')).toMatchObject({ breakdownOf: 'transfers_to_ice', group: 'transferred_by_sex', formula: null });
    expect(en.find((entry) => entry.key === 'gross_cost')).toMatchObject({ formula: null, breakdownOf: null, models: ['JEM', 'WSO', 'TFM'] });
  });

  it('flattens to CSV rows in column order', () => {
    const [row] = dictionaryRows(dataDictionary('en').filter((entry) => entry.key === 'gross_cost'));
    expect(row).toHaveLength(DICTIONARY_COLUMNS.length);
    expect(row[0]).toBe('gross_cost');
    expect(row[DICTIONARY_COLUMNS.indexOf('models')]).toBe('JEM|WSO|TFM');
  });
});
