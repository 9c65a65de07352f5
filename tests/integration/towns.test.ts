/**
 * Towns and a current registry (issue #9), on a database seeded as `npm start` seeds it (without
 * demo data): every NC municipality with its counties and population, ZIP codes, the agreements
 * recorded from MOAs, search, town pages and the places importer.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importIceList } from '~/registry/ice-import.server';
import { PlacesFileError } from '~/registry/places-file';
import { importPlaces } from '~/registry/places-import.server';
import { recordAgreementSource } from '~/registry/recorded-agreements.server';
import { activeCountAsOf, agencyDetail, placeDetail, searchPlaces } from '~/registry/registry-queries.server';
import { prepareDatabase } from '../../scripts/db/prepare';
import { NC_PLACE_FILES } from '../../seeds/nc-places';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const [MUNICIPALITIES, COUNTY_POPULATION, ZIPS] = NC_PLACE_FILES.map((file) => fs.readFileSync(file, 'utf8'));
const rowsOf = (text: string): Record<string, string>[] => parse(text, { columns: true, skip_empty_lines: true });

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.url, () => {}, false);
}, 120_000);
afterAll(async () => {
  await db.drop();
});

describe('every North Carolina municipality is a place', () => {
  it('seeds as many municipalities as the source file has, each in at least one of the 100 counties', async () => {
    const source = rowsOf(MUNICIPALITIES);
    const towns = await db.prisma.jurisdiction.findMany({
      where: { stateCode: 'NC', kind: 'MUNICIPALITY', fips: { not: null } },
      select: { fips: true, population: true, countyLinks: { select: { county: { select: { kind: true, fips: true } } } } },
    });
    expect(towns).toHaveLength(source.length);
    expect(source.length).toBeGreaterThan(540);
    for (const town of towns) {
      expect(town.countyLinks.length, town.fips!).toBeGreaterThan(0);
      expect(town.countyLinks.every((link) => link.county.kind === 'COUNTY' && /^37\d{3}$/.test(link.county.fips!))).toBe(true);
    }
    const sum = (values: (number | null)[]) => values.reduce<number>((total, value) => total + (value ?? 0), 0);
    expect(sum(towns.map((town) => town.population))).toBe(sum(source.map((row) => Number(row.population_2020))));
  });

  it('gives the 100 counties their 2020 population, summing to the file and to the state', async () => {
    const counties = await db.prisma.jurisdiction.findMany({ where: { stateCode: 'NC', kind: 'COUNTY' }, select: { population: true } });
    const total = counties.reduce((sum, county) => sum + (county.population ?? 0), 0);
    expect(counties.every((county) => county.population !== null)).toBe(true);
    expect(total).toBe(rowsOf(COUNTY_POPULATION).reduce((sum, row) => sum + Number(row.population_2020), 0));
    expect(total).toBe(10_439_388);
  });

  it('knows Cary lies in Wake and Chatham counties', async () => {
    const cary = await placeDetail(db.prisma, 'NC', 'cary');
    expect(cary?.counties.map((county) => county.name)).toEqual(['Wake County', 'Chatham County']);
  });

  it('imports the same files again without changing anything', async () => {
    for (const text of [MUNICIPALITIES, COUNTY_POPULATION, ZIPS]) {
      const result = await importPlaces(db.prisma, text);
      expect(result).toMatchObject({ created: 0, changed: 0, removed: 0 });
      expect(result.unchanged).toBeGreaterThan(0);
    }
  });

  it('refuses a damaged file whole, naming the rows, and changes nothing', async () => {
    const before = await db.prisma.jurisdiction.count();
    const lines = MUNICIPALITIES.trim().split('\n');
    const damaged = [lines[0], lines[1].replace(/,\d+$/, ',12x'), lines[2].replace(/^\d+/, '37'), `3799999,New\u0000Town,town,37183,5`].join('\n');
    const error = await importPlaces(db.prisma, damaged).catch((caught) => caught);
    expect(error).toBeInstanceOf(PlacesFileError);
    expect(error.message).toMatch(/Row 2 .*population/);
    expect(error.message).toMatch(/Row 3 .*place code/);
    expect(error.message).toMatch(/Row 4 .*name/);
    expect(await db.prisma.jurisdiction.count()).toBe(before);
  });
});

describe('agreements recorded from MOAs', () => {
  it('counts the active NC agreements as of 2026-01-07 from the seeded sources', async () => {
    // ICE's list of 2025-07-18 (22) plus the six MOAs signed from then to 2026-01-07 (Columbus and
    // Onslow TFM, Brookford, Beulaville, Newland, Robbins); Catawba's MOA is its listed agreement.
    expect(await activeCountAsOf(db.prisma, 'NC', '2026-01-07')).toBe(28);
    expect(await activeCountAsOf(db.prisma, 'NC', '2025-07-18')).toBe(22);
    expect(await db.prisma.agreement.count({ where: { status: 'ACTIVE', agency: { stateCode: 'NC' } } })).toBe(30);
  });

  it('keeps both of Catawba\u2019s dates: ICE\u2019s list and the MOA file', async () => {
    const catawba = await agencyDetail(db.prisma, 'nc-catawba-county-sheriffs-office');
    const wso = catawba!.agreements.find((agreement) => agreement.model === 'WSO')!;
    expect(wso.onIceList).toBe(true);
    expect(wso.sources.map((source) => [source.kind, source.signedOn])).toEqual([
      ['ICE_LIST', '2025-06-12'],
      ['MOA', '2025-07-29'],
    ]);
  });

  it('records the same MOA twice only once', async () => {
    const moa = {
      stateCode: 'NC',
      agencyName: 'Robbins Police Department',
      agencyType: 'MUNICIPALITY' as const,
      countyName: null,
      model: 'TFM' as const,
      signedOn: '2025-12-11',
      kind: 'MOA' as const,
      title: 'RobbinsPDNC_TFM_MOA_12112025.pdf',
      url: 'https://example.org/robbins.pdf',
      note: null,
      recordedBy: 'test',
    };
    const outcome = await recordAgreementSource(db.prisma, moa);
    expect(outcome).toMatchObject({ created: false, duplicate: true });
    expect(await db.prisma.agreementSource.count({ where: { agreement: { agency: { slug: 'nc-robbins-police-department' } } } })).toBe(1);
  });
});

describe('search finds people\u2019s places', () => {
  const first = async (query: string) => (await searchPlaces(db.prisma, query))[0];

  it.each(['Beulaville', 'beulaville nc', 'BEULAVÍLLE', 'Beulavile', '28518'])('%s leads to Beulaville with its Task Force agreement and source', async (query) => {
    const matches = await searchPlaces(db.prisma, query);
    const town = matches.find((match) => match.place.slug === 'beulaville');
    expect(town, query).toBeDefined();
    if (query !== '28518') expect(matches[0].place.slug).toBe('beulaville');
    expect(town!.counties.map((county) => county.name)).toEqual(['Duplin County']);
    const agreement = town!.agencies.flatMap((agency) => agency.agreements).find((a) => a.model === 'TFM');
    expect(agreement).toMatchObject({ status: 'ACTIVE', signedOn: '2025-10-17', onIceList: false });
    expect(agreement!.sources[0]).toMatchObject({ kind: 'MOA', title: 'BeulavillePoliceDeptNC_TFM_MOA_10172025.pdf' });
  });

  it('lists every town and county a ZIP code overlaps', async () => {
    const matches = await searchPlaces(db.prisma, '28518');
    const kinds = matches.map((match) => match.place.kind);
    expect(kinds.indexOf('MUNICIPALITY')).toBeLessThan(kinds.indexOf('COUNTY'));
    expect(matches.filter((match) => match.place.kind === 'COUNTY').map((match) => match.place.name)).toEqual(
      expect.arrayContaining(['Duplin County', 'Onslow County']),
    );
  });

  it('finds Newland in Avery County, and shows the sheriff\u2019s agreement that reaches a town', async () => {
    const newland = await first('Newland');
    expect(newland.place.slug).toBe('newland');
    expect(newland.counties.map((county) => county.name)).toEqual(['Avery County']);
    expect(newland.agencies.flatMap((agency) => agency.agreements).map((a) => a.model)).toContain('TFM');
    // Gaston County's sheriff has a jail agreement: it reaches the residents of Gastonia.
    const gastonia = await first('Gastonia');
    expect(gastonia.reaching.map((agency) => agency.slug)).toContain('nc-gaston-county-sheriffs-office');
  });

  it('finds the Town of Cary in Wake and Chatham counties with no agreement of its own', async () => {
    const cary = await first('Cary');
    expect(cary.place).toMatchObject({ slug: 'cary', kind: 'MUNICIPALITY' });
    expect(cary.counties.map((county) => county.name)).toEqual(['Wake County', 'Chatham County']);
    expect(cary.agencies.flatMap((agency) => agency.agreements)).toEqual([]);
  });

  it.each([
    ['Mt. Airy', 'mount-airy'],
    ['mount airy', 'mount-airy'],
    ['Saint Pauls', 'st-pauls'],
    ['st pauls', 'st-pauls'],
    ['gaston', 'gaston-county'],
    ['Gaston Co.', 'gaston-county'],
    ['Gastn', 'gaston-county'],
    ['gaston county sheriff', 'gaston-county'],
    ['Winston Salem', 'winston-salem'],
  ])('%s → %s', async (query, slug) => {
    expect((await first(query))?.place.slug).toBe(slug);
  });

  it('finds nothing for nonsense, without an error', async () => {
    expect(await searchPlaces(db.prisma, 'qqqqzzzz')).toEqual([]);
    expect(await searchPlaces(db.prisma, '99999')).toEqual([]);
  });
});

// Last: it imports a newer ICE list, which changes what the tests above read.
describe('an MOA agreement that ICE lists later', () => {
  it('makes an agreement recorded from an MOA and later on an ICE list one agreement with two sources', async () => {
    const before = await agencyDetail(db.prisma, 'nc-beulaville-police-department');
    expect(before!.agreements).toHaveLength(1);
    expect(before!.agreements[0]).toMatchObject({ model: 'TFM', status: 'ACTIVE', onIceList: false, signedOn: '2025-10-17' });

    // ICE's next participating list: the list of 2025-07-18 plus a row for Beulaville.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fs.readFileSync(new URL('../../seeds/data/ice-287g/participating-2025-07-18.xlsx', import.meta.url)) as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    sheet.addRow(['NORTH CAROLINA', 'Beulaville Police Department', 'Municipality', 'Duplin', 'Task Force Model', new Date(Date.UTC(2025, 9, 17)), 'link', '']);
    const bytes = new Uint8Array(await workbook.csv.writeBuffer({ dateFormat: 'M/D/YYYY' }));
    const result = await importIceList(db.prisma, { bytes, fileName: 'participating-2026-01-20.csv', importedBy: 'test' });
    expect(result.counts.new).toBe(0);
    // Agreements known only from MOAs are not ended by a list that does not show them yet.
    expect(result.counts.ended).toBe(0);

    const after = await agencyDetail(db.prisma, 'nc-beulaville-police-department');
    expect(after!.agreements).toHaveLength(1);
    expect(after!.agreements[0].onIceList).toBe(true);
    expect(after!.agreements[0].sources.map((source) => source.kind)).toEqual(['MOA', 'ICE_LIST']);
    expect(after!.lineage.map((line) => line.kind)).toEqual(['recorded', 'onIceList']);
    expect(await db.prisma.agreement.count({ where: { agency: { slug: 'nc-beulaville-police-department' } } })).toBe(1);
    expect(await db.prisma.agreement.count({ where: { status: 'ACTIVE', agency: { stateCode: 'NC' } } })).toBe(30);
  });
});
