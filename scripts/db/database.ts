/**
 * Which database the portal uses, for the server, every command-line tool and the tests:
 * DATABASE_URL when set, otherwise the embedded PostgreSQL (started for as long as the caller
 * runs, unless another portal process already runs it).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedServer } from './embedded-postgres';

/** The folder with the portal's package.json: from these sources (scripts/db) or the server bundle (build/). */
export const projectDir = findProjectDir(path.dirname(fileURLToPath(import.meta.url)));

function findProjectDir(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'remix.config.js'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`No remix.config.js above ${from}: is this the Oversight Portal's folder?`);
  }
}
export const EMBEDDED_DATABASE = 'oversight_portal';

export interface Database {
  url: string;
  /** Human-readable: where the data lives. */
  location: string;
  embedded: EmbeddedServer | null;
  close: () => Promise<void>;
}

type Log = (message: string) => void;

export async function openDatabase(log: Log = console.log): Promise<Database> {
  const configured = process.env.DATABASE_URL;
  if (configured) {
    return { url: configured, location: redact(configured), embedded: null, close: async () => {} };
  }
  const server = await startEmbeddedPostgres(projectDir, { log });
  await createDatabaseIfMissing(server.url('postgres'), EMBEDDED_DATABASE);
  return {
    url: server.url(EMBEDDED_DATABASE),
    location: `${server.dataDir} (embedded PostgreSQL on 127.0.0.1:${server.port})`,
    embedded: server,
    close: () => server.stop(),
  };
}

export async function createDatabaseIfMissing(adminUrl: string, name: string) {
  await withClient(adminUrl, async (client) => {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database ${quoteIdent(name)}`);
  });
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function quoteIdent(name: string) {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Runs the Prisma CLI against a database, with the preload that lets it exit when done
 * (prisma/cli-adapter.ts explains the workarounds).
 */
export function runPrismaCli(args: string[], url: string, stdio: 'pipe' | 'inherit' = 'pipe') {
  const prismaCli = createRequire(import.meta.url).resolve('prisma/build/index.js');
  return spawnSync(process.execPath, ['--require', path.join(projectDir, 'prisma', 'cli-preload.cjs'), prismaCli, ...args], {
    cwd: projectDir,
    env: { ...process.env, DATABASE_URL: url, CHECKPOINT_DISABLE: '1' },
    encoding: 'utf8',
    stdio,
  });
}

/** Applies checked-in migrations with `prisma migrate deploy`, skipping the CLI when none are pending. */
export async function migrate(url: string, log: Log = console.log) {
  const pending = await pendingMigrations(url);
  if (pending.length === 0) return;
  log(`Applying ${pending.length} database ${pending.length === 1 ? 'migration' : 'migrations'} ...`);
  const result = runPrismaCli(['migrate', 'deploy'], url);
  if (result.status !== 0) {
    throw new Error(`Database migration failed:\n${result.stdout}\n${result.stderr}`);
  }
}

async function pendingMigrations(url: string): Promise<string[]> {
  const dir = path.join(projectDir, 'prisma', 'migrations');
  const all = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  const applied = await withClient(url, async (client) => {
    const exists = await client.query("select to_regclass('public._prisma_migrations') as t");
    if (!exists.rows[0].t) return new Set<string>();
    const { rows } = await client.query(
      'select migration_name from _prisma_migrations where finished_at is not null and rolled_back_at is null',
    );
    return new Set(rows.map((row) => row.migration_name as string));
  });
  return all.filter((name) => !applied.has(name));
}

function redact(url: string) {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}

/** Runs `close` once on SIGINT/SIGTERM, then exits. */
export function closeOnSignals(close: () => Promise<void>) {
  let closing = false;
  const handler = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    close()
      .catch((error) => console.error(error))
      .finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
