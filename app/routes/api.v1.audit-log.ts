import { prisma } from '~/db/prisma.server';
import { auditLogExport } from '~/reporting/audit-log.server';

/**
 * The whole audit chain, for anyone to verify (format: docs/audit-chain.md). Streamed batch by
 * batch: the chain grows without bound and must not be held in memory; `meta` comes last.
 */
export async function loader() {
  return new Response(auditLogExport(prisma()), {
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-cache', 'Access-Control-Allow-Origin': '*' },
  });
}
