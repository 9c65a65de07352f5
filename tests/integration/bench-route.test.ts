/**
 * The benchmark's baseline page (/bench/trivial) has no loader of its own: the portal's Express
 * stack (server/app.ts) answers 404 for it unless the server runs for the benchmark
 * (PORTAL_BENCH=1), in the reader's language, also for Remix's client-side data request.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '~/db/prisma.server';
import * as root from '~/root';
import * as benchTrivial from '~/routes/bench.trivial';
import { portalApp } from '../../server/app';
import { testServerBuild } from '../support/page-handler';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
});
afterAll(async () => {
  await disconnectPrisma();
  await db.drop();
});

/** The portal's Express stack over the root and the bench page, built with PORTAL_BENCH as given. */
async function serve(bench: string | undefined, work: (origin: string) => Promise<void>) {
  const saved = process.env.PORTAL_BENCH;
  if (bench === undefined) delete process.env.PORTAL_BENCH;
  else process.env.PORTAL_BENCH = bench;
  const build = testServerBuild({
    root: { id: 'root', path: '', module: root },
    'routes/bench.trivial': { id: 'routes/bench.trivial', parentId: 'root', path: 'bench/trivial', module: benchTrivial },
  });
  const server = portalApp({ build, buildVersion: 'test', responses: null, mode: 'production' }).listen(0, '127.0.0.1');
  try {
    await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
    await work(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  } finally {
    if (saved === undefined) delete process.env.PORTAL_BENCH;
    else process.env.PORTAL_BENCH = saved;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}

describe('/bench/trivial', () => {
  it.each([undefined, '0', 'true'])('is not found when PORTAL_BENCH is %s', async (bench) => {
    await serve(bench, async (origin) => {
      const page = await fetch(`${origin}/bench/trivial`);
      expect(page.status).toBe(404);
      expect(page.headers.get('cache-control')).toBe('no-store');
      const html = await page.text();
      expect(html).toContain('Page not found');
      expect(html).not.toContain('Benchmark baseline');

      const spanish = await fetch(`${origin}/bench/trivial`, { headers: { 'Accept-Language': 'es' } });
      expect(spanish.status).toBe(404);
      expect(await spanish.text()).toContain('<html lang="es">');

      const data = await fetch(`${origin}/bench/trivial.data`);
      expect(data.status).toBe(404);
      expect(await data.text()).not.toContain('Benchmark baseline');
    });
  });

  it('is the root layout around one paragraph in a bench run', async () => {
    await serve('1', async (origin) => {
      const page = await fetch(`${origin}/bench/trivial`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<p>Benchmark baseline.</p>');
      expect(html).toContain('class="site-header"');
    });
  });
});
