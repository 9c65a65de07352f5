/**
 * `npm run import:ice` as an operator runs it: a real process on a real database.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectDir } from '../../scripts/db/database';
import { ICE_LISTS_DIR } from '../../seeds/ice-registry';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

function importIce(...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/import-ice.ts', ...args], {
    cwd: projectDir,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: db.url },
    timeout: 180_000,
  });
}

describe('npm run import:ice', () => {
  it('prints one JSON summary with counts and active agreements per state, and --dry-run writes nothing', async () => {
    // The first run also migrates and seeds the empty database, as `npm start` would.
    const run = importIce(path.join(ICE_LISTS_DIR, 'participating-2025-07-18.xlsx'), '--dry-run', '--json');
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.status).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({
      dryRun: true,
      listKind: 'participating',
      asOf: '2025-07-18',
      counts: { new: 0, changed: 0, ended: 0 },
      // The seed's 22 from ICE's list and 8 known from MOAs, which ICE's list does not end.
      activeByState: expect.objectContaining({ NC: 30 }),
    });
    expect(summary.counts.unchanged).toBe(summary.rowsRead);
    const seeded = await db.prisma.iceImport.count();
    expect(importIce(path.join(ICE_LISTS_DIR, 'participating-2025-07-18.xlsx'), '--dry-run').status).toBe(0);
    expect(await db.prisma.iceImport.count()).toBe(seeded);
  });

  it('imports a file and reports what changed in words', async () => {
    // The July list, exported to CSV with Gaston's row removed: its agreement must end.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(ICE_LISTS_DIR, 'participating-2025-07-18.xlsx'));
    const sheet = workbook.worksheets[0];
    sheet.eachRow((row, number) => {
      if (String(row.getCell(2).value).startsWith('Gaston County')) sheet.spliceRows(number, 1);
    });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ice-')), 'participating-2025-08-01.csv');
    await workbook.csv.writeFile(file, { dateFormat: 'M/D/YYYY' });
    const run = importIce(file);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/ICE participating list of 2025-08-01/);
    expect(run.stdout).toMatch(/ended\s+NC Gaston County Sheriff's Office: Jail Enforcement Model \(on 2025-08-01\)/);
    const gaston = await db.prisma.agreement.findUniqueOrThrow({ where: { publicId: 'nc-gaston-county-sheriffs-office-jem' } });
    expect(gaston.status).toBe('ENDED');
  });

  it('refuses a file that is not an ICE list, saying why, and changes nothing', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ice-'));
    const file = path.join(dir, 'participating-2025-09-01.csv');
    fs.writeFileSync(file, 'Name,Email\nAnn,ann@example.org\n');
    const before = await db.prisma.iceImport.count();
    const run = importIce(file);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/does not look like an ICE 287\(g\) list: missing columns STATE, /);
    expect(run.stderr).toMatch(/The registry was not changed/);
    expect(await db.prisma.iceImport.count()).toBe(before);
  });

  it('explains bad arguments', () => {
    const run = importIce(path.join(ICE_LISTS_DIR, 'pending-2025-07-18.xlsx'), '--as-of', '18/07/2025');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--as-of must be a date written YYYY-MM-DD/);
    const missing = importIce('no-such-file.xlsx');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/No such file: no-such-file.xlsx/);
  });
});
