/**
 * The audit log on real PostgreSQL: concurrent writers still form one valid chain, chained as
 * they commit (no writer waits on another's open transaction), the table refuses changes, and an entry altered
 * behind the database's back is named by audit:verify.
 */
import { spawnSync } from 'node:child_process';
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryHash } from '~/reporting/audit-chain';
import { appendAuditEntry, checkAuditLogSinceLastCheck, fullAuditCheckIfDue, readAuditLog, runFullAuditCheck, verifyAuditLog } from '~/reporting/audit-log.server';
import type { Db } from '~/db/prisma.server';
import { PrismaClient } from '~/generated/prisma/client';
import { projectDir } from '../../scripts/db/database';
import { prepareDatabase } from '../../scripts/db/prepare';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

/** Runs `work` on a database of its own (its chain starts empty), dropped afterwards. */
async function onFreshDatabase(work: (fresh: TestDatabase) => Promise<void>) {
  const fresh = await createTestDatabase();
  try {
    await work(fresh);
  } finally {
    await fresh.drop();
  }
}

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

  it("chains after the real head, whoever wrote it (another writer's entry, a rolled-back append)", () =>
    onFreshDatabase(async (fresh) => {
      const append = (subject: string) => fresh.prisma.$transaction((tx) => appendAuditEntry(tx, { kind: 'note', actor: null, subject, data: {} }));
      await append('first');
      // Another writer appends an entry of its own, straight into the table.
      await fresh.prisma.$transaction(async (tx) => {
        const [head] = await tx.auditEntry.findMany({ orderBy: { seq: 'desc' }, take: 1 });
        const content = { seq: head.seq + 1, at: new Date().toISOString(), kind: 'note', actor: null, subject: 'elsewhere', data: {} };
        const hash = entryHash(head.hash, content);
        await tx.auditEntry.create({ data: { ...content, at: new Date(content.at), prevHash: head.hash, hash } });
      });
      await append('second');
      // An append whose transaction rolls back: never chained.
      await expect(
        fresh.prisma.$transaction(async (tx) => {
          await appendAuditEntry(tx, { kind: 'note', actor: null, subject: 'rolled back', data: {} });
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      await append('third');

      const entries = await readAuditLog(fresh.prisma);
      expect(entries.map((entry) => [entry.seq, entry.subject])).toEqual([
        [1, 'first'],
        [2, 'elsewhere'],
        [3, 'second'],
        [4, 'third'],
      ]);
      expect(await verifyAuditLog(fresh.prisma)).toMatchObject({ valid: true, count: 4 });
    }));

  it('chains entries as their transaction commits: an open transaction holds no one up, and the order is the order of commits', () =>
    onFreshDatabase(async (fresh) => {
      const append = (tx: Db, subject: string) => appendAuditEntry(tx, { kind: 'note', actor: null, subject, data: { subject } });
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      let appendedFirst = () => {};
      const firstAppended = new Promise<void>((resolve) => (appendedFirst = resolve));
      // Appends first, then stays open (a slow client) until released.
      const slow = fresh.prisma.$transaction(
        async (tx) => {
          await append(tx, 'appended first, committed last');
          appendedFirst();
          await held;
        },
        { timeout: 30_000 },
      );
      await firstAppended;
      const before = Date.now();
      // Another writer meanwhile: it does not wait for the open transaction (which, holding the
      // chain's lock until its commit, would have kept it waiting until released).
      await Promise.all(Array.from({ length: 5 }, (_, i) => fresh.prisma.$transaction((tx) => append(tx, `quick ${i}`))));
      expect(Date.now() - before).toBeLessThan(5_000);
      // Not yet in the log, nor visible anywhere outside its transaction.
      expect((await readAuditLog(fresh.prisma)).map((entry) => entry.subject)).not.toContain('appended first, committed last');
      expect(await fresh.prisma.auditPending.count()).toBe(0);
      release();
      await slow;

      const entries = await readAuditLog(fresh.prisma);
      expect(entries.map((entry) => entry.seq)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(entries.at(-1)!.subject).toBe('appended first, committed last');
      // Each entry's time is its commit's: never earlier than the entry before it.
      for (let i = 1; i < entries.length; i++) expect(entries[i]!.at >= entries[i - 1]!.at).toBe(true);
      expect(await verifyAuditLog(fresh.prisma)).toMatchObject({ valid: true, count: 6 });
      // Nothing is left waiting once the transactions are over, rolled back ones included.
      await expect(
        fresh.prisma.$transaction(async (tx) => {
          await append(tx, 'rolled back');
          throw new Error('no');
        }),
      ).rejects.toThrow('no');
      expect(await fresh.prisma.auditPending.count()).toBe(0);
      expect(await verifyAuditLog(fresh.prisma)).toMatchObject({ valid: true, count: 6 });
    }));

  it('never deadlocks with the public data version, whichever a transaction writes first', () =>
    onFreshDatabase(async (fresh) => {
      await prepareDatabase(fresh.url, () => {}, false);
      const agencies = await fresh.prisma.agency.findMany({ where: { stateCode: 'NC' }, take: 5, orderBy: { id: 'asc' } });
      const before = (await readAuditLog(fresh.prisma)).length;
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          fresh.prisma.$transaction(
            async (tx) => {
              const agency = agencies[i % agencies.length]!;
              const touch = () => tx.agency.update({ where: { id: agency.id }, data: { name: agency.name } });
              const audit = () => appendAuditEntry(tx, { kind: 'note', actor: null, subject: `agency:${agency.id}`, data: { i } });
              // Half audit first then change public data, half the other way round.
              if (i % 2) await audit().then(touch);
              else await touch().then(audit);
            },
            { timeout: 60_000, maxWait: 60_000 },
          ),
        ),
      );
      const entries = await readAuditLog(fresh.prisma);
      expect(entries).toHaveLength(before + 40);
      expect(await verifyAuditLog(fresh.prisma)).toMatchObject({ valid: true, count: before + 40 });
    }));

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

describe('the /audit check: only entries since the last check, the whole chain daily', () => {
  let fresh: TestDatabase;
  const append = (n: number, from = 0) =>
    Array.from({ length: n }, (_, i) => () =>
      fresh.prisma.$transaction((tx) => appendAuditEntry(tx, { kind: 'submission', actor: 'user:1', subject: `filing:${from + i}`, data: { revision: 1 } })),
    ).reduce((done, next) => done.then(next), Promise.resolve() as Promise<unknown>);
  const tamper = async (seq: number) => {
    await fresh.prisma.$executeRawUnsafe(`alter table audit_entry disable trigger audit_entry_append_only`);
    await fresh.prisma.$executeRawUnsafe(`update audit_entry set data = jsonb_set(data, '{revision}', '9') where seq = ${seq}`);
    await fresh.prisma.$executeRawUnsafe(`alter table audit_entry enable trigger audit_entry_append_only`);
  };
  beforeAll(async () => {
    fresh = await createTestDatabase();
  });
  afterAll(async () => {
    await fresh.drop();
  });

  it('remembers the last verified entry and verifies only what came after it', async () => {
    await append(30);
    expect(await checkAuditLogSinceLastCheck(fresh.prisma)).toMatchObject({ valid: true, count: 30 });
    const remembered = await fresh.prisma.auditCheckpoint.findUniqueOrThrow({ where: { id: 1 } });
    expect(remembered).toMatchObject({ seq: 30, brokenSeq: null });
    // Visits that find nothing new write nothing: a spike of visitors does not queue on one row.
    const [before] = await fresh.prisma.$queryRaw<{ xmin: string }[]>`select xmin::text from audit_checkpoint where id = 1`;
    await Promise.all(Array.from({ length: 20 }, () => checkAuditLogSinceLastCheck(fresh.prisma)));
    const [after] = await fresh.prisma.$queryRaw<{ xmin: string }[]>`select xmin::text from audit_checkpoint where id = 1`;
    expect(after.xmin).toBe(before.xmin);
    expect(await fresh.prisma.auditCheckpoint.findUniqueOrThrow({ where: { id: 1 } })).toEqual(remembered);

    // Visitors who come while new entries are being verified share that one check.
    await append(10, 30);
    const counting = new PrismaClient({ adapter: new PrismaPg({ connectionString: fresh.url, max: 4 }), log: [{ emit: 'event' as const, level: 'query' as const }] });
    const reads: string[] = [];
    // The batch reads of new entries (the quick statement every visit sends reads the checkpoint).
    counting.$on('query', (event) => void (/audit_entry/i.test(event.query) && !/audit_checkpoint/i.test(event.query) && /seq.? > /i.test(event.query) && reads.push(event.query)));
    try {
      const verdicts = await Promise.all(Array.from({ length: 20 }, () => checkAuditLogSinceLastCheck(counting)));
      expect(new Set(verdicts.map((verdict) => verdict.count))).toEqual(new Set([40]));
      expect(reads).toHaveLength(1);
    } finally {
      await counting.$disconnect();
    }

    // An entry before the checkpoint, altered behind the trigger, is outside the quick check…
    await tamper(5);
    expect(await checkAuditLogSinceLastCheck(fresh.prisma)).toMatchObject({ valid: true, count: 40 });
    // …but the full check finds it, and /audit then says so without walking the chain again.
    expect(await runFullAuditCheck(fresh.prisma)).toEqual({ valid: false, count: 4, firstBad: { seq: 5, reason: 'hash_mismatch' } });
    expect(await checkAuditLogSinceLastCheck(fresh.prisma)).toEqual({ valid: false, count: 4, firstBad: { seq: 5, reason: 'hash_mismatch' } });
  });

  it('notices when the remembered entry itself was altered, and a new bad entry after it', async () => {
    const other = await createTestDatabase();
    try {
      const tx = (n: number) =>
        Array.from({ length: n }).reduce<Promise<unknown>>(
          (done) => done.then(() => other.prisma.$transaction((t) => appendAuditEntry(t, { kind: 'submission', actor: null, subject: 'filing:1', data: {} }))),
          Promise.resolve(),
        );
      await tx(12);
      expect(await checkAuditLogSinceLastCheck(other.prisma)).toMatchObject({ valid: true, count: 12 });
      await tx(3);
      await other.prisma.$executeRawUnsafe(`alter table audit_entry disable trigger audit_entry_append_only`);
      await other.prisma.$executeRawUnsafe(`update audit_entry set subject = 'filing:2' where seq = 14`);
      await other.prisma.$executeRawUnsafe(`alter table audit_entry enable trigger audit_entry_append_only`);
      expect(await checkAuditLogSinceLastCheck(other.prisma)).toEqual({ valid: false, count: 13, firstBad: { seq: 14, reason: 'hash_mismatch' } });

      await other.prisma.$executeRawUnsafe(`update audit_checkpoint set broken_seq = null, broken_reason = null, seq = 12, hash = repeat('a', 64)`);
      expect(await checkAuditLogSinceLastCheck(other.prisma)).toEqual({ valid: false, count: 11, firstBad: { seq: 12, reason: 'hash_mismatch' } });
    } finally {
      await other.drop();
    }
  });

  it('runs the full check once a day, on one instance at a time', async () => {
    const other = await createTestDatabase();
    try {
      await other.prisma.$transaction((t) => appendAuditEntry(t, { kind: 'submission', actor: null, subject: 'filing:1', data: {} }));
      const now = new Date('2026-12-06T12:00:00Z');
      const runs = await Promise.all(Array.from({ length: 5 }, () => fullAuditCheckIfDue(other.prisma, now)));
      expect(runs.filter(Boolean)).toEqual([{ valid: true, count: 1, lastHash: expect.any(String) }]);
      expect(await fullAuditCheckIfDue(other.prisma, new Date('2026-12-07T06:00:00Z'))).toBeNull();
      expect(await fullAuditCheckIfDue(other.prisma, new Date('2026-12-07T12:00:01Z'))).toMatchObject({ valid: true, count: 1 });
    } finally {
      await other.drop();
    }
  });

  it('streams the export, ending at the entry that was last when it started', async () => {
    process.env.DATABASE_URL = fresh.url;
    const { loader } = await import('~/routes/api.v1.audit-log');
    const { disconnectPrisma } = await import('~/db/prisma.server');
    try {
      const response = await loader();
      expect(response.headers.get('Content-Type')).toMatch(/application\/json/);
      const reader = response.body!.getReader();
      const first = await reader.read(); // the export fixes its last entry here
      await append(2, 100);
      let text = new TextDecoder().decode(first.value);
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += new TextDecoder().decode(chunk.value);
      const body = JSON.parse(text);
      expect(body.meta.count).toBe(40);
      expect(body.data).toHaveLength(40);
      expect(body.meta.head).toBe(body.data[39].hash);
    } finally {
      await disconnectPrisma();
    }
  });
});
