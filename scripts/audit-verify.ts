/**
 * npm run audit:verify: checks the whole audit chain of the portal's database and names the
 * first entry that does not match (exit code 1), or prints its length and head hash.
 */
import { createPrismaClient } from '~/db/prisma.server';
import { verifyAuditLog } from '~/reporting/audit-log.server';
import { openPreparedDatabase } from './db/prepare';

const REASONS = {
  hash_mismatch: 'its content does not match its hash (the entry was altered)',
  prev_hash_mismatch: 'it does not point to the hash of the entry before it (an entry before it was altered, removed or inserted)',
  seq_gap: 'the entry before it is missing',
};

const db = await openPreparedDatabase((message) => console.error(message));
const prisma = createPrismaClient(db.url);
let exitCode = 0;
try {
  const verdict = await verifyAuditLog(prisma);
  if (verdict.valid) {
    console.log(`Audit chain valid: ${verdict.count} entries, head ${verdict.lastHash}.`);
  } else {
    console.error(`Audit chain BROKEN at entry #${verdict.firstBad.seq}: ${REASONS[verdict.firstBad.reason]}. ${verdict.count} entries before it verify.`);
    exitCode = 1;
  }
} finally {
  await prisma.$disconnect();
  await db.close();
}
process.exit(exitCode);
