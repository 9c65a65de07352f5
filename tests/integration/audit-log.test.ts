/**
 * The audit log on real PostgreSQL: concurrent writers still form one valid chain, the table
 * refuses changes, and an entry altered behind the database's back is named by audit:verify.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAuditEntry, readAuditLog, verifyAuditLog } from '~/reporting/audit-log.server';
import { projectDir } from '../../scripts/db/database';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

describe('audit log', () => {
  it('stays one valid chain under 50 concurrent transactions', async () => {
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        db.prisma.$transaction(
          (tx) => appendAuditEntry(tx, { kind: 'submission', actor: `user:${i % 7}`, subject: `filing:${i}`, data: { revision: 1, values: { detainers_received: String(i) } } }),
          { timeout: 60_000, maxWait: 60_000 },
        ),
      ),
    );
    const entries = await readAuditLog(db.prisma);
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(new Set(entries.map((e) => e.subject)).size).toBe(50);
    expect(await verifyAuditLog(db.prisma)).toMatchObject({ valid: true, count: 50 });
  });

  it('is append-only: the database refuses to change or delete entries', async () => {
    await expect(db.prisma.$executeRawUnsafe(`update audit_entry set kind = 'x' where seq = 1`)).rejects.toThrow(/append-only/);
    await expect(db.prisma.$executeRawUnsafe(`delete from audit_entry where seq = 1`)).rejects.toThrow(/append-only/);
  });

  it('names the entry altered by SQL behind the trigger, in the library and in npm run audit:verify', async () => {
    // A database superuser can switch the trigger off: the chain still tells.
    await db.prisma.$executeRawUnsafe(`alter table audit_entry disable trigger audit_entry_append_only`);
    await db.prisma.$executeRawUnsafe(`update audit_entry set data = jsonb_set(data, '{revision}', '2') where seq = 17`);
    await db.prisma.$executeRawUnsafe(`alter table audit_entry enable trigger audit_entry_append_only`);
    expect(await verifyAuditLog(db.prisma)).toEqual({ valid: false, count: 16, firstBad: { seq: 17, reason: 'hash_mismatch' } });

    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit-verify.ts'], {
      cwd: projectDir,
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: db.url, PORTAL_DEMO: '0' },
      timeout: 180_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/Audit chain BROKEN at entry #17: its content does not match its hash/);
  });
});

describe('public audit export and check', () => {
  it('exports the chain for anyone and reports the broken entry on /audit', async () => {
    process.env.DATABASE_URL = db.url;
    const { loader: exportLoader } = await import('~/routes/api.v1.audit-log');
    const { loader: pageLoader } = await import('~/routes/audit');
    const { disconnectPrisma } = await import('~/db/prisma.server');
    try {
      const body = await (await exportLoader()).json();
      expect(body.meta.count).toBe(50);
      expect(body.data[0]).toMatchObject({ seq: 1, prevHash: '0'.repeat(64) });
      expect(body.meta.head).toBe(body.data[49].hash);
      expect((await pageLoader()).verdict).toMatchObject({ valid: false, firstBad: { seq: 17 } });
    } finally {
      await disconnectPrisma();
    }
  });
});
