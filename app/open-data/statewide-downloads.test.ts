import { describe, expect, it } from 'vitest';
import { translator, type MessageKey } from '~/i18n/i18n';
import { countyRows, filingRows, STATEWIDE_COLUMNS, STATEWIDE_TABLES, timelineRows } from './statewide-downloads';

describe('statewide CSV rows', () => {
  it('gives a county its agreements by model, its towns’ included, and names each agency', () => {
    const [row] = countyRows([
      {
        fips: '37071',
        name: 'Gaston County',
        slug: 'gaston-county',
        mapCategory: 'jem',
        activeAgreements: 1,
        municipalAgreements: 1,
        pendingAgreements: 1,
        agencies: [
          { name: "Gaston County Sheriff's Office", municipal: false, active: ['JEM'], pending: [] },
          { name: 'Testville Police Department', municipal: true, active: ['TFM'], pending: ['WSO'] },
        ],
      },
    ]);
    expect(row).toEqual([
      '37071',
      'Gaston County',
      'gaston-county',
      'jem',
      1,
      1,
      1,
      1,
      0,
      1,
      "Gaston County Sheriff's Office: JEM; Testville Police Department (MUNICIPAL): TFM, WSO (PENDING)",
    ]);
    expect(row).toHaveLength(STATEWIDE_COLUMNS.counties.length);
  });

  it('gives each month its count, and each report its kind, counting and address', () => {
    expect(timelineRows([{ month: '2025-05', active: 20, byModel: { JEM: 3, WSO: 17, TFM: 0 } }])).toEqual([['2025-05', 20, 3, 17, 0]]);
    const [row] = filingRows(
      [
        {
          filingId: 7,
          agency: { slug: 'nc-gaston-county-sheriffs-office', name: "Gaston County Sheriff's Office" },
          county: null,
          period: { key: '2025-Q1', start: '2025-01-01', end: '2025-03-31' },
          revisionNumber: 2,
          kind: 'amendment',
          amendmentReason: 'Corrected the cost.',
          certifiedAt: '2025-05-01T14:00:00.000Z',
          counted: false,
        },
      ],
      'https://portal.example',
    );
    expect(row).toEqual([
      '2025-05-01T14:00:00.000Z',
      "Gaston County Sheriff's Office",
      'nc-gaston-county-sheriffs-office',
      null,
      '2025-Q1',
      '2025-01-01',
      '2025-03-31',
      7,
      2,
      'amendment',
      'Corrected the cost.',
      'no',
      'https://portal.example/agencies/nc-gaston-county-sheriffs-office/reports/7',
    ]);
    expect(row).toHaveLength(STATEWIDE_COLUMNS.filings.length);
  });

  it('has English headers equal to the machine keys, and Spanish ones for every column', () => {
    const [en, es] = [translator('en'), translator('es')];
    for (const table of STATEWIDE_TABLES) {
      for (const column of STATEWIDE_COLUMNS[table]) {
        const key = `statewide.csv.${table}.${column}` as MessageKey;
        expect(en(key)).toBe(column);
        expect(es(key)).not.toBe(key);
      }
    }
  });
});
