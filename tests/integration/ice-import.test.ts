/**
 * The ICE importer against real PostgreSQL with the real ICE spreadsheets: import order,
 * idempotence, history, refusals, dry runs.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportRefusedError, importIceList } from '~/registry/ice-import.server';
import { IceListError } from '~/registry/ice-list';
import { ICE_LISTS_DIR } from '../../seeds/ice-registry';
import { seedNcJurisdictions } from '../../seeds/nc-jurisdictions';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const list = (name: string) => ({ bytes: fs.readFileSync(path.join(ICE_LISTS_DIR, name)), fileName: name, importedBy: 'test' });

let db: TestDatabase;
beforeEach(async () => {
  db = await createTestDatabase();
  await seedNcJurisdictions(db.prisma);
});
afterEach(async () => {
  await db.drop();
});

async function ncActive() {
  const rows = await db.prisma.agreement.findMany({
    where: { status: 'ACTIVE', agency: { stateCode: 'NC' } },
    select: { model: true },
  });
  return { total: rows.length, JEM: rows.filter((r) => r.model === 'JEM').length, WSO: rows.filter((r) => r.model === 'WSO').length };
}

async function registrySnapshot() {
  const [agreements, events, imports, agencies, places] = await Promise.all([
    db.prisma.agreement.findMany({ orderBy: { id: 'asc' } }),
    db.prisma.agreementEvent.count(),
    db.prisma.iceImport.count(),
    db.prisma.agency.count(),
    db.prisma.jurisdiction.count(),
  ]);
  return { agreements, events, imports, agencies, places };
}

describe('importing ICE participating lists in date order', () => {
  it('gives 20 then 22 active NC agreements, with Carteret and Catawba new and none ended', async () => {
    const first = await importIceList(db.prisma, list('participating-2025-05-16.xlsx'));
    expect(first.asOf).toBe('2025-05-16');
    expect(await ncActive()).toEqual({ total: 20, JEM: 3, WSO: 17 });
    expect(first.activeByState.NC).toBe(20);

    const second = await importIceList(db.prisma, list('participating-2025-07-18.xlsx'));
    expect(await ncActive()).toEqual({ total: 22, JEM: 3, WSO: 19 });
    expect(second.activeByState.NC).toBe(22);
    const nc = second.changes.filter((c) => (c.kind === 'ended' ? c.agreement.stateCode : c.row.stateCode) === 'NC');
    const newNames = nc.filter((c) => c.kind === 'new').map((c) => (c.kind === 'new' ? `${c.row.agencyName} ${c.row.model}` : ''));
    expect(newNames.sort()).toEqual(["Carteret County Sheriff's Office WSO", "Catawba County Sheriff's Office WSO"]);
    expect(nc.filter((c) => c.kind === 'ended')).toEqual([]);

    // Nationwide rows are kept: the registry is national.
    const states = await db.prisma.agency.groupBy({ by: ['stateCode'] });
    expect(states.length).toBeGreaterThan(30);
  });

  it('changes nothing when the same file is imported twice', async () => {
    await importIceList(db.prisma, list('participating-2025-05-16.xlsx'));
    const before = await registrySnapshot();
    const again = await importIceList(db.prisma, list('participating-2025-05-16.xlsx'));
    expect(again.counts).toMatchObject({ new: 0, changed: 0, ended: 0 });
    expect(again.counts.unchanged).toBe(again.rowsRead);
    const after = await registrySnapshot();
    expect(after.agreements).toEqual(before.agreements);
    expect(after.events).toBe(before.events);
    expect(after.imports).toBe(before.imports + 1); // the import itself is recorded
  });

  it('ends an agreement that a newer list drops, with the date of that list, and never deletes it', async () => {
    await importIceList(db.prisma, list('participating-2025-05-16.xlsx'));
    const total = await db.prisma.agreement.count();
    const result = await importIceList(db.prisma, list('participating-2025-07-18.xlsx'));
    const ended = result.changes.filter((c) => c.kind === 'ended');
    expect(ended.length).toBe(result.counts.ended);
    expect(ended.length).toBeGreaterThan(0);
    const endedRows = await db.prisma.agreement.findMany({ where: { status: 'ENDED' }, include: { events: true } });
    expect(endedRows).toHaveLength(ended.length);
    for (const row of endedRows) {
      expect(row.endedOn?.toISOString().slice(0, 10)).toBe('2025-07-18');
      expect(row.events.at(-1)).toMatchObject({ kind: 'ENDED', fromStatus: 'ACTIVE', toStatus: 'ENDED' });
    }
    expect(await db.prisma.agreement.count()).toBe(total + result.counts.new);
  });
});

describe('pending applications', () => {
  it('records Carteret as pending, then active from the 2025-07-18 list, with both dates in its history', async () => {
    await importIceList(db.prisma, list('pending-2025-05-15.xlsx'));
    const carteret = { publicId: 'nc-carteret-county-sheriffs-office-wso' };
    expect(await db.prisma.agreement.findUnique({ where: carteret })).toMatchObject({ status: 'PENDING', signedOn: null });

    await importIceList(db.prisma, list('participating-2025-05-16.xlsx'));
    expect(await db.prisma.agreement.findUnique({ where: carteret })).toMatchObject({ status: 'PENDING' });

    const july = await importIceList(db.prisma, list('participating-2025-07-18.xlsx'));
    const change = july.changes.find((c) => c.kind === 'changed' && c.row.agencyName === "Carteret County Sheriff's Office");
    expect(change).toMatchObject({ kind: 'changed', before: { status: 'PENDING' }, after: { status: 'ACTIVE', signedOn: '2025-05-13' } });

    const agreement = await db.prisma.agreement.findUniqueOrThrow({
      where: carteret,
      include: { events: { orderBy: { effectiveOn: 'asc' }, include: { import: true } } },
    });
    expect(agreement.status).toBe('ACTIVE');
    expect(agreement.events.map((e) => [e.effectiveOn.toISOString().slice(0, 10), e.fromStatus, e.toStatus])).toEqual([
      ['2025-05-15', null, 'PENDING'],
      ['2025-07-18', 'PENDING', 'ACTIVE'],
    ]);
    expect(agreement.events.map((e) => e.import?.fileName)).toEqual(['pending-2025-05-15.xlsx', 'participating-2025-07-18.xlsx']);
  });
});

describe('refusals leave the registry unchanged', () => {
  beforeEach(async () => {
    await importIceList(db.prisma, list('participating-2025-05-16.xlsx'));
  });

  async function expectRefused(request: Parameters<typeof importIceList>[1], error: unknown, message: RegExp) {
    const before = await registrySnapshot();
    const attempt = importIceList(db.prisma, request);
    await expect(attempt).rejects.toBeInstanceOf(error as never);
    await expect(attempt).rejects.toThrow(message);
    expect(await registrySnapshot()).toEqual(before);
  }

  it('refuses a garbage file', async () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    await expectRefused({ bytes, fileName: 'participating-2025-08-01.xlsx', importedBy: 'test' }, IceListError, /not a spreadsheet/i);
  });

  it('refuses an empty file', async () => {
    await expectRefused({ bytes: new Uint8Array(), fileName: 'participating-2025-08-01.csv', importedBy: 'test' }, IceListError, /empty/i);
  });

  it('refuses a spreadsheet with other columns, naming the missing ones', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('People');
    sheet.addRow(['Name', 'Email', 'County']);
    sheet.addRow(['Ann', 'ann@example.org', 'Gaston County']);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    await expectRefused(
      { bytes, fileName: 'participating-2025-08-01.xlsx', importedBy: 'test' },
      IceListError,
      /LAW ENFORCEMENT AGENCY.*SUPPORT TYPE/,
    );
  });

  it('refuses a list older than the one already imported', async () => {
    await expectRefused(
      { ...list('participating-2025-05-16.xlsx'), asOf: '2025-05-01' },
      ImportRefusedError,
      // The command line's wording: its --as-of option (the web page words it its own way, admin.test.ts).
      /dated 2025-05-01, older than .* 2025-05-16.*--as-of/,
    );
  });

  it('refuses a partial list that would end most agreements, unless told it is complete', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(list('participating-2025-07-18.xlsx').bytes as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0];
    // Keep the header and North Carolina's rows only, as a filtered export would.
    for (let number = sheet.rowCount; number > 1; number--) {
      if (String(sheet.getRow(number).getCell(1).value).trim() !== 'NORTH CAROLINA') sheet.spliceRows(number, 1);
    }
    const bytes = new Uint8Array(await workbook.csv.writeBuffer({ dateFormat: 'M/D/YYYY' }));
    const request = { bytes, fileName: 'participating-2025-08-01.csv', importedBy: 'test' };
    await expectRefused(request, ImportRefusedError, /would end \d+ of the \d+ active agreements.*--allow-mass-end/);
    const forced = await importIceList(db.prisma, { ...request, allowMassEnd: true });
    expect(forced.counts.ended).toBeGreaterThan(400);
    expect(forced.activeByState).toEqual({ NC: 22 });
  });

  it('refuses a list whose date cannot be told', async () => {
    // A CSV carries no date of its own, and this file name gives none either.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(list('participating-2025-07-18.xlsx').bytes as unknown as ExcelJS.Buffer);
    const bytes = new Uint8Array(await workbook.csv.writeBuffer());
    await expectRefused({ bytes, fileName: 'ice-list.csv', importedBy: 'test' }, ImportRefusedError, /--as-of/);
  });
});

describe('dry run and CSV', () => {
  it('reports the same diff as the real import without writing anything', async () => {
    await importIceList(db.prisma, list('participating-2025-05-16.xlsx'));
    const before = await registrySnapshot();
    const dry = await importIceList(db.prisma, { ...list('participating-2025-07-18.xlsx'), dryRun: true });
    expect(dry.importId).toBeNull();
    expect(await registrySnapshot()).toEqual(before);
    const real = await importIceList(db.prisma, list('participating-2025-07-18.xlsx'));
    expect(real.counts).toEqual(dry.counts);
    expect(real.activeByState).toEqual(dry.activeByState);
  });

  it('reads a CSV exported from the spreadsheet as the same list', async () => {
    await importIceList(db.prisma, list('participating-2025-07-18.xlsx'));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fs.readFileSync(path.join(ICE_LISTS_DIR, 'participating-2025-07-18.xlsx')) as unknown as ExcelJS.Buffer);
    const csv = new Uint8Array(await workbook.csv.writeBuffer({ dateFormat: 'MM/DD/YYYY' }));
    const result = await importIceList(db.prisma, { bytes: csv, fileName: 'participating-2025-07-18.csv', importedBy: 'test', dryRun: true });
    expect(result.counts).toMatchObject({ new: 0, ended: 0 });
    // Only the MOA link state may differ: a CSV keeps the cell text, not the hyperlink.
    for (const change of result.changes) {
      if (change.kind === 'changed') expect(change.fields).toEqual(['moaLink']);
    }
    expect(result.activeByState.NC).toBe(22);
  });
});
