/**
 * npm run db:backup and db:restore: a backup taken while filings are being submitted restores
 * into a fresh data directory (a private embedded PostgreSQL) with every acknowledged filing
 * and a valid audit chain; altered, cut, newer-schema backups and non-empty targets are refused
 * and leave nothing behind.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient } from '~/db/prisma.server';
import { verifyAuditLog } from '~/reporting/audit-log.server';
import { openFiling, saveDraft, submitFiling } from '~/reporting/filings.server';
import { createPolicy } from '~/reporting/policies.server';
import { readManifest, restoreBackup, writeBackup, type BackupManifest } from '../../scripts/db/backups';
import { createDatabaseIfMissing, projectDir, withClient } from '../../scripts/db/database';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../scripts/db/embedded-postgres';
import { prepareDatabase } from '../../scripts/db/prepare';
import { freePort } from '../support/free-port';
import { countyPolicy, monthlyRequirements } from '../support/policies';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const quiet = () => {};
let source: TestDatabase;
let cluster: EmbeddedServer;
let clusterDir: string;
let workDir: string;
/** The backup taken under load, reused by the later tests. */
let backupFile: string | undefined;
/** That backup, or (when a test runs alone) one of the source as it is. */
async function aBackup(): Promise<string> {
  backupFile ??= (await writeBackup(source.url, path.join(workDir, 'plain.backup'))).file;
  return backupFile;
}

beforeAll(async () => {
  source = await createTestDatabase();
  // The demo database as `npm start` makes it (registry, places, accounts, policies), through
  // the real seed steps; the demo filings are left out for time: the test files its own.
  await prepareDatabase(source.url, quiet, true);
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-backups-'));
  // A fresh data directory: a private PostgreSQL cluster, never the shared one.
  clusterDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-restore-'));
  fs.chmodSync(clusterDir, 0o755); // the postgres user (when running as root) must enter it
  cluster = await startEmbeddedPostgres(clusterDir, { log: quiet, port: await freePort() });
}, 300_000);

afterAll(async () => {
  await cluster?.stop();
  if (cluster && !cluster.dataDir.startsWith(clusterDir)) fs.rmSync(path.dirname(cluster.dataDir), { recursive: true, force: true });
  fs.rmSync(clusterDir, { recursive: true, force: true });
  fs.rmSync(workDir, { recursive: true, force: true });
  await source?.drop();
});

let databases = 0;
/** A new, empty database on the private cluster. */
async function emptyDatabase(): Promise<string> {
  const name = `restore_${++databases}`;
  await createDatabaseIfMissing(cluster.url('postgres'), name);
  return cluster.url(name);
}

const tableCount = (url: string) =>
  withClient(url, async (client) => (await client.query("select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public'")).rows[0].n as number);

/** Tables, columns, constraints, indexes and triggers: what the migrations made. */
const schemaOf = (url: string) =>
  withClient(url, async (client) => {
    const columns = await client.query(
      "select table_name, column_name, data_type, is_nullable, column_default from information_schema.columns where table_schema = 'public' order by 1, 2",
    );
    const constraints = await client.query(
      "select conrelid::regclass::text as t, conname, pg_get_constraintdef(oid) as def from pg_constraint where connamespace = 'public'::regnamespace order by 1, 2",
    );
    const indexes = await client.query("select indexname, indexdef from pg_indexes where schemaname = 'public' order by 1");
    const triggers = await client.query('select tgrelid::regclass::text as t, tgname from pg_trigger where not tgisinternal order by 1, 2');
    return { columns: columns.rows, constraints: constraints.rows, indexes: indexes.rows, triggers: triggers.rows };
  });

/** Rewrites a backup's text (gunzipped lines), e.g. to alter it as an attacker would. */
function rewrite(file: string, edit: (lines: string[]) => void): string {
  const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
  edit(lines);
  const out = path.join(workDir, `edited-${crypto.randomBytes(4).toString('hex')}.backup`);
  fs.writeFileSync(out, zlib.gzipSync(lines.join('\n')));
  return out;
}

/** The row lines of a table in a backup's lines: [first, end) indexes. */
function rowsOf(lines: string[], table: string): [number, number] {
  const start = lines.findIndex((line) => line.startsWith(`TABLE {"name":${JSON.stringify(table)},`)) + 1;
  expect(start).toBeGreaterThan(0);
  return [start, lines.indexOf('\\.', start)];
}

function editManifest(lines: string[], edit: (manifest: BackupManifest) => void) {
  const at = lines.findIndex((line) => line.startsWith('MANIFEST '));
  const manifest = JSON.parse(lines[at].slice('MANIFEST '.length)) as BackupManifest;
  edit(manifest);
  lines[at] = `MANIFEST ${JSON.stringify(manifest)}`;
}

/** Recomputes a table's checksum in the manifest, as someone covering their tracks would. */
function recomputeChecksum(lines: string[], table: string) {
  const [start, end] = rowsOf(lines, table);
  const sha256 = crypto.createHash('sha256').update(lines.slice(start, end).map((line) => `${line}\n`).join('')).digest('hex');
  editManifest(lines, (manifest) => {
    manifest.tables.find((entry) => entry.name === table)!.sha256 = sha256;
  });
}

describe('a backup taken while filings are being submitted', () => {
  it('restores into a fresh data directory with every acknowledged filing, the same schema and data, and a valid audit chain', async () => {
    const prisma = source.prisma;
    // 60 drafts across three agencies, each under a new policy of its county.
    const agencies = await prisma.agency.findMany({
      where: { stateCode: 'NC', jurisdiction: { kind: 'COUNTY' }, agreements: { some: { status: 'ACTIVE' } } },
      orderBy: { name: 'asc' },
      take: 3,
    });
    expect(agencies).toHaveLength(3);
    const user = await prisma.user.create({ data: { email: 'filer@backup.example', name: 'Backup Filer' } });
    const drafts: number[] = [];
    for (const agency of agencies) {
      const policy = await createPolicy(prisma, countyPolicy(agency.jurisdictionId!, monthlyRequirements(agency.id, 20)));
      for (const requirement of policy.requirements) {
        const filing = await openFiling(prisma, { requirementId: requirement.id, periodKey: '2025-08', now: new Date('2025-11-20T17:00:00Z') });
        await saveDraft(prisma, { filingId: filing.id, values: { ice_requests: String(drafts.length), transfers_to_ice: '1' }, explanations: {}, nothingToReport: false, userId: user.id });
        drafts.push(filing.id);
      }
    }

    // Four filers submit one draft after another while the backup runs.
    const log: ({ acked: number } | 'snapshot')[] = [];
    const queue = [...drafts];
    const filer = async () => {
      for (let filingId = queue.shift(); filingId !== undefined; filingId = queue.shift()) {
        await submitFiling(prisma, { filingId, userId: user.id, certifiedName: 'Head of agency', certifiedTitle: 'Sheriff', channel: 'API' });
        log.push({ acked: filingId });
      }
    };
    const filers = Array.from({ length: 4 }, filer);
    while (log.length < 10) await new Promise((resolve) => setTimeout(resolve, 5));
    const file = path.join(workDir, 'under-load.backup');
    const { manifest } = await writeBackup(source.url, file, { beforeSnapshot: () => log.push('snapshot') });
    const ackedDuringBackup = log.length - log.indexOf('snapshot') - 1;
    await Promise.all(filers);

    const snapshotAt = log.indexOf('snapshot');
    const ackedBefore = log.slice(0, snapshotAt).map((entry) => (entry as { acked: number }).acked);
    // Submissions were acknowledged while the backup ran.
    expect(ackedBefore.length).toBeGreaterThanOrEqual(10);
    expect(ackedDuringBackup).toBeGreaterThan(0);
    expect(manifest.audit).toMatchObject({ valid: true });
    expect(fs.statSync(file).mode & 0o077).toBe(0); // it holds password hashes
    backupFile = file;

    const url = await emptyDatabase();
    const restored = await restoreBackup(url, file, { log: quiet });
    expect(restored.newerMigrations).toBe(0);
    const copy = createPrismaClient(url);
    try {
      // Every filing acknowledged before the snapshot is there, with its figures; nothing that was never submitted is.
      const revisions = await copy.filingRevision.findMany({ where: { filingId: { in: drafts } }, include: { figures: true } });
      const restoredIds = new Set(revisions.map((revision) => revision.filingId));
      for (const id of ackedBefore) expect(restoredIds.has(id), `filing ${id}, acknowledged before the snapshot`).toBe(true);
      expect(revisions.every((revision) => revision.figures.length === 2)).toBe(true);
      expect(revisions.length).toBeLessThanOrEqual(drafts.length);

      // The audit chain verifies, through the portal's own verifier, and is the one the backup recorded.
      const verdict = await verifyAuditLog(copy);
      expect(verdict).toEqual({ valid: true, count: manifest.audit.entries, lastHash: manifest.audit.head });
      expect(manifest.audit.entries).toBeGreaterThanOrEqual(2 * ackedBefore.length); // a submission and its certification each

      // Each table has the rows the manifest counts; the same schema as the source.
      for (const table of manifest.tables) {
        const count = await withClient(url, async (client) => (await client.query(`select count(*)::int as n from "${table.name}"`)).rows[0].n);
        expect(count, table.name).toBe(table.rows);
      }
      expect(await schemaOf(url)).toEqual(await schemaOf(source.url));

      // A backup of the copy holds the same rows, byte for byte; only the public data version
      // moved on (the restore changed public data, so cached pages are renewed).
      const again = await writeBackup(url, path.join(workDir, 'of-the-copy.backup'));
      const checksums = (m: BackupManifest) => Object.fromEntries(m.tables.filter((t) => t.name !== 'public_data_version').map((t) => [t.name, t.sha256]));
      expect(checksums(again.manifest)).toEqual(checksums(manifest));

      // Sequences continue after the restored rows: new rows get new ids.
      const maxUser = await copy.user.aggregate({ _max: { id: true } });
      const created = await copy.user.create({ data: { email: 'after-restore@example.org', name: 'New' } });
      expect(created.id).toBeGreaterThan(maxUser._max.id!);
    } finally {
      await copy.$disconnect();
    }
  });
});

describe('restore refuses, leaving the target database empty', () => {
  async function refused(file: string, pattern: RegExp) {
    const url = await emptyDatabase();
    await expect(restoreBackup(url, file, { log: quiet })).rejects.toThrow(pattern);
    expect(await tableCount(url)).toBe(0);
  }

  it('an audit entry altered with the checksum recomputed: only the chain can tell, and it does', async () => {
    const tampered = rewrite(await aBackup(), (lines) => {
      const [start] = rowsOf(lines, 'audit_entry');
      const { columns } = JSON.parse(lines[start - 1].slice('TABLE '.length)) as { columns: string[] };
      const fields = lines[start].split('\t');
      expect(fields[columns.indexOf('seq')]).toBe('1');
      fields[columns.indexOf('actor')] = 'someone-else';
      lines[start] = fields.join('\t');
      recomputeChecksum(lines, 'audit_entry');
    });
    await refused(tampered, /audit chain in this backup does not verify: entry #1 does not match its hash/);
  });

  it('an audit entry removed, with row count and checksum made to agree', async () => {
    const tampered = rewrite(await aBackup(), (lines) => {
      const [start] = rowsOf(lines, 'audit_entry');
      lines.splice(start + 4, 1);
      recomputeChecksum(lines, 'audit_entry');
      editManifest(lines, (manifest) => void manifest.tables.find((t) => t.name === 'audit_entry')!.rows--);
    });
    await refused(tampered, /audit chain in this backup does not verify: entry #6 follows a gap/);
  });

  it('a changed row that no longer matches its checksum', async () => {
    const tampered = rewrite(await aBackup(), (lines) => {
      // A reported figure raised, as someone changing a county's numbers would.
      const [start] = rowsOf(lines, 'revision_value');
      const value = (JSON.parse(lines[start - 1].slice('TABLE '.length)) as { columns: string[] }).columns.indexOf('value');
      const fields = lines[start].split('\t');
      expect(fields[value]).toMatch(/^\d+\.\d\d$/);
      fields[value] = '999999.00';
      lines[start] = fields.join('\t');
    });
    await refused(tampered, /the rows of table revision_value do not match their checksum/);
  });

  it('a file cut short', async () => {
    const cut = rewrite(await aBackup(), (lines) => lines.splice(Math.floor(lines.length / 2)));
    await refused(cut, /is incomplete/);
  });

  it('a backup from a newer schema than this portal knows', async () => {
    const newer = rewrite(await aBackup(), (lines) => {
      const future = { name: '29991231000000_from_the_future', checksum: '0'.repeat(64) };
      const header = JSON.parse(lines[1].slice('HEADER '.length));
      header.migrations.push(future);
      lines[1] = `HEADER ${JSON.stringify(header)}`;
      editManifest(lines, (manifest) => void manifest.migrations.push(future));
    });
    await refused(newer, /made by a newer version of the portal .*29991231000000_from_the_future/);
  });

  it('a file that is not a backup', async () => {
    const other = path.join(workDir, 'not-a-backup.backup');
    fs.writeFileSync(other, zlib.gzipSync('hello\n'));
    await refused(other, /is not a backup made by npm run db:backup/);
  });

  it('into a database that is not empty, which it leaves as it was', async () => {
    const url = await emptyDatabase();
    await withClient(url, (client) => client.query('create table kept (n int); insert into kept values (7)'));
    await expect(restoreBackup(url, await aBackup(), { log: quiet })).rejects.toThrow(/target database is not empty/);
    expect(await withClient(url, async (client) => (await client.query('select n from kept')).rows)).toEqual([{ n: 7 }]);
    expect(await tableCount(url)).toBe(1);
  });
});

describe('npm run db:backup and db:restore', () => {
  const npm = (args: string[], databaseUrl: string) =>
    spawnSync('npm', ['run', '--silent', ...args], {
      cwd: projectDir,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: databaseUrl },
      timeout: 180_000,
    });

  it('backs up into a folder and restores the file into an empty database, then refuses to restore over it', async () => {
    const folder = path.join(workDir, 'cli');
    fs.mkdirSync(folder);
    const backup = npm(['db:backup', '--', folder], source.url);
    expect(backup.stderr).toBe('');
    expect(backup.status).toBe(0);
    const [, file] = backup.stdout.match(/Backup written to (\S+\.backup): \d+ tables, \d+ rows/)!;
    expect(path.dirname(file)).toBe(folder);
    const manifest = await readManifest(file);
    expect(backup.stdout).toContain(`Audit chain valid: ${manifest.audit.entries} entries, head ${manifest.audit.head ?? '(empty)'}.`);

    const url = await emptyDatabase();
    const restore = npm(['db:restore', '--', file], url);
    expect(restore.status).toBe(0);
    expect(restore.stdout).toMatch(/every table matches its checksum/);
    expect(restore.stdout).toContain(`Audit chain valid: ${manifest.audit.entries} entries, head ${manifest.audit.head ?? '(empty)'}.`);

    const again = npm(['db:restore', '--', file], url);
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/db:restore: The target database is not empty/);
  });

  it('works on the embedded default: restores into a fresh data directory, which it then backs up', async () => {
    // The embedded PostgreSQL as `npm start` runs it without DATABASE_URL, its data in a new folder.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-embedded-'));
    fs.chmodSync(dataDir, 0o755);
    try {
      const { DATABASE_URL: _unused, ...environment } = process.env;
      const embedded = { ...environment, EMBEDDED_PG_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()) };
      const run = (args: string[]) => spawnSync('npm', ['run', '--silent', ...args], { cwd: projectDir, encoding: 'utf8', env: embedded, timeout: 180_000 });
      const file = await aBackup();
      const manifest = await readManifest(file);

      const restore = run(['db:restore', '--', file]);
      expect(restore.status).toBe(0);
      expect(restore.stderr).toMatch(/Creating a new PostgreSQL cluster/);
      expect(restore.stdout).toContain(`Audit chain valid: ${manifest.audit.entries} entries, head ${manifest.audit.head ?? '(empty)'}.`);

      const copyFile = path.join(workDir, 'from-embedded.backup');
      const backup = run(['db:backup', '--', copyFile]);
      expect(backup.status).toBe(0);
      expect((await readManifest(copyFile)).audit).toEqual(manifest.audit);

      // Restoring again would overwrite it: refused, saying how to start from a fresh data directory.
      const again = run(['db:restore', '--', file]);
      expect(again.status).toBe(1);
      expect(again.stderr).toMatch(/The target database is not empty/);
      expect(again.stderr).toMatch(/stop the portal, move its data folder aside \(mv \S+postgres \S+postgres-before-restore\)/);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('explains its arguments', () => {
    const missing = npm(['db:restore'], source.url);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/usage: npm run db:restore -- <backup file>/);
    const absent = npm(['db:restore', '--', path.join(workDir, 'no-such.backup')], cluster.url('postgres'));
    expect(absent.status).toBe(1);
    expect(absent.stderr).toMatch(/No such file: .*no-such\.backup/);
  });
});
