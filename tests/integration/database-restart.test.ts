/**
 * PostgreSQL dies under the portal and comes back: requests fail fast (503 with Retry-After)
 * while it is away, the same portal process serves and files again afterwards, and no
 * acknowledged filing is lost. With the embedded default, the portal restarts its PostgreSQL
 * itself. Each test runs its own PostgreSQL cluster in a temporary folder (never the shared one).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiToken } from '~/auth/api-tokens.server';
import { createPrismaClient } from '~/db/prisma.server';
import { verifyAuditLog } from '~/reporting/audit-log.server';
import { createPolicy } from '~/reporting/policies.server';
import { createDatabaseIfMissing, EMBEDDED_DATABASE } from '../../scripts/db/database';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../scripts/db/embedded-postgres';
import { prepareDatabase } from '../../scripts/db/prepare';
import { freePort } from '../support/free-port';
import { countyPolicy, monthlyRequirements } from '../support/policies';
import { startPortalProcess } from '../support/portal-process';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-restart-'));
  fs.chmodSync(dir, 0o755); // PostgreSQL (the postgres user, when we are root) must reach it
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function postmasterPid(dataDir: string): number {
  return Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
}

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor<T>(what: string, attempt: () => Promise<T | null>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await attempt().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await sleep(250);
  }
}

describe('PostgreSQL restarting under the portal', () => {
  it('answers 503 with Retry-After at once while it is down, then files again in the same process, losing nothing acknowledged', async () => {
    const dir = tempDir();
    // Not watched: this test kills and restarts it when it chooses.
    const server: EmbeddedServer = await startEmbeddedPostgres(dir, { log: () => {}, port: await freePort(), watchEveryMs: 0 });
    cleanups.push(() => server.stop());
    await createDatabaseIfMissing(server.url('postgres'), 'portal');
    const url = server.url('portal');
    await prepareDatabase(url, () => {}, false);

    const prisma = createPrismaClient(url);
    cleanups.push(() => prisma.$disconnect());
    const agency = await prisma.agency.findFirstOrThrow({
      where: { stateCode: 'NC', jurisdictionId: { not: null }, agreements: { some: { status: 'ACTIVE' } } },
      orderBy: { name: 'asc' },
    });
    const head = await prisma.user.create({ data: { email: 'head@restart.example', name: 'Test Head' } });
    await prisma.roleAssignment.create({ data: { userId: head.id, role: 'HEAD', agencyId: agency.id } });
    const policy = await createPolicy(prisma, countyPolicy(agency.jurisdictionId!, monthlyRequirements(agency.id, 1)));
    const { token } = await createApiToken(prisma, { agencyId: agency.id, name: 'Jail system', createdById: head.id });
    await prisma.$disconnect();

    const portal = await startPortalProcess(url);
    cleanups.push(() => portal.stop());

    let n = 0;
    const file = async () => {
      const started = performance.now();
      const i = ++n;
      const response = await fetch(`${portal.origin}/api/v1/filings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          requirementId: policy.requirements[0].id,
          periodKey: ['2025-08', '2025-09', '2025-10'][i % 3],
          values: { ice_requests: String(i), transfers_to_ice: '1' },
          certification: { name: 'A Head', title: 'Sheriff' },
          amendmentReason: `Sent again (${i}) while the database restarts.`,
        }),
        signal: AbortSignal.timeout(20_000),
      });
      const body = await response.json();
      return { status: response.status, retryAfter: response.headers.get('retry-after'), body, ms: performance.now() - started };
    };

    // A burst: eight clients filing one after another, while PostgreSQL is killed under them.
    const results: Awaited<ReturnType<typeof file>>[] = [];
    let stopBurst = false;
    const burst = Promise.all(
      Array.from({ length: 8 }, async () => {
        while (!stopBurst) results.push(await file());
      }),
    );
    await waitFor('some filings were acknowledged', async () => (results.filter((r) => r.status === 201).length >= 20 ? true : null));
    const postmaster = postmasterPid(server.dataDir);
    process.kill(postmaster, 'SIGKILL');
    await waitFor('PostgreSQL is gone', async () => (alive(postmaster) ? null : true));
    const killedAt = results.length;
    await sleep(3_000);
    stopBurst = true;
    await burst;

    const during = results.slice(killedAt);
    expect(during.length).toBeGreaterThan(8);
    for (const result of during) {
      expect(result.status).toBe(503);
      expect(Number(result.retryAfter)).toBeGreaterThan(0);
      expect(result.body.error.status).toBe(503);
      expect(result.ms).toBeLessThan(6_000);
    }
    for (const result of results) expect([201, 503]).toContain(result.status);

    // Back: the same process files again, without a restart.
    const again = await startEmbeddedPostgres(dir, { log: () => {}, port: server.port, watchEveryMs: 0 });
    cleanups.push(() => again.stop());
    const filed = await waitFor('the portal files again', async () => {
      const result = await file();
      results.push(result);
      return result.status === 201 ? result : null;
    });
    expect(filed.body.data.revision).toBeGreaterThan(0);
    expect(alive(portal.pid)).toBe(true);
    expect(portal.output()).not.toMatch(/Unhandled|uncaught/i);

    // Every acknowledged filing is stored, and the audit chain holds.
    const check = createPrismaClient(url);
    cleanups.push(() => check.$disconnect());
    const acknowledged = results.filter((r) => r.status === 201).map((r) => r.body.data as { filingId: number; revision: number });
    const stored = await check.filingRevision.findMany({ select: { filingId: true, number: true } });
    const keys = new Set(stored.map((r) => `${r.filingId}:${r.number}`));
    expect(acknowledged.filter((a) => !keys.has(`${a.filingId}:${a.revision}`))).toEqual([]);
    expect(await verifyAuditLog(check)).toMatchObject({ valid: true });
  }, 180_000);

  it('restarts the embedded PostgreSQL that `npm start` owns when it dies', async () => {
    const checkout = tempDir();
    const port = await freePort();
    // Made ready here, as `npm start` would on its first run, so that the portal starts quickly.
    const first = await startEmbeddedPostgres(checkout, { log: () => {}, port, watchEveryMs: 0 });
    await createDatabaseIfMissing(first.url('postgres'), EMBEDDED_DATABASE);
    await prepareDatabase(first.url(EMBEDDED_DATABASE), () => {}, false);
    await first.stop();
    // No DATABASE_URL: the embedded default, in that private folder on that private port.
    const dir = path.join(checkout, '.data');
    const portal = await startPortalProcess('', { EMBEDDED_PG_DIR: dir, EMBEDDED_PG_PORT: String(port), PORTAL_DEMO: '0' });
    cleanups.push(() => portal.stop());
    const dataDir = path.join(dir, 'postgres');
    const postmaster = postmasterPid(dataDir);
    expect((await fetch(`${portal.origin}/`)).status).toBe(200);

    process.kill(postmaster, 'SIGKILL');
    await waitFor('PostgreSQL is gone', async () => (alive(postmaster) ? null : true));
    const down = await fetch(`${portal.origin}/`, { signal: AbortSignal.timeout(10_000) });
    // Either still down (503), or already restarted.
    expect([200, 503]).toContain(down.status);

    await waitFor('the portal restarted PostgreSQL', async () => {
      const pid = postmasterPid(dataDir);
      return pid !== postmaster && alive(pid) ? true : null;
    });
    await waitFor('pages are served again', async () => ((await fetch(`${portal.origin}/`)).status === 200 ? true : null));
    expect(portal.output()).toMatch(/stopped unexpectedly; restarting it/);
    // Logged once pg_ctl returns, which can be after the new server already answers.
    await waitFor('the restart is logged', async () => (/running again/.test(portal.output()) ? true : null));
    const pid = portal.pid;
    expect(alive(pid)).toBe(true);

    // Stopping the portal stops the PostgreSQL it restarted.
    const restarted = postmasterPid(dataDir);
    await portal.stop();
    await waitFor('PostgreSQL stopped with the portal', async () => (alive(restarted) ? null : true), 30_000);
  }, 240_000);
});
