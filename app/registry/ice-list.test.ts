import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, it, expect } from 'vitest';
import { IceListError, MODEL_LABELS, dateFromListFileName, parseIceList, type IceRow, type ParsedIceList } from './ice-list';
import { agencyKey, agencySlug, agreementKey, agreementSlug } from './names';

/* ---------------------------------------------------------------------- */
/* Helpers                                                                 */
/* ---------------------------------------------------------------------- */

const LIST_FILES = {
  participatingMay: 'participating-2025-05-16.xlsx',
  participatingJuly: 'participating-2025-07-18.xlsx',
  pendingMay: 'pending-2025-05-15.xlsx',
  pendingJuly: 'pending-2025-07-18.xlsx',
} as const;

function readListFile(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../seeds/data/ice-287g/${name}`, import.meta.url)));
}

// Each real file is parsed once and shared between tests.
const parsed = new Map<string, Promise<ParsedIceList>>();
function loadList(name: string): Promise<ParsedIceList> {
  if (!parsed.has(name)) parsed.set(name, parseIceList(readListFile(name), name));
  return parsed.get(name)!;
}

function find(list: ParsedIceList, stateCode: string, agencyName: string, model?: string): IceRow[] {
  return list.rows.filter(
    (r) => r.stateCode === stateCode && r.agencyName === agencyName && (!model || r.model === model),
  );
}

function countByModel(rows: IceRow[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.model] = (counts[row.model] ?? 0) + 1;
  return counts;
}

async function xlsxBytes(rows: unknown[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sheet1');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Parse and return the IceListError message (fails the test if nothing is thrown). */
async function errorMessage(bytes: Uint8Array, fileName?: string): Promise<string> {
  try {
    await parseIceList(bytes, fileName);
  } catch (error) {
    expect(error).toBeInstanceOf(IceListError);
    return (error as Error).message;
  }
  throw new Error('expected parseIceList to throw');
}

const PARTICIPATING_HEADER = ['STATE', 'LAW ENFORCEMENT AGENCY', 'TYPE', 'COUNTY', 'SUPPORT TYPE', 'SIGNED', 'MOA'];
const goodRow = (agency: string, model = 'Warrant Service Officer') => [
  'NORTH CAROLINA',
  agency,
  'County',
  'Some County',
  model,
  new Date(Date.UTC(2025, 0, 2)),
  'link pending',
];

/* ---------------------------------------------------------------------- */
/* Real ICE files                                                          */
/* ---------------------------------------------------------------------- */

describe('parseIceList on the published ICE spreadsheets', () => {
  it('reads the 2025-05-16 participating list: 571 agreements, blank rows skipped silently', async () => {
    const list = await loadList(LIST_FILES.participatingMay);
    expect(list.kind).toBe('participating');
    expect(list.rows).toHaveLength(571);
    expect(list.columns).toEqual(['STATE', 'LAW ENFORCEMENT AGENCY', 'TYPE', 'COUNTY', 'SUPPORT TYPE', 'SIGNED', 'MOA']);
    // The sheet has 586 rows: header, 571 agreements, then 14 empty rows that give no warnings.
    expect(list.rows.at(-1)!.rowNumber).toBe(572);
    expect(list.warnings.map((w) => w.rowNumber)).toEqual([545]);
    expect(list.documentDate).toBe('2025-05-15'); // workbook saved 2025-05-15T23:33Z
  });

  it('reads the 2025-07-18 participating list with its ADDENDUM column', async () => {
    const list = await loadList(LIST_FILES.participatingJuly);
    expect(list.kind).toBe('participating');
    expect(list.rows).toHaveLength(832);
    expect(list.columns).toContain('ADDENDUM');
    expect(list.rows.filter((r) => r.hasAddendum)).toHaveLength(39);
    expect(list.documentDate).toBe('2025-07-18');
  });

  it('reads both pending lists as pending, with no dates or MOA links', async () => {
    const may = await loadList(LIST_FILES.pendingMay);
    const july = await loadList(LIST_FILES.pendingJuly);
    expect(may.kind).toBe('pending');
    expect(july.kind).toBe('pending');
    expect(may.rows).toHaveLength(92);
    expect(july.rows).toHaveLength(26);
    for (const row of [...may.rows, ...july.rows]) {
      expect(row.signedOn).toBeNull();
      expect(row.moaLink).toBe('NONE');
      expect(row.moaUrl).toBeNull();
      expect(row.hasAddendum).toBe(false);
    }
    expect(may.warnings).toEqual([]);
  });

  it('counts North Carolina agreements per model', async () => {
    const may = await loadList(LIST_FILES.participatingMay);
    const july = await loadList(LIST_FILES.participatingJuly);
    const ncMay = may.rows.filter((r) => r.stateCode === 'NC');
    const ncJuly = july.rows.filter((r) => r.stateCode === 'NC');
    expect(ncMay).toHaveLength(20);
    expect(countByModel(ncMay)).toEqual({ WSO: 17, JEM: 3 });
    expect(ncJuly).toHaveLength(22);
    expect(countByModel(ncJuly)).toEqual({ WSO: 19, JEM: 3 });
    expect(ncJuly.every((r) => r.stateName === 'North Carolina')).toBe(true);
  });

  it('reads Gaston County Sheriff’s Office (JEM, signed 2020-06-09, MOA linked)', async () => {
    const list = await loadList(LIST_FILES.participatingMay);
    const [gaston] = find(list, 'NC', "Gaston County Sheriff's Office", 'JEM');
    expect(gaston).toMatchObject({
      stateCode: 'NC',
      stateName: 'North Carolina',
      agencyKind: 'SHERIFF',
      iceType: 'COUNTY',
      countyName: 'Gaston County', // the cell is "Gaston County "
      model: 'JEM',
      signedOn: '2020-06-09',
      moaLink: 'LINKED',
      hasAddendum: false,
    });
    expect(gaston.moaUrl).toMatch(/^https:\/\/www\.ice\.gov\/.+\.pdf$/);
  });

  it('finds Carteret County Sheriff’s Office in the 2025-05-15 pending list', async () => {
    const list = await loadList(LIST_FILES.pendingMay);
    const carteret = find(list, 'NC', "Carteret County Sheriff's Office");
    expect(carteret).toHaveLength(1);
    expect(carteret[0]).toMatchObject({ model: 'WSO', iceType: 'COUNTY', countyName: 'Carteret County' });
  });

  it('repairs the two malformed SIGNED dates and warns for those rows', async () => {
    const may = await loadList(LIST_FILES.participatingMay);
    const july = await loadList(LIST_FILES.participatingJuly);

    expect(may.rows.find((r) => r.rowNumber === 545)!.signedOn).toBe('2025-05-08');
    expect(may.warnings).toEqual([{ rowNumber: 545, message: expect.stringContaining('"05/082025"') }]);

    expect(july.rows.find((r) => r.rowNumber === 775)!.signedOn).toBe('2025-07-07');
    expect(july.rows.find((r) => r.rowNumber === 785)!.signedOn).toBe('2025-05-08');
    expect(july.warnings.map((w) => w.rowNumber)).toEqual([775, 785]);
    expect(july.warnings[0].message).toContain('7/72025');
    expect(july.warnings[0].message).toContain('2025-07-07');
    expect(july.warnings[0].message).toMatch(/^Row 775/);
  });

  it('turns #N/A county cells into null', async () => {
    const list = await loadList(LIST_FILES.pendingMay);
    const [levelPlains] = find(list, 'AL', 'Level Plains Police Department');
    expect(levelPlains.countyName).toBeNull();
    expect(levelPlains.agencyKind).toBe('POLICE');
    expect(levelPlains.model).toBe('TFM');
    const july = await loadList(LIST_FILES.participatingJuly);
    // 227 #N/A error cells, one typed "N/A" (Iowa Department of Public Safety), one typed "#NA".
    expect(july.rows.filter((r) => r.countyName === null)).toHaveLength(229);
    expect(july.rows.find((r) => r.rowNumber === 435)!.countyName).toBeNull(); // "#NA
    expect(find(july, 'IA', 'Iowa Department of Public Safety')[0].countyName).toBeNull();
    expect(july.rows.some((r) => r.countyName?.includes('#'))).toBe(false);
  });

  it('trims padded cells and straightens curly apostrophes', async () => {
    const july = await loadList(LIST_FILES.participatingJuly);
    for (const row of july.rows) {
      expect(row.agencyName).toBe(row.agencyName.trim());
      expect(row.agencyName).not.toMatch(/\s\s|[‘’]/);
      if (row.countyName) expect(row.countyName).toBe(row.countyName.trim());
    }
    // "Task Force Model " (trailing space) is still TFM; "link  " is still a link.
    expect(july.rows.find((r) => r.rowNumber === 45)!.model).toBe('TFM');
    expect(july.rows.find((r) => r.rowNumber === 98)!.moaLink).toBe('LINKED');
    // Curly apostrophe in the sheet: "Power County Sheriff’s Office".
    expect(find(july, 'ID', "Power County Sheriff's Office")).toHaveLength(1);
  });

  it('reads every kind of MOA cell', async () => {
    const may = await loadList(LIST_FILES.participatingMay);
    const byRow = (n: number) => may.rows.find((r) => r.rowNumber === n)!;
    // "link pending" text
    expect(byRow(2)).toMatchObject({ moaLink: 'PENDING', moaUrl: null });
    // rich text "link | addendum" (the file carries no hyperlink for it)
    expect(byRow(454)).toMatchObject({ agencyName: "Aransas County Sheriff's Office", moaLink: 'LINKED', hasAddendum: true });
    // hyperlink whose text is the URL itself
    expect(byRow(264).moaUrl).toBe('https://www.ice.gov/doclib/287gMOA/UnivFLPDFL_TFM_MOA_041525.pdf');
    expect(may.rows.filter((r) => r.moaLink === 'LINKED')).toHaveLength(419);
    expect(may.rows.filter((r) => r.moaLink === 'PENDING')).toHaveLength(152);
  });

  it('keeps agencies with one row per model (Colbert County JEM and WSO)', async () => {
    const may = await loadList(LIST_FILES.participatingMay);
    const colbert = find(may, 'AL', "Colbert County Sheriff's Office");
    expect(colbert.map((r) => r.model).sort()).toEqual(['JEM', 'WSO']);
    expect(new Set(may.rows.map(agreementKey)).size).toBe(may.rows.length);
  });

  it('derives the agency kind from the name and TYPE', async () => {
    const july = await loadList(LIST_FILES.participatingJuly);
    const kindOf = (state: string, name: string) => find(july, state, name)[0].agencyKind;
    expect(kindOf('NC', 'Albemarle District Jail')).toBe('JAIL');
    expect(kindOf('FL', 'Florida Department of Corrections')).toBe('JAIL');
    expect(kindOf('GA', 'Georgia Department of Public Safety')).toBe('POLICE');
    expect(kindOf('FL', 'Florida Department of Lottery Services')).toBe('STATE_AGENCY');
    expect(kindOf('FL', 'Gulf County Board of County Commissioners')).toBe('OTHER');
  });
});

/* ---------------------------------------------------------------------- */
/* CSV and layout variations                                               */
/* ---------------------------------------------------------------------- */

describe('parseIceList on CSV and other layouts', () => {
  it('reads a participating CSV export (padded cells, M/D/YYYY and other date forms)', async () => {
    const csv = [
      'STATE,LAW ENFORCEMENT AGENCY,TYPE,COUNTY,SUPPORT TYPE,SIGNED,MOA',
      "NORTH CAROLINA,Gaston County Sheriff's Office ,County,Gaston County ,Jail Enforcement Model,6/9/2020,link",
      'NORTH CAROLINA ,"Catawba County Sheriff’s  Office",County ,#N/A,Warrant Service Officer ,6/12/25,link pending ',
      '',
      'TEXAS,Aransas County Sheriff\'s Office,County,Aransas County,Task Force Model,2020-06-08,link | addendum',
      'VIRGINIA,Campbell County Sheriff\'s Office,County,,Task Force Model,05/082025,https://www.ice.gov/x.pdf',
    ].join('\r\n');
    const list = await parseIceList(utf8(csv), 'export.csv');

    expect(list.kind).toBe('participating');
    expect(list.documentDate).toBeNull();
    expect(list.rows).toHaveLength(4);
    const [gaston, catawba, aransas, campbell] = list.rows;
    expect(gaston).toMatchObject({
      rowNumber: 2,
      agencyName: "Gaston County Sheriff's Office",
      countyName: 'Gaston County',
      model: 'JEM',
      signedOn: '2020-06-09',
      moaLink: 'LINKED',
      moaUrl: null,
    });
    expect(catawba).toMatchObject({
      rowNumber: 3,
      stateCode: 'NC',
      agencyName: "Catawba County Sheriff's Office",
      countyName: null,
      model: 'WSO',
      signedOn: '2025-06-12',
      moaLink: 'PENDING',
    });
    expect(aransas).toMatchObject({ rowNumber: 5, signedOn: '2020-06-08', moaLink: 'LINKED', hasAddendum: true });
    expect(campbell).toMatchObject({
      rowNumber: 6,
      countyName: null,
      signedOn: '2025-05-08',
      moaLink: 'LINKED',
      moaUrl: 'https://www.ice.gov/x.pdf',
    });
    expect(list.warnings).toEqual([{ rowNumber: 6, message: expect.stringContaining('malformed') }]);
  });

  it('reads a pending CSV with columns in another order and a byte-order mark', async () => {
    const csv = '\uFEFFSupport Type, State ,County,Type,Law Enforcement Agency\nWarrant Service Officer,NORTH CAROLINA,Carteret County,County,Carteret County Sheriff\'s Office\n';
    const list = await parseIceList(utf8(csv));
    expect(list.kind).toBe('pending');
    expect(list.columns).toEqual(['Support Type', 'State', 'County', 'Type', 'Law Enforcement Agency']);
    expect(list.rows).toEqual([
      {
        rowNumber: 2,
        stateCode: 'NC',
        stateName: 'North Carolina',
        agencyName: "Carteret County Sheriff's Office",
        agencyKind: 'SHERIFF',
        iceType: 'COUNTY',
        countyName: 'Carteret County',
        model: 'WSO',
        signedOn: null,
        moaLink: 'NONE',
        moaUrl: null,
        hasAddendum: false,
      },
    ]);
  });

  it('reads a Windows-1252 CSV (curly apostrophe byte 0x92) and a UTF-16 tab-separated export', async () => {
    const header = 'STATE,LAW ENFORCEMENT AGENCY,TYPE,COUNTY,SUPPORT TYPE\r\nNC,Carteret County Sheriff';
    const tail = 's Office,County,Carteret County,WSO\r\n';
    const cp1252 = new Uint8Array([...utf8(header), 0x92, ...utf8(tail)]);
    expect((await parseIceList(cp1252)).rows[0].agencyName).toBe("Carteret County Sheriff's Office");

    const tsv = `${header}’${tail}`.replace(/,/g, '\t');
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Uint16Array.from(tsv, (c) => c.charCodeAt(0)).buffer)]);
    expect((await parseIceList(utf16)).rows[0]).toMatchObject({ agencyName: "Carteret County Sheriff's Office", model: 'WSO' });
  });

  it('tells XLSX from CSV by content, not by file name', async () => {
    const xlsx = await xlsxBytes([PARTICIPATING_HEADER, goodRow("Union County Sheriff's Office")]);
    const fromXlsx = await parseIceList(xlsx, 'list.csv');
    expect(fromXlsx.rows[0].signedOn).toBe('2025-01-02');
    const csv = utf8(`${PARTICIPATING_HEADER.join(',')}\nNORTH CAROLINA,Union County Sheriff's Office,County,Union County,Warrant Service Officer,1/2/2025,link`);
    const fromCsv = await parseIceList(csv, 'list.xlsx');
    expect(fromCsv.rows[0].signedOn).toBe('2025-01-02');
  });

  it('skips title lines above the header and finds columns by name', async () => {
    const bytes = await xlsxBytes([
      ['287(g) Participating Agencies'],
      [],
      ['MOA', 'SIGNED', 'SUPPORT TYPE', 'COUNTY', 'TYPE', 'LAW ENFORCEMENT AGENCY', ' state '],
      [{ text: 'link', hyperlink: 'https://example.org/moa.pdf' }, new Date(Date.UTC(2020, 5, 9)), 'Jail Enforcement Model', 'Gaston County', 'County', "Gaston County Sheriff's Office", 'NORTH CAROLINA'],
      ['', null, '  '], // blank row in the middle
      ['link pending', new Date(Date.UTC(2025, 4, 7)), 'Warrant Service Officer', 'Union County', 'County', "Union County Sheriff's Office", 'NORTH CAROLINA'],
    ]);
    const list = await parseIceList(bytes);
    expect(list.kind).toBe('participating');
    expect(list.warnings).toEqual([]);
    expect(list.rows.map((r) => r.rowNumber)).toEqual([4, 6]);
    expect(list.rows[0]).toMatchObject({
      rowNumber: 4,
      stateCode: 'NC',
      model: 'JEM',
      signedOn: '2020-06-09',
      moaLink: 'LINKED',
      moaUrl: 'https://example.org/moa.pdf',
    });
  });

  it('skips a bad row with a warning naming the row and the problem', async () => {
    const bytes = await xlsxBytes([
      PARTICIPATING_HEADER,
      goodRow('Agency One'),
      goodRow('Agency Two'),
      ['NARNIA', 'Agency Three', 'County', 'Some County', 'Warrant Service Officer', new Date(), 'link'],
      ['NORTH CAROLINA', 'Agency Four', 'County', 'Some County', 'Boat Patrol Model', new Date(), 'link'],
      ['NORTH CAROLINA', 'Agency Five', 'County', 'Some County', 'Task Force Model', 'someday', 'link'],
      goodRow('Agency Six'),
      goodRow('Agency Seven'),
    ]);
    const list = await parseIceList(bytes);
    expect(list.rows.map((r) => r.agencyName)).toEqual(['Agency One', 'Agency Two', 'Agency Six', 'Agency Seven']);
    expect(list.warnings).toEqual([
      { rowNumber: 4, message: expect.stringContaining('unknown state "NARNIA"') },
      { rowNumber: 5, message: expect.stringContaining('unknown SUPPORT TYPE "Boat Patrol Model"') },
      { rowNumber: 6, message: expect.stringContaining('SIGNED date "someday"') },
    ]);
    expect(list.warnings[0].message).toMatch(/^Row 4 skipped/);
  });

  it('keeps the first of two rows for the same agreement and warns about the second', async () => {
    const bytes = await xlsxBytes([
      PARTICIPATING_HEADER,
      goodRow("Colbert County Sheriff's Office", 'Jail Enforcement Model'),
      goodRow("Colbert County Sheriff's Office", 'Warrant Service Officer'),
      goodRow('Colbert County Sheriff’s Office ', 'Jail Enforcement Model'),
    ]);
    const list = await parseIceList(bytes);
    expect(list.rows.map((r) => [r.rowNumber, r.model])).toEqual([
      [2, 'JEM'],
      [3, 'WSO'],
    ]);
    expect(list.warnings).toEqual([{ rowNumber: 4, message: expect.stringContaining('repeats row 2') }]);
  });
});

/* ---------------------------------------------------------------------- */
/* Files that are not ICE lists                                            */
/* ---------------------------------------------------------------------- */

describe('parseIceList rejects files that are not ICE lists', () => {
  it('rejects an empty file', async () => {
    expect(await errorMessage(new Uint8Array(0))).toBe('The file is empty: no header row was found.');
    expect(await errorMessage(utf8('\n\n'))).toBe('The file is empty: no header row was found.');
    expect(await errorMessage(await xlsxBytes([]))).toBe('The file is empty: no header row was found.');
  });

  it('rejects random bytes', async () => {
    // Deterministic pseudo-random bytes (LCG) so the test never flakes.
    const garbage = new Uint8Array(2048);
    let seed = 12345;
    for (let i = 0; i < garbage.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      garbage[i] = seed >> 16;
    }
    const message = await errorMessage(garbage, 'list.xlsx');
    expect(message).toBe('This file is not a spreadsheet (XLSX) or CSV file that could be read.');
  });

  it('rejects a broken zip and a PDF', async () => {
    const brokenZip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...utf8('not really a zip at all')]);
    expect(await errorMessage(brokenZip)).toContain('not a spreadsheet (XLSX) or CSV');
    const pdf = utf8('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n');
    const message = await errorMessage(pdf, 'list.pdf');
    expect(message).toContain('not a spreadsheet (XLSX) or CSV');
    expect(message).toContain('PDF');
  });

  it('rejects a spreadsheet with other columns, naming the missing ones', async () => {
    const bytes = await xlsxBytes([
      ['Name', 'Email'],
      ['Ada', 'ada@example.org'],
    ]);
    const message = await errorMessage(bytes);
    expect(message).toContain('This does not look like an ICE 287(g) list');
    expect(message).toContain('missing columns STATE, LAW ENFORCEMENT AGENCY, TYPE, COUNTY, SUPPORT TYPE.');
    expect(message).toContain('Name, Email');
  });

  it('names only the columns that are missing', async () => {
    const bytes = await xlsxBytes([
      ['STATE', 'TYPE', 'COUNTY'],
      ['NORTH CAROLINA', 'County', 'Gaston County'],
    ]);
    expect(await errorMessage(bytes)).toMatch(
      /^This does not look like an ICE 287\(g\) list: missing columns LAW ENFORCEMENT AGENCY, SUPPORT TYPE\. Expected STATE, LAW ENFORCEMENT AGENCY, TYPE, COUNTY, SUPPORT TYPE \(and SIGNED, MOA for the participating list\)\./,
    );
    const one = await xlsxBytes([
      ['STATE', 'LAW ENFORCEMENT AGENCY', 'TYPE', 'COUNTY'],
      ['NORTH CAROLINA', 'Gaston County Sheriff’s Office', 'County', 'Gaston County'],
    ]);
    expect(await errorMessage(one)).toMatch(/^This does not look like an ICE 287\(g\) list: missing column SUPPORT TYPE\. Expected /);
  });

  it('rejects a list with a header but no rows', async () => {
    const bytes = await xlsxBytes([PARTICIPATING_HEADER, [], []]);
    expect(await errorMessage(bytes)).toBe('The list has a header row but no agreements.');
  });

  it('rejects a file where most rows cannot be read', async () => {
    const bytes = await xlsxBytes([
      PARTICIPATING_HEADER,
      goodRow('Agency One'),
      ['Alpha', 'x', 'y', 'z', 'w', 'v', 'u'],
      ['Beta', 'x', 'y', 'z', 'w', 'v', 'u'],
    ]);
    const message = await errorMessage(bytes);
    expect(message).toContain('This does not look like an ICE 287(g) list: 2 of 3 rows could not be read.');
    expect(message).toContain('Row 3 skipped: unknown state "Alpha"');
  });
});

/* ---------------------------------------------------------------------- */
/* Keys, slugs and names                                                   */
/* ---------------------------------------------------------------------- */

describe('keys and slugs', () => {
  it('normalizes agency keys across spelling noise', () => {
    expect(agencyKey('NC', "Gaston County Sheriff's Office")).toBe('nc|gaston county sheriffs office');
    expect(agencyKey('nc', '  Gaston  County Sheriff’s Office ')).toBe('nc|gaston county sheriffs office');
    expect(agencyKey('MO', 'St. Charles Police Dept.')).toBe('mo|st charles police dept');
  });

  it('builds agreement keys and URL-safe slugs', () => {
    const row = { stateCode: 'NC', agencyName: "Gaston County Sheriff's Office", model: 'JEM' as const };
    expect(agreementKey(row)).toBe('nc|gaston county sheriffs office|JEM');
    expect(agreementSlug('NC', "Gaston County Sheriff's Office", 'JEM')).toBe('nc-gaston-county-sheriffs-office-jem');
    expect(agencySlug('NC', "Gaston County Sheriff's Office")).toBe('nc-gaston-county-sheriffs-office');
    expect(agencySlug('FL', 'Florida Department of Environmental Protection, Division of Law Enforcement ')).toBe(
      'fl-florida-department-of-environmental-protection-division-of-law-enforcement',
    );
    expect(agencySlug('NM', 'Doña Ana County Sheriff’s Office')).toBe('nm-dona-ana-county-sheriffs-office');
  });

  it('reads dates from list file names', () => {
    expect(dateFromListFileName('participating-2025-07-18.xlsx')).toBe('2025-07-18');
    expect(dateFromListFileName('/uploads/pending-2025-05-15.csv')).toBe('2025-05-15');
    expect(dateFromListFileName('pending-2025-02-30.xlsx')).toBeNull();
    expect(dateFromListFileName('participating.xlsx')).toBeNull();
  });

  it('labels the models', () => {
    expect(MODEL_LABELS).toEqual({
      JEM: 'Jail Enforcement Model',
      WSO: 'Warrant Service Officer',
      TFM: 'Task Force Model',
    });
  });
});
