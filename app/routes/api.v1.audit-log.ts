import { prisma } from '~/db/prisma.server';
import { readAuditLog } from '~/reporting/audit-log.server';

/** The whole audit chain, for anyone to verify (format: docs/audit-chain.md). */
export async function loader() {
  const entries = await readAuditLog(prisma());
  return Response.json(
    { data: entries, meta: { count: entries.length, head: entries.at(-1)?.hash ?? null, format: 'docs/audit-chain.md' } },
    { headers: { 'Cache-Control': 'no-cache', 'Access-Control-Allow-Origin': '*' } },
  );
}
