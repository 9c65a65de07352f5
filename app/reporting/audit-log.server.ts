/**
 * The audit log in the database: entries are appended inside the caller's transaction, one
 * writer at a time (an advisory lock), so concurrent submissions still form one valid chain.
 * The format is in docs/audit-chain.md; the hashing in audit-chain.ts.
 */
import type { Db } from '~/db/prisma.server';
import { entryHash, GENESIS_HASH, verifyChain, type ChainVerdict, type StoredEntry } from './audit-chain';

const AUDIT_LOCK = 287_002; // pg advisory lock id

export interface NewAuditEntry {
  kind: string;
  actor: string | null;
  subject: string;
  data: unknown;
}

/** Appends an entry; call it in the same transaction as the change it records. */
export async function appendAuditEntry(tx: Db, entry: NewAuditEntry): Promise<StoredEntry> {
  // Held until the transaction ends: the next writer sees this entry as its predecessor.
  await tx.$executeRaw`select pg_advisory_xact_lock(${AUDIT_LOCK})`;
  const last = await tx.auditEntry.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
  const content = {
    seq: (last?.seq ?? 0) + 1,
    at: new Date().toISOString(),
    kind: entry.kind,
    actor: entry.actor,
    subject: entry.subject,
    data: entry.data,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = entryHash(prevHash, content);
  await tx.auditEntry.create({
    data: { ...content, at: new Date(content.at), data: content.data as object, prevHash, hash },
  });
  return { ...content, prevHash, hash };
}

/** Every entry in chain order, as stored, in the export format. */
export async function readAuditLog(db: Db): Promise<StoredEntry[]> {
  const entries: StoredEntry[] = [];
  const BATCH = 2000;
  for (let after = 0; ; ) {
    const rows = await db.auditEntry.findMany({ where: { seq: { gt: after } }, orderBy: { seq: 'asc' }, take: BATCH });
    for (const row of rows) {
      entries.push({
        seq: row.seq,
        at: row.at.toISOString(),
        kind: row.kind,
        actor: row.actor,
        subject: row.subject,
        data: row.data,
        prevHash: row.prevHash,
        hash: row.hash,
      });
    }
    if (rows.length < BATCH) return entries;
    after = rows[rows.length - 1].seq;
  }
}

export async function verifyAuditLog(db: Db): Promise<ChainVerdict> {
  return verifyChain(await readAuditLog(db));
}
