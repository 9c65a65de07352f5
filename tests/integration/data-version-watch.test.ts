/**
 * The public data version learned from the database's notifications (data-version-watch.server.ts):
 * anonymous readers' ETags and cached data follow every commit without a query per request;
 * a rolled-back write announces nothing; when the watch's connection goes, callers read the
 * version again until it is back, and it catches up with what was committed meanwhile.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PrismaPg } from '@prisma/adapter-pg';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicDataVersion } from '~/dashboards/data-version.server';
import { startDataVersionWatch, WATCH_APPLICATION_NAME, watchedDataVersion, type DataVersionWatch } from '~/dashboards/data-version-watch.server';
import { PrismaClient } from '~/generated/prisma/client';
import { withClient } from '../../scripts/db/database';
import { prepareDatabase } from '../../scripts/db/prepare';
import { publicPageCaching } from '../../server/public-pages';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
const countingClient = (url: string) =>
  new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }), log: [{ emit: 'event' as const, level: 'query' as const }] });
let counting: ReturnType<typeof countingClient>; // the app's client in these tests: counts the SQL it sends
let queries = 0;
let watch: DataVersionWatch;
let server: http.Server;
let origin = '';

beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.url, () => {}, false);
  counting = countingClient(db.url);
  counting.$on('query', () => void (queries += 1));
  watch = startDataVersionWatch(counting, db.url, { retryMs: 50, maxRetryMs: 200, log: () => {} });
  const app = express();
  app.use(publicPageCaching(() => counting, 'build1'));
  app.get('*', (_req, res) => {
    res.type('html').send(`<p>version ${res.locals.publicDataVersion ?? 'none'}</p>`);
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 180_000);
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await watch.stop();
  await counting.$disconnect();
  await db.drop();
});

async function until<T>(read: () => T | Promise<T>, accept: (value: T) => boolean, what: string): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() - started > 10_000) throw new Error(`gave up waiting for ${what}: last ${String(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A commit that changes what public pages show (an agency's name, and back). */
async function publicWrite() {
  const agency = await db.prisma.agency.findFirstOrThrow({ where: { stateCode: 'NC' }, orderBy: { id: 'asc' } });
  await db.prisma.$transaction([
    db.prisma.agency.update({ where: { id: agency.id }, data: { name: `${agency.name} ` } }),
    db.prisma.agency.update({ where: { id: agency.id }, data: { name: agency.name } }),
  ]);
}

const listenerPids = () =>
  withClient(db.url, async (client) => (await client.query<{ pid: number }>('select pid from pg_stat_activity where application_name = $1 and datname = current_database()', [WATCH_APPLICATION_NAME])).rows.map((row) => row.pid));

describe('watchedDataVersion', () => {
  it('knows the current version once listening, and follows each commit without a query from the app', async () => {
    const first = await until(() => watchedDataVersion(counting), (value) => value !== null, 'the watch to connect');
    expect(first).toBe(await publicDataVersion(db.prisma));
    queries = 0;
    for (let write = 0; write < 3; write++) {
      const before = watchedDataVersion(counting);
      await publicWrite();
      const expected = await publicDataVersion(db.prisma);
      expect(expected).not.toBe(before);
      await until(() => watchedDataVersion(counting), (value) => value === expected, `version ${expected}`);
    }
    expect(queries).toBe(0);
  });

  it('hears nothing of a rolled-back write', async () => {
    const before = await until(() => watchedDataVersion(counting), (value) => value !== null, 'the watch');
    const agency = await db.prisma.agency.findFirstOrThrow({ where: { stateCode: 'NC' } });
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.agency.update({ where: { id: agency.id }, data: { name: 'Rolled back' } });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    // A later commit's announcement arrives after any the rolled-back one could have sent.
    await publicWrite();
    const after = await publicDataVersion(db.prisma);
    await until(() => watchedDataVersion(counting), (value) => value === after, 'the later commit');
    expect(BigInt(`0x${after.split('-')[1]}`) - BigInt(`0x${before!.split('-')[1]}`)).toBe(1n);
  });

  it('knows nothing while its connection is gone, then reconnects and catches up with commits made meanwhile', async () => {
    await until(() => watchedDataVersion(counting), (value) => value !== null, 'the watch');
    const [pid] = await listenerPids();
    expect(pid).toBeGreaterThan(0);
    await withClient(db.url, (client) => client.query('select pg_terminate_backend($1)', [pid]));
    await until(() => watchedDataVersion(counting), (value) => value === null, 'the watch to notice');
    await publicWrite(); // committed while nobody listens
    const expected = await publicDataVersion(db.prisma);
    await until(() => watchedDataVersion(counting), (value) => value === expected, 'the watch to reconnect');
    const pids = await listenerPids();
    expect(pids).toHaveLength(1);
    expect(pids[0]).not.toBe(pid);
  });
});

describe('anonymous public pages with the watch', () => {
  it('carry the watched version in their ETag and answer 304 on it, without reading the version', async () => {
    const version = await until(() => watchedDataVersion(counting), (value) => value !== null, 'the watch');
    queries = 0;
    const page = await fetch(`${origin}/places/nc`);
    const etag = page.headers.get('etag')!;
    expect(etag).toBe(`"${version}-en-build1"`);
    expect(await page.text()).toContain(`version ${version}`);
    const again = await fetch(`${origin}/places/nc`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    // A page without an ETag (not versioned) still gets the version for the root's data.
    expect(await (await fetch(`${origin}/audit`)).text()).toContain(`version ${version}`);
    expect(queries).toBe(0);

    await publicWrite();
    const next = await publicDataVersion(db.prisma);
    await until(() => watchedDataVersion(counting), (value) => value === next, 'the new version');
    const changed = await fetch(`${origin}/places/nc`, { headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).toBe(`"${next}-en-build1"`);
  });

  it('read the version from the database for signed-in readers, and for everyone while the watch is down', async () => {
    await until(() => watchedDataVersion(counting), (value) => value !== null, 'the watch');
    queries = 0;
    // Signed in: no version from the watch (someone who just wrote must see their change).
    expect(await (await fetch(`${origin}/audit`, { headers: { cookie: 'portal_session=x' } })).text()).toContain('version none');
    expect(queries).toBe(0);

    const stopped = watch;
    await stopped.stop();
    expect(watchedDataVersion(counting)).toBeNull();
    const page = await fetch(`${origin}/places/nc`);
    expect(page.headers.get('etag')).toBe(`"${await publicDataVersion(db.prisma)}-en-build1"`);
    expect(queries).toBe(1);
    expect(await (await fetch(`${origin}/audit`)).text()).toContain('version none'); // the loader reads it then
    watch = startDataVersionWatch(counting, db.url, { retryMs: 50, maxRetryMs: 200, log: () => {} });
  });
});
