/**
 * Public reads from a read replica (DATABASE_READ_URL), against two real PostgreSQL clusters of
 * their own: a primary and a replica kept in step by logical replication (a publication of all
 * tables, a subscription), both migrated with the portal's migrations. Which server answered is
 * proved by a marker only the replica has: Gaston's sheriff's office is renamed there, with
 * triggers off (as replication applies changes), so the replica's public data version still
 * matches the primary's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { publicDataVersion } from '~/dashboards/data-version.server';
import { createPrismaClient, disconnectPrisma, prisma, type PrismaClient } from '~/db/prisma.server';
import { readAtVersion } from '~/db/read-replica.server';
import { openFiling, saveDraft, submitFiling } from '~/reporting/filings.server';
import * as agencyRoute from '~/routes/agencies.$slug';
import { createDatabaseIfMissing, migrate, withClient } from '../../scripts/db/database';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../scripts/db/embedded-postgres';
import { prepareDatabase } from '../../scripts/db/prepare';
import { testRequestHandler } from '../support/page-handler';
import { TEST_CONTEXT } from '../support/requests';
import { freePort } from '../support/free-port';

const GASTON = 'nc-gaston-county-sheriffs-office';
const MARKER = '(replica copy)';
const DATABASE = 'portal';
const quiet = () => {};

const cleanups: (() => Promise<unknown> | unknown)[] = [];
let primary: EmbeddedServer;
let replica: EmbeddedServer;
let primaryUrl: string;
let replicaUrl: string;
let primaryDb: PrismaClient;
const savedEnv = { url: process.env.DATABASE_URL, readUrl: process.env.DATABASE_READ_URL };

/** A throwaway cluster in a temporary folder, on a free port, stopped and deleted after the file. */
async function cluster(name: string): Promise<{ dir: string; port: number; server: EmbeddedServer }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `portal-${name}-`));
  fs.chmodSync(dir, 0o755); // the postgres user (when running as root) must reach the data
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  const port = await freePort();
  const server = await startEmbeddedPostgres(dir, { log: quiet, port });
  cleanups.push(() => server.stop());
  return { dir, port, server };
}

const inDatabase = (server: EmbeddedServer) => server.url(DATABASE);
const sql = (url: string, text: string) => withClient(url, (client) => client.query(text));

/** Polls `check` until it holds; a test must fail, not hang, when replication never gets there. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs `text` as logical replication applies changes: with the tables' ordinary triggers off. */
const asReplication = (url: string, text: string) =>
  withClient(url, async (client) => {
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    await client.query(text);
    await client.query('commit');
  });

const versionOf = async (url: string) => (await sql(url, 'select version::text as v from public_data_version')).rows[0].v as string;
const caughtUp = () => until('the replica to catch up', async () => (await versionOf(replicaUrl)) === (await versionOf(primaryUrl)));

beforeAll(async () => {
  // The primary: logical WAL, which needs a restart.
  const first = await cluster('primary');
  await sql(first.server.url('postgres'), 'alter system set wal_level = logical');
  await first.server.stop();
  primary = await startEmbeddedPostgres(first.dir, { log: quiet, port: first.port });
  cleanups.push(() => primary.stop());
  replica = (await cluster('replica')).server;
  primaryUrl = inDatabase(primary);
  replicaUrl = inDatabase(replica);

  // Same schema on both (DDL is not replicated): the portal's migrations, then the real seed on the primary.
  await Promise.all([createDatabaseIfMissing(primary.url('postgres'), DATABASE), createDatabaseIfMissing(replica.url('postgres'), DATABASE)]);
  await migrate(primaryUrl, quiet);
  await migrate(replicaUrl, quiet);
  await prepareDatabase(primaryUrl, quiet, true);

  // The replica starts empty (but for its own migration history) and copies everything.
  const tables = await sql(replicaUrl, "select string_agg(format('%I', tablename), ', ') as list from pg_tables where schemaname = 'public' and tablename <> '_prisma_migrations'");
  await asReplication(replicaUrl, `truncate ${tables.rows[0].list}`); // past the append-only tables' guards
  await sql(primaryUrl, 'create publication portal_public for all tables');
  const source = new URL(primaryUrl);
  await sql(
    replicaUrl,
    `create subscription portal_replica connection 'host=127.0.0.1 port=${source.port} dbname=${DATABASE} user=postgres password=${decodeURIComponent(source.password)}' publication portal_public`,
  );
  await until('the initial copy', async () => (await sql(replicaUrl, "select count(*)::int as n from pg_subscription_rel where srsubstate <> 'r'")).rows[0].n === 0, 40_000);
  await caughtUp();

  // The marker, written as replication writes: no trigger, so no version of the replica's own.
  await asReplication(replicaUrl, `update agency set name = name || ' ${MARKER}' where slug = '${GASTON}'`);

  primaryDb = createPrismaClient(primaryUrl);
  cleanups.push(() => primaryDb.$disconnect());
  process.env.DATABASE_URL = primaryUrl;
  process.env.DATABASE_READ_URL = replicaUrl;
}, 90_000);

afterAll(async () => {
  const restore = (name: string, value: string | undefined) => (value === undefined ? delete process.env[name] : (process.env[name] = value));
  await disconnectPrisma();
  restore('DATABASE_URL', savedEnv.url);
  restore('DATABASE_READ_URL', savedEnv.readUrl);
  // Replica first: its subscription's connection would otherwise hold the primary's shutdown.
  while (cleanups.length) await cleanups.pop()!();
}, 60_000);

// Fresh clients for each test: an empty page cache and no memory of the replica's state.
beforeEach(() => disconnectPrisma());

const handle = testRequestHandler({ 'routes/agencies.$slug': { path: 'agencies/:slug', module: agencyRoute } });

/**
 * Gaston's agency page as an anonymous reader gets it: the server read `version` from the
 * primary for the ETag and passes it on (server/public-pages.ts); none for a signed-in reader.
 */
async function gastonPage(version: string | null) {
  const request = new Request(`http://portal.test/agencies/${GASTON}`);
  const response = await handle(request, { ...TEST_CONTEXT, publicDataVersion: version });
  const html = await response.text();
  // The data behind that page, from the same cache entry.
  const data = (await agencyRoute.loader({ request, params: { slug: GASTON }, context: { ...TEST_CONTEXT, publicDataVersion: version } })) as Awaited<
    ReturnType<typeof agencyRoute.loader>
  >;
  const grossCost = data.dashboard.periods.find((period) => period.key === '2025-Q1')?.values.gross_cost ?? null;
  return { status: response.status, fromReplica: html.includes(MARKER), grossCost };
}

const currentVersion = () => publicDataVersion(primaryDb);

/** A new public data version (an operator's population figure for Gaston County), so no cached page is reused. */
async function bumpVersion() {
  const before = await currentVersion();
  await primaryDb.jurisdiction.update({ where: { fips: '37071' }, data: { population: { increment: 1 } } });
  expect(await currentVersion()).not.toBe(before);
}

/** A report for 2025-Q1, filed and certified through the reporting service, committed on the primary. */
async function fileGastonReport() {
  const gaston = await primaryDb.agency.findUniqueOrThrow({ where: { slug: GASTON }, include: { requirements: true } });
  const user = await primaryDb.user.create({ data: { email: `filer-${Date.now()}@gaston.example`, name: 'Gaston Filer' } });
  const filing = await openFiling(primaryDb, { requirementId: gaston.requirements[0].id, periodKey: '2025-Q1' });
  await saveDraft(primaryDb, {
    filingId: filing.id,
    values: { gross_cost: '12500.50', federal_reimbursement: '0', igsa_revenue: '0', detainers_received: '14', detainers_honored: '9', detainers_declined: '3', transfers_to_ice: '8', people_encountered: '40', complaints_filed: '1', complaints_sustained: '0' },
    explanations: {},
    nothingToReport: false,
    userId: user.id,
  });
  await submitFiling(primaryDb, { filingId: filing.id, userId: user.id, certifiedName: 'Chad Hawkins', certifiedTitle: 'Sheriff', channel: 'WEB' });
}

describe('public reads with a read replica', () => {
  it('go to the replica when it is at the version the request read from the primary', async () => {
    const page = await gastonPage(await currentVersion());
    expect(page).toEqual({ status: 200, fromReplica: true, grossCost: null });
  });

  it('never go to the replica without a public request version (signed-in pages, /audit), nor when DATABASE_READ_URL is unset', async () => {
    expect((await gastonPage(null)).fromReplica).toBe(false);
    delete process.env.DATABASE_READ_URL;
    try {
      await disconnectPrisma();
      expect((await gastonPage(await currentVersion())).fromReplica).toBe(false);
    } finally {
      process.env.DATABASE_READ_URL = replicaUrl;
    }
  });

  it('go to the primary while the replica lags behind a new report, and back to the replica once it has caught up', async () => {
    await sql(replicaUrl, 'alter subscription portal_replica disable');
    try {
      const before = await currentVersion();
      await fileGastonReport();
      const after = await currentVersion();
      expect(after).not.toBe(before);
      expect(await versionOf(replicaUrl)).not.toBe(await versionOf(primaryUrl)); // really lagging
      // The new report, from the primary: the replica has not got it.
      expect(await gastonPage(after)).toEqual({ status: 200, fromReplica: false, grossCost: '12500.50' });
    } finally {
      await sql(replicaUrl, 'alter subscription portal_replica enable');
    }
    await caughtUp();
    await disconnectPrisma(); // a fresh cache: the primary's page above would be reused
    expect(await gastonPage(await currentVersion())).toEqual({ status: 200, fromReplica: true, grossCost: '12500.50' });
  });

  it('go to the primary, and say so once, when a read fails on the replica; the replica is tried again seconds later', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const said = () => log.mock.calls.map(([message]) => String(message)).filter((message) => message.startsWith('Read replica'));
    // A replica whose schema is behind: its version answers, the page's queries do not.
    await sql(replicaUrl, 'alter table agency rename to agency_elsewhere');
    let renamed = true;
    try {
      expect(await gastonPage(await currentVersion())).toEqual({ status: 200, fromReplica: false, grossCost: '12500.50' });
      const failedAt = Date.now();
      await bumpVersion(); // no cached page: read again, while the replica is left out for a while
      await caughtUp();
      expect(await gastonPage(await currentVersion())).toEqual({ status: 200, fromReplica: false, grossCost: '12500.50' });
      expect(said()).toEqual([expect.stringMatching(/^Read replica \(DATABASE_READ_URL\) failed, public reads go to the primary .*agency/)]);

      await sql(replicaUrl, 'alter table agency_elsewhere rename to agency');
      renamed = false;
      // Read past the page cache: which server names Gaston, until the replica does again.
      const gastonName = async () => (await readAtVersion(prisma(), await currentVersion(), (db) => db.agency.findUniqueOrThrow({ where: { slug: GASTON } }))).name;
      expect(await gastonName()).not.toContain(MARKER);
      await until('the replica to serve again', async () => (await gastonName()).includes(MARKER), 15_000);
      expect(Date.now() - failedAt).toBeGreaterThanOrEqual(4_000); // left out for a while, not asked on every request
      expect(said()).toHaveLength(2);
      expect(said()[1]).toBe('Read replica (DATABASE_READ_URL) answers again: public reads go to it.');
    } finally {
      if (renamed) await sql(replicaUrl, 'alter table agency_elsewhere rename to agency');
      log.mockRestore();
    }
  });

  it('keep answering from the primary when the replica is down, saying so once', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await replica.stop();
      expect(await gastonPage(await currentVersion())).toEqual({ status: 200, fromReplica: false, grossCost: '12500.50' });
      await bumpVersion();
      expect(await gastonPage(await currentVersion())).toEqual({ status: 200, fromReplica: false, grossCost: '12500.50' });
      const said = log.mock.calls.map(([message]) => String(message)).filter((message) => message.startsWith('Read replica'));
      expect(said).toEqual([expect.stringMatching(/^Read replica \(DATABASE_READ_URL\) failed, public reads go to the primary/)]);
    } finally {
      log.mockRestore();
    }
  });
});
