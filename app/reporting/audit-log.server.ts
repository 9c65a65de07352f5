/**
 * The audit log in the database: entries are written inside the caller's transaction and
 * chained as it commits, by the database (migration 20261210130000_audit_chain_at_commit), one
 * transaction at a time, so concurrent writers still form one valid chain in commit order.
 * The format is in docs/audit-chain.md; the hashing in audit-chain.ts.
 */
import type { Db, PrismaClient } from '~/db/prisma.server';
import { Prisma } from '~/generated/prisma/client';
import { entryHashParts, GENESIS_HASH, verifyChain, type ChainVerdict, type StoredEntry, type VerifiedPrefix } from './audit-chain';

export interface NewAuditEntry {
  kind: string;
  actor: string | null;
  subject: string;
  data: unknown;
}

/** Appends an entry; call it in the same transaction as the change it records. */
export async function appendAuditEntry(tx: Db, entry: NewAuditEntry): Promise<void> {
  await appendAuditEntries(tx, [entry]);
}

/**
 * Appends entries, in order, when the caller's transaction commits (or at once outside one).
 * Their canonical JSON is made here, so content that cannot be hashed is refused now, with the
 * caller's transaction still open; at commit a deferred trigger takes the chain's lock, reads the
 * head, and gives the entries their seq, time, previous hash and hash (docs/audit-chain.md,
 * "Appending"). The lock is held only while the transaction commits: no other writer waits on a
 * client or the network, and the chain's order is the order of commits.
 */
export async function appendAuditEntries(tx: Db, entries: NewAuditEntry[]): Promise<void> {
  if (entries.length) await tx.$executeRaw`${pendingAuditInsert(entries)}`;
}

/**
 * The statement appendAuditEntries runs, for a caller to make it part of its own last statement
 * (a data-modifying WITH): a round trip fewer. At least one entry.
 */
export function pendingAuditInsert(entries: NewAuditEntry[]): Prisma.Sql {
  const parts = entries.map((entry) => entryHashParts(entry));
  return Prisma.sql`insert into audit_pending (kind, actor, subject, data, before_at, before_seq, after_seq)
    select kind, actor, subject, data, before_at, before_seq, after_seq from unnest(${entries.map((entry) => entry.kind)}::text[], ${entries.map((entry) => entry.actor)}::text[],
      ${entries.map((entry) => entry.subject)}::text[], ${entries.map((entry) => JSON.stringify(entry.data))}::jsonb[],
      ${parts.map((part) => part.beforeAt)}::text[], ${parts.map((part) => part.beforeSeq)}::text[], ${parts.map((part) => part.afterSeq)}::text[])
      with ordinality as entry(kind, actor, subject, data, before_at, before_seq, after_seq, n)
    order by n`;
}

type EntryRow = { seq: number; at: Date; kind: string; actor: string | null; subject: string; data: unknown; prevHash: string; hash: string };
const stored = (row: EntryRow): StoredEntry => ({
  seq: row.seq,
  at: row.at.toISOString(),
  kind: row.kind,
  actor: row.actor,
  subject: row.subject,
  data: row.data,
  prevHash: row.prevHash,
  hash: row.hash,
});

/**
 * The entries after `afterSeq` up to `throughSeq`, in chain order, a batch at a time: memory
 * stays bounded by the batch however long the chain grows.
 */
export async function* auditEntryBatches(db: Db, { afterSeq = 0, throughSeq }: { afterSeq?: number; throughSeq?: number } = {}): AsyncGenerator<StoredEntry[]> {
  const BATCH = 2000;
  for (let after = afterSeq; ; ) {
    const rows = await db.auditEntry.findMany({ where: { seq: { gt: after, ...(throughSeq === undefined ? {} : { lte: throughSeq }) } }, orderBy: { seq: 'asc' }, take: BATCH });
    if (rows.length) yield rows.map(stored);
    if (rows.length < BATCH) return;
    after = rows[rows.length - 1].seq;
  }
}

/** Every entry in chain order, as stored, in the export format. For tests and small chains: it holds them all. */
export async function readAuditLog(db: Db): Promise<StoredEntry[]> {
  const entries: StoredEntry[] = [];
  for await (const batch of auditEntryBatches(db)) entries.push(...batch);
  return entries;
}

/** Verifies the chain from `from` on, batch by batch. */
async function verifyFrom(db: Db, from: VerifiedPrefix): Promise<ChainVerdict> {
  let verdict: ChainVerdict = { valid: true, ...from };
  for await (const batch of auditEntryBatches(db, { afterSeq: from.count })) {
    verdict = verifyChain(batch, verdict);
    if (!verdict.valid) return verdict;
  }
  return verdict;
}

/** The whole chain, from the first entry (npm run audit:verify, the daily check). */
export function verifyAuditLog(db: Db): Promise<ChainVerdict> {
  return verifyFrom(db, { count: 0, lastHash: GENESIS_HASH });
}

const brokenVerdict = (count: number, seq: number, reason: string): ChainVerdict => ({
  valid: false,
  count,
  firstBad: { seq, reason: reason as 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap' },
});

/** Saves a verdict, never moving the checkpoint back (two checks may finish in either order). */
async function remember(db: Db, verdict: ChainVerdict, full: boolean, now = new Date()) {
  if (verdict.valid) {
    await db.$executeRaw`
      insert into audit_checkpoint (id, seq, hash, checked_at, full_checked_at) values (1, ${verdict.count}, ${verdict.lastHash}, ${now}, ${full ? now : null})
      on conflict (id) do update set seq = excluded.seq, hash = excluded.hash, checked_at = excluded.checked_at,
        full_checked_at = coalesce(excluded.full_checked_at, audit_checkpoint.full_checked_at), broken_seq = null, broken_reason = null
      where ${full} or (audit_checkpoint.broken_seq is null and audit_checkpoint.seq <= excluded.seq)`;
  } else {
    await db.$executeRaw`
      insert into audit_checkpoint (id, seq, hash, checked_at, broken_seq, broken_reason) values (1, 0, ${GENESIS_HASH}, ${now}, ${verdict.firstBad.seq}, ${verdict.firstBad.reason})
      on conflict (id) do update set checked_at = excluded.checked_at, broken_seq = excluded.broken_seq, broken_reason = excluded.broken_reason`;
  }
}

/**
 * The check behind the public /audit page: verifies only the entries added since the last
 * check, from the remembered last verified entry, whose stored hash must not have changed. A
 * visitor's request therefore never walks the whole chain. What the incremental check cannot
 * see (an entry before the checkpoint altered by a database superuser with the append-only
 * trigger switched off) the full check finds: `npm run audit:verify`, the daily run of
 * runFullAuditCheck, and anyone verifying the export. A broken verdict is remembered until a
 * full check says otherwise.
 */
export async function checkAuditLogSinceLastCheck(db: Db): Promise<ChainVerdict> {
  // The usual visit, in one statement: a sound checkpoint, its entry unchanged, nothing after it.
  const [quick] = await db.$queryRaw<{ seq: number; hash: string; unchanged: boolean; newer: boolean }[]>`
    select c.seq, c.hash, a.hash is not distinct from c.hash as unchanged,
      coalesce((select max(seq) from audit_entry), 0) > c.seq as newer -- max: one index probe (an exists over seq > c.seq may scan)
    from audit_checkpoint c left join audit_entry a on a.seq = c.seq
    where c.id = 1 and c.broken_seq is null`;
  if (quick && quick.seq > 0 && quick.unchanged && !quick.newer) return { valid: true, count: quick.seq, lastHash: quick.hash };
  // New entries to verify: visitors who come while a check runs share it, rather than each
  // hashing the same entries (a spike after a busy hour of submissions would multiply the work).
  const running = checksUnderWay.get(db);
  if (running) return running;
  const check = checkFromCheckpoint(db).finally(() => checksUnderWay.delete(db));
  checksUnderWay.set(db, check);
  return check;
}

const checksUnderWay = new WeakMap<Db, Promise<ChainVerdict>>();

async function checkFromCheckpoint(db: Db): Promise<ChainVerdict> {
  const checkpoint = await db.auditCheckpoint.findUnique({ where: { id: 1 } });
  if (checkpoint?.brokenSeq) return brokenVerdict(checkpoint.brokenSeq - 1, checkpoint.brokenSeq, checkpoint.brokenReason ?? 'hash_mismatch');
  let from: VerifiedPrefix = { count: 0, lastHash: GENESIS_HASH };
  if (checkpoint && checkpoint.seq > 0) {
    const anchor = await db.auditEntry.findUnique({ where: { seq: checkpoint.seq }, select: { hash: true } });
    if (anchor?.hash !== checkpoint.hash) {
      const verdict = brokenVerdict(checkpoint.seq - 1, checkpoint.seq, 'hash_mismatch');
      await remember(db, verdict, false);
      return verdict;
    }
    from = { count: checkpoint.seq, lastHash: checkpoint.hash };
  }
  const verdict = await verifyFrom(db, from);
  // Nothing new since the checkpoint: nothing to remember. (Writing anyway would make every
  // visitor update the same row, one after another, when a spike comes.)
  if (!verdict.valid || verdict.count !== from.count || !checkpoint) await remember(db, verdict, from.count === 0);
  return verdict;
}

/** The full check, remembered: run daily by the server and after start-up (see startAuditCheckSchedule). */
export async function runFullAuditCheck(db: Db, now = new Date()): Promise<ChainVerdict> {
  const verdict = await verifyAuditLog(db);
  await remember(db, verdict, true, now);
  return verdict;
}

/** pg advisory lock id: one full check at a time across instances (the writers' lock is AUDIT_LOCK). */
const FULL_CHECK_LOCK = 287_003;
const FULL_CHECK_EVERY_MS = 24 * 60 * 60 * 1000;

/**
 * Runs the full check when the last one is a day old, on one instance at a time: each
 * instance looks hourly, and the first to take the lock does it. Returns null when no check
 * was due or another instance holds the lock.
 */
export async function fullAuditCheckIfDue(db: PrismaClient, now = new Date()): Promise<ChainVerdict | null> {
  return db.$transaction(
    async (tx) => {
      const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`select pg_try_advisory_xact_lock(${FULL_CHECK_LOCK}) as locked`;
      if (!locked) return null;
      const checkpoint = await tx.auditCheckpoint.findUnique({ where: { id: 1 }, select: { fullCheckedAt: true } });
      if (checkpoint?.fullCheckedAt && now.getTime() - checkpoint.fullCheckedAt.getTime() < FULL_CHECK_EVERY_MS) return null;
      return runFullAuditCheck(tx, now);
    },
    { timeout: 30 * 60 * 1000, maxWait: 60_000 },
  );
}

/** The server's schedule for fullAuditCheckIfDue; AUDIT_CHECK_SCHEDULE=off turns it off (tests). */
export function startAuditCheckSchedule(db: () => PrismaClient, options: { firstCheckMs?: number; everyMs?: number } = {}) {
  if (process.env.AUDIT_CHECK_SCHEDULE === 'off') return null;
  const check = () =>
    fullAuditCheckIfDue(db()).then(
      (verdict) => {
        if (verdict && !verdict.valid) console.error(`Audit chain BROKEN at entry #${verdict.firstBad.seq} (${verdict.firstBad.reason}): run npm run audit:verify.`);
      },
      (error: unknown) => console.error('The daily audit chain check failed:', error instanceof Error ? error.message : error),
    );
  const first = setTimeout(check, options.firstCheckMs ?? 60_000);
  const every = setInterval(check, options.everyMs ?? 60 * 60 * 1000);
  first.unref();
  every.unref();
  return { stop: () => (clearTimeout(first), clearInterval(every)) };
}

/**
 * The export as a stream of JSON text: `{"data":[…entries…],"meta":{count, head, format}}`.
 * It ends at the last entry that existed when it started, so count and head describe exactly
 * the entries sent even while submissions keep appending.
 */
export function auditLogExport(db: Db): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let batches: AsyncGenerator<StoredEntry[]> | undefined;
  let count = 0;
  let head: string | null = null;
  return new ReadableStream({
    async pull(controller) {
      if (!batches) {
        const last = await db.auditEntry.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true } });
        batches = auditEntryBatches(db, { throughSeq: last?.seq ?? 0 });
        controller.enqueue(encoder.encode('{"data":['));
        return;
      }
      const next = await batches.next();
      if (next.done) {
        controller.enqueue(encoder.encode(`],"meta":${JSON.stringify({ count, head, format: 'docs/audit-chain.md' })}}`));
        controller.close();
        return;
      }
      const text = next.value.map((entry) => JSON.stringify(entry)).join(',');
      controller.enqueue(encoder.encode((count ? ',' : '') + text));
      count += next.value.length;
      head = next.value[next.value.length - 1].hash;
    },
    async cancel() {
      await batches?.return(undefined);
    },
  });
}
