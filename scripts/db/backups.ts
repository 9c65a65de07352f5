/**
 * Backups of the portal's database written and read by Node alone (npm run db:backup and
 * db:restore): the embedded PostgreSQL 17 ships no pg_dump, and a system pg_dump of another
 * major version refuses it.
 *
 * A backup is one consistent snapshot: a single REPEATABLE READ, READ ONLY transaction, so the
 * portal keeps taking filings while it runs and the file holds exactly what was committed when
 * the snapshot was taken (a prefix of the audit chain, since entries are appended in commit
 * order). It is a logical copy: the applied migrations plus every table's rows in COPY's text
 * format, so it restores into any PostgreSQL the portal supports.
 *
 * File format 1 (gzip of UTF-8 text, lines end with LF; docs/deploy.md#backups):
 *   OVERSIGHT-PORTAL-BACKUP 1
 *   HEADER {"format":1,"portalVersion",...,"migrations":[{"name","checksum"}],"tables":[names]}
 *   then for each table in the header's order:
 *     TABLE {"name":"agency","columns":["id",...]}
 *     <its rows, COPY text format, one per line>
 *     \.
 *   MANIFEST {header fields, "tables":[{"name","columns","rows","sha256"}],"sequences":[...],"audit":{...}}
 * sha256 covers a table's row lines exactly as stored (each with its LF). The MANIFEST line is
 * last: a file without it is incomplete.
 *
 * Restore works on an empty database only and in one transaction: it runs the migrations the
 * backup recorded (checked against this portal's copies), loads every table, validates the
 * foreign keys, sets the sequences, checks each table's row count and checksum and verifies
 * the audit chain; anything wrong rolls the whole transaction back, leaving the database empty.
 */
import crypto from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { GENESIS_HASH, verifyChain, type ChainVerdict, type StoredEntry } from '~/reporting/audit-chain';
import { migrate, projectDir, quoteIdent } from './database';

export const BACKUP_FORMAT = 1;
const MAGIC = 'OVERSIGHT-PORTAL-BACKUP';
const END_OF_ROWS = '\\.';

interface Migration {
  name: string;
  checksum: string;
}

interface BackupHeader {
  format: number;
  portalVersion: string;
  createdAt: string;
  postgresVersion: string;
  migrations: Migration[];
  tables: string[];
}

interface TableSummary {
  name: string;
  columns: string[];
  rows: number;
  sha256: string;
}

interface SequenceValue {
  table: string;
  column: string;
  /** The last value handed out (0: none yet); restored as at least the column's maximum. */
  value: string;
}

export interface BackupManifest extends Omit<BackupHeader, 'tables'> {
  tables: TableSummary[];
  sequences: SequenceValue[];
  audit: { valid: boolean; entries: number; head: string | null; firstBadSeq?: number };
}

/** A backup the portal will not write or restore, with a message for the operator. */
export class BackupRefusedError extends Error {}

type Log = (message: string) => void;

function portalVersion(): string {
  return JSON.parse(fs.readFileSync(path.join(projectDir, 'package.json'), 'utf8')).version;
}

const sha256 = (bytes: Buffer | string) => crypto.createHash('sha256').update(bytes).digest('hex');

/** Sessions that may run long: no statement or idle timeouts from the role or the URL. */
async function connect(url: string, name: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url, application_name: name });
  await client.connect();
  await client.query('set statement_timeout = 0; set idle_in_transaction_session_timeout = 0; set lock_timeout = 0');
  return client;
}

/** The audit chain as the given session sees it (inside its snapshot or uncommitted transaction). */
async function verifyAuditChain(client: pg.Client): Promise<ChainVerdict> {
  let verdict: ChainVerdict = { valid: true, count: 0, lastHash: GENESIS_HASH };
  for (let after = 0; ; ) {
    // `at` is timestamp(3) without time zone, stored as UTC: written out exactly as Date.toISOString() does.
    const { rows } = await client.query<StoredEntry>(
      `select seq, to_char(at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as at, kind, actor, subject, data, prev_hash as "prevHash", hash
       from audit_entry where seq > $1 order by seq limit 2000`,
      [after],
    );
    if (!rows.length) return verdict;
    verdict = verifyChain(rows, verdict);
    if (!verdict.valid) return verdict;
    after = rows[rows.length - 1].seq;
  }
}

const auditSummary = (verdict: ChainVerdict): BackupManifest['audit'] =>
  verdict.valid
    ? { valid: true, entries: verdict.count, head: verdict.count ? verdict.lastHash : null }
    : { valid: false, entries: verdict.count, head: null, firstBadSeq: verdict.firstBad.seq };

/** The portal's tables (public schema), _prisma_migrations first, then by name. */
async function listTables(client: pg.Client): Promise<{ name: string; columns: string[] }[]> {
  const { rows } = await client.query<{ name: string; columns: string[] }>(
    `select c.relname as name,
       array(select a.attname::text from pg_attribute a
             where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
             order by a.attnum) as columns
     from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind = 'r' and not c.relispartition
     order by c.relname <> '_prisma_migrations', c.relname`,
  );
  return rows;
}

/** Sequences that number a column (serial or identity), with the value they have reached. */
async function sequenceValues(client: pg.Client): Promise<SequenceValue[]> {
  const { rows } = await client.query<{ table: string; column: string; sequence: string }>(
    `select t.relname as table, a.attname as column, s.relname as sequence
     from pg_depend d
     join pg_class s on s.oid = d.objid and s.relkind = 'S'
     join pg_class t on t.oid = d.refobjid
     join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
     join pg_namespace n on n.oid = s.relnamespace
     where n.nspname = 'public' and d.deptype in ('a', 'i')
     order by t.relname, a.attname`,
  );
  const values: SequenceValue[] = [];
  for (const row of rows) {
    // Sequences are not transactional: this is the value now, at least the snapshot's (as pg_dump does).
    const { rows: state } = await client.query<{ last_value: string; is_called: boolean }>(`select last_value, is_called from ${quoteIdent(row.sequence)}`);
    const value = state[0].is_called ? state[0].last_value : String(BigInt(state[0].last_value) - 1n);
    values.push({ table: row.table, column: row.column, value });
  }
  return values;
}

export interface BackupResult {
  file: string;
  manifest: BackupManifest;
}

/**
 * Writes a backup of the database at `url` to `file` (via a temporary name, so a file with
 * the final name is always complete). `beforeSnapshot` is called just before the statement
 * that takes the snapshot is sent: everything committed before then is in the backup.
 */
export async function writeBackup(url: string, file: string, options: { beforeSnapshot?: () => void } = {}): Promise<BackupResult> {
  const client = await connect(url, 'oversight-portal backup');
  const partial = `${file}.partial-${process.pid}`;
  try {
    await client.query('begin isolation level repeatable read read only');
    // The first statement takes the snapshot.
    options.beforeSnapshot?.();
    const hasMigrations = (await client.query("select to_regclass('public._prisma_migrations') is not null as present")).rows[0].present;
    if (!hasMigrations) throw new BackupRefusedError('This database holds no portal data (it has no _prisma_migrations table): nothing to back up.');
    const { rows: migrations } = await client.query<Migration>(
      `select migration_name as name, checksum from _prisma_migrations
       where finished_at is not null and rolled_back_at is null order by migration_name`,
    );
    const tables = await listTables(client);
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      portalVersion: portalVersion(),
      createdAt: new Date().toISOString(),
      postgresVersion: (await client.query('show server_version')).rows[0].server_version,
      migrations,
      tables: tables.map((table) => table.name),
    };

    fs.mkdirSync(path.dirname(file), { recursive: true });
    const gzip = zlib.createGzip();
    // The backup holds password and token hashes: readable by its owner only.
    const written = pipeline(gzip, fs.createWriteStream(partial, { mode: 0o600 }));
    written.catch(() => {}); // awaited below; this keeps an early failure from going unhandled
    const put = async (chunk: Buffer | string) => {
      if (!gzip.write(chunk)) await once(gzip, 'drain');
    };
    await put(`${MAGIC} ${BACKUP_FORMAT}\nHEADER ${JSON.stringify(header)}\n`);
    const summaries: TableSummary[] = [];
    for (const table of tables) {
      await put(`TABLE ${JSON.stringify({ name: table.name, columns: table.columns })}\n`);
      const hash = crypto.createHash('sha256');
      let rows = 0;
      const columns = table.columns.map(quoteIdent).join(', ');
      for await (const chunk of client.query(copyTo(`copy ${quoteIdent(table.name)} (${columns}) to stdout`)) as AsyncIterable<Buffer>) {
        hash.update(chunk);
        for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) rows++;
        await put(chunk);
      }
      await put(`${END_OF_ROWS}\n`);
      summaries.push({ name: table.name, columns: table.columns, rows, sha256: hash.digest('hex') });
    }
    const audit = tables.some((table) => table.name === 'audit_entry') ? auditSummary(await verifyAuditChain(client)) : { valid: true, entries: 0, head: null };
    const manifest: BackupManifest = { ...header, tables: summaries, sequences: await sequenceValues(client), audit };
    await put(`MANIFEST ${JSON.stringify(manifest)}\n`);
    gzip.end();
    await written;
    await client.query('commit');
    fs.renameSync(partial, file);
    return { file, manifest };
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

/* ---------------------------------------------------------------------- */
/* Reading                                                                 */
/* ---------------------------------------------------------------------- */

/** The lines of the uncompressed file, each with its LF (the last one without, if the file was cut). */
async function* splitLines(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let rest = Buffer.alloc(0);
  for await (const chunk of source) {
    const buffer = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let start = 0;
    for (let end = buffer.indexOf(10); end !== -1; end = buffer.indexOf(10, start)) {
      yield buffer.subarray(start, end + 1);
      start = end + 1;
    }
    rest = Buffer.from(buffer.subarray(start));
  }
  if (rest.length) yield rest;
}

class BackupReader {
  private lines: AsyncGenerator<Buffer>;
  constructor(private file: string) {
    if (!fs.existsSync(file)) throw new BackupRefusedError(`No such file: ${file}`);
    this.lines = splitLines(fs.createReadStream(file).pipe(zlib.createGunzip()));
  }

  /** The next line, without its LF; null at the end of the file. */
  async next(): Promise<Buffer | null> {
    let result: IteratorResult<Buffer>;
    try {
      result = await this.lines.next();
    } catch (error) {
      throw new BackupRefusedError(`${this.file} is not a complete portal backup (${(error as Error).message}).`);
    }
    if (result.done) return null;
    if (result.value[result.value.length - 1] !== 10) throw this.incomplete();
    return result.value;
  }

  incomplete() {
    return new BackupRefusedError(`${this.file} is incomplete: it ends before its manifest (was it cut short while copying?).`);
  }

  /** A `WORD {json}` line. */
  async record<T>(word: string): Promise<T> {
    const line = await this.next();
    if (!line) throw this.incomplete();
    const text = line.toString('utf8', 0, line.length - 1);
    if (!text.startsWith(`${word} `)) throw new BackupRefusedError(`${this.file} is damaged: expected ${word}, found "${text.slice(0, 40)}".`);
    try {
      return JSON.parse(text.slice(word.length + 1)) as T;
    } catch {
      throw new BackupRefusedError(`${this.file} is damaged: its ${word} line is not valid JSON.`);
    }
  }

  close() {
    void this.lines.return(undefined);
  }
}

async function openBackup(file: string): Promise<{ reader: BackupReader; header: BackupHeader }> {
  const reader = new BackupReader(file);
  const first = await reader.next().catch(() => null);
  const magic = first?.toString('utf8').trim() ?? '';
  if (!magic.startsWith(`${MAGIC} `)) {
    reader.close();
    throw new BackupRefusedError(`${file} is not a backup made by npm run db:backup.`);
  }
  const format = Number(magic.slice(MAGIC.length + 1));
  if (format !== BACKUP_FORMAT) {
    reader.close();
    throw new BackupRefusedError(`${file} is a backup in format ${magic.slice(MAGIC.length + 1)}; this version of the portal reads format ${BACKUP_FORMAT}. Restore it with the portal version that made it or a newer one.`);
  }
  return { reader, header: await reader.record<BackupHeader>('HEADER') };
}

/* ---------------------------------------------------------------------- */
/* Restoring                                                               */
/* ---------------------------------------------------------------------- */

const MIGRATIONS_DIR = path.join(projectDir, 'prisma', 'migrations');

/** Prisma's own bookkeeping table, as `prisma migrate deploy` creates it. */
const PRISMA_MIGRATIONS_TABLE = `create table "_prisma_migrations" (
  "id" varchar(36) primary key not null,
  "checksum" varchar(64) not null,
  "finished_at" timestamptz,
  "migration_name" varchar(255) not null,
  "logs" text,
  "rolled_back_at" timestamptz,
  "started_at" timestamptz not null default now(),
  "applied_steps_count" integer not null default 0
)`;

/** The SQL of each migration the backup recorded, refusing migrations this portal does not have or has differently. */
function migrationScripts(header: BackupHeader): { name: string; sql: string }[] {
  return [...header.migrations]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map(({ name, checksum }) => {
      const file = path.join(MIGRATIONS_DIR, name, 'migration.sql');
      if (!fs.existsSync(file)) {
        throw new BackupRefusedError(
          `This backup was made by a newer version of the portal (${header.portalVersion}): its database has migration ${name}, which this version does not know. ` +
            'Update the portal to that version or later, then restore again.',
        );
      }
      const sql = fs.readFileSync(file);
      if (sha256(sql) !== checksum) {
        throw new BackupRefusedError(`Migration ${name} in this backup differs from this portal's copy (prisma/migrations/${name}): restore it with the portal version that made it (${header.portalVersion}).`);
      }
      return { name, sql: sql.toString('utf8') };
    });
}

export interface RestoreResult {
  manifest: BackupManifest;
  /** Migrations of this portal newer than the backup, applied after the restore. */
  newerMigrations: number;
}

/** Restores a backup into the empty database at `url`. Throws BackupRefusedError, leaving the database empty, when it cannot. */
export async function restoreBackup(url: string, file: string, options: { log?: Log } = {}): Promise<RestoreResult> {
  const log = options.log ?? console.log;
  const { reader, header } = await openBackup(file);
  let client: pg.Client | null = null;
  try {
    const scripts = migrationScripts(header);
    client = await connect(url, 'oversight-portal restore');
    const { rows: existing } = await client.query<{ count: number }>(
      `select count(*)::int as count from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')`,
    );
    if (existing[0].count > 0) {
      throw new BackupRefusedError(
        `The target database is not empty (it has ${existing[0].count} tables, views or sequences): a backup is restored into an empty database only, ` +
          'so that nothing there is overwritten. See "Backups" in docs/deploy.md.',
      );
    }

    await client.query('begin');
    log(`Creating the schema of ${header.migrations.length} migrations ...`);
    await client.query(PRISMA_MIGRATIONS_TABLE);
    for (const script of scripts) await client.query(script.sql);

    // Foreign keys are dropped while loading (tables may refer to each other both ways) and
    // added again afterwards, which checks every row against them.
    const { rows: foreignKeys } = await client.query<{ table: string; name: string; definition: string }>(
      `select conrelid::regclass::text as table, conname as name, pg_get_constraintdef(oid) as definition
       from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace`,
    );
    for (const key of foreignKeys) await client.query(`alter table ${key.table} drop constraint ${quoteIdent(key.name)}`);

    const loaded: TableSummary[] = [];
    for (const expected of header.tables) loaded.push(await loadTable(client, reader, expected, file, log));
    const manifest = await reader.record<BackupManifest>('MANIFEST');
    if ((await reader.next()) !== null) throw new BackupRefusedError(`${file} is damaged: there is data after its manifest.`);
    checkAgainstManifest(header, manifest, loaded);

    // The deferred triggers that loading queued (public_data_version's bump) run now: a table
    // with pending trigger events cannot be altered.
    await client.query('set constraints all immediate');
    for (const key of foreignKeys) {
      try {
        await client.query(`alter table ${key.table} add constraint ${quoteIdent(key.name)} ${key.definition}`);
      } catch (error) {
        throw new BackupRefusedError(`The backup's rows break the link ${key.name} of table ${key.table} (${(error as Error).message}): it cannot be restored.`);
      }
    }
    for (const sequence of manifest.sequences) {
      // At least the largest number in use, so new rows never collide with restored ones.
      const { rows } = await client.query<{ name: string | null; max: string }>(
        `select pg_get_serial_sequence($1, $2) as name, (select coalesce(max(${quoteIdent(sequence.column)}), 0)::text from ${quoteIdent(sequence.table)}) as max`,
        [quoteIdent(sequence.table), sequence.column],
      );
      if (!rows[0].name) continue;
      const value = [BigInt(sequence.value), BigInt(rows[0].max)].reduce((a, b) => (a > b ? a : b));
      await client.query('select setval($1, $2, $3)', [rows[0].name, value > 0n ? String(value) : '1', value > 0n]);
    }

    const verdict = header.tables.includes('audit_entry') ? await verifyAuditChain(client) : ({ valid: true, count: 0, lastHash: GENESIS_HASH } as ChainVerdict);
    if (!verdict.valid) {
      throw new BackupRefusedError(
        `The audit chain in this backup does not verify: entry #${verdict.firstBad.seq} ${AUDIT_REASONS[verdict.firstBad.reason]}. ` +
          'The backup was altered or damaged after the entries were written; nothing was restored.',
      );
    }
    const head = verdict.count ? verdict.lastHash : null;
    if (verdict.count !== manifest.audit.entries || head !== manifest.audit.head) {
      throw new BackupRefusedError(`The audit chain in this backup (${verdict.count} entries) is not the one its manifest records (${manifest.audit.entries} entries): nothing was restored.`);
    }
    await client.query('commit');
    log(`Restored ${loaded.length} tables; the audit chain of ${verdict.count} entries verifies.`);
    await client.end();
    client = null;

    const known = fs.readdirSync(MIGRATIONS_DIR, { withFileTypes: true }).filter((entry) => entry.isDirectory()).length;
    const newerMigrations = known - header.migrations.length;
    if (newerMigrations > 0) await migrate(url, log);
    return { manifest, newerMigrations };
  } catch (error) {
    await client?.query('rollback').catch(() => {});
    if (error instanceof BackupRefusedError) throw error;
    throw new BackupRefusedError(`The restore failed and was undone, leaving the database empty: ${(error as Error).message}`);
  } finally {
    reader.close();
    await client?.end().catch(() => {});
  }
}

/** Loads the next table of the file with COPY, returning what it loaded (rows and checksum). */
async function loadTable(client: pg.Client, reader: BackupReader, expected: string, file: string, log: Log): Promise<TableSummary> {
  const table = await reader.record<{ name: string; columns: string[] }>('TABLE');
  if (table.name !== expected) throw new BackupRefusedError(`${file} is damaged: table ${table.name} where ${expected} was expected.`);
  log(`Restoring ${table.name} ...`);
  // Rows a migration itself inserted (e.g. the one row of public_data_version) are replaced by the backup's.
  await client.query(`delete from ${quoteIdent(table.name)}`);
  const hash = crypto.createHash('sha256');
  let rows = 0;
  let ended = false;
  async function* batches(): AsyncGenerator<Buffer> {
    let batch: Buffer[] = [];
    let size = 0;
    for (;;) {
      const line = await reader.next();
      if (!line) throw reader.incomplete();
      if (line.length === 3 && line[0] === 92 && line[1] === 46) break; // the end marker: a backslash, a dot, LF
      hash.update(line);
      rows++;
      batch.push(line);
      size += line.length;
      if (size >= 1 << 20) {
        yield Buffer.concat(batch);
        batch = [];
        size = 0;
      }
    }
    ended = true;
    if (batch.length) yield Buffer.concat(batch);
  }
  const columns = table.columns.map(quoteIdent).join(', ');
  await pipeline(Readable.from(batches()), client.query(copyFrom(`copy ${quoteIdent(table.name)} (${columns}) from stdin`)));
  if (!ended) throw reader.incomplete();
  return { name: table.name, columns: table.columns, rows, sha256: hash.digest('hex') };
}

const AUDIT_REASONS = {
  hash_mismatch: 'does not match its hash (its content was changed)',
  prev_hash_mismatch: 'does not point to the hash of the entry before it (an entry before it was changed, removed or inserted)',
  seq_gap: 'follows a gap (the entry before it is missing)',
};

function checkAgainstManifest(header: BackupHeader, manifest: BackupManifest, loaded: TableSummary[]) {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (!same(manifest.migrations, header.migrations) || manifest.format !== header.format) {
    throw new BackupRefusedError('The backup is damaged: its manifest does not match its header.');
  }
  if (manifest.tables.length !== loaded.length) throw new BackupRefusedError('The backup is damaged: its manifest lists other tables than it holds.');
  manifest.tables.forEach((expected, i) => {
    const got = loaded[i];
    if (expected.name !== got.name || !same(expected.columns, got.columns)) throw new BackupRefusedError(`The backup is damaged: table ${got.name} is not the one its manifest lists.`);
    if (expected.rows !== got.rows) throw new BackupRefusedError(`The backup is damaged: table ${got.name} has ${got.rows} rows, its manifest says ${expected.rows}; nothing was restored.`);
    if (expected.sha256 !== got.sha256) throw new BackupRefusedError(`The backup is damaged: the rows of table ${got.name} do not match their checksum; nothing was restored.`);
  });
  if (!manifest.audit.valid) {
    throw new BackupRefusedError(`The audit chain did not verify when this backup was made (first bad entry #${manifest.audit.firstBadSeq}); the portal does not restore it.`);
  }
}

/** The name of a new backup: oversight-2026-01-31T18-05-09Z.backup. */
export function backupFileName(now = new Date()): string {
  return `oversight-${now.toISOString().slice(0, 19).replaceAll(':', '-')}Z.backup`;
}

/** Reads only the manifest of a backup file (for tools and tests). */
export async function readManifest(file: string): Promise<BackupManifest> {
  const { reader } = await openBackup(file);
  try {
    for (let line = await reader.next(); line; line = await reader.next()) {
      if (line.subarray(0, 9).toString() === 'MANIFEST ') return JSON.parse(line.toString('utf8', 9)) as BackupManifest;
    }
    throw reader.incomplete();
  } finally {
    reader.close();
  }
}
