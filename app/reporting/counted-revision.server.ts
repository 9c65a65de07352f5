/**
 * Keeps filing.counted_revision_id in step with the rule in counting.ts, so public totals are
 * summed in the database (see dashboards) without repeating the rule in SQL.
 */
import type { Db } from '~/db/prisma.server';
import { countedRevisionNumber } from './counting';

/** Stores which revision counts now. Call in the transaction that wrote a revision or review. */
export async function recountFiling(tx: Db, filingId: number): Promise<number | null> {
  const revisions = await tx.filingRevision.findMany({ where: { filingId }, select: { id: true, number: true } });
  const reviews = await tx.filingReview.findMany({ where: { filingId }, select: { revisionNumber: true, decision: true, at: true } });
  const number = countedRevisionNumber(revisions.map((revision) => revision.number), reviews);
  const countedRevisionId = revisions.find((revision) => revision.number === number)?.id ?? null;
  await tx.filing.update({ where: { id: filingId }, data: { countedRevisionId } });
  return number;
}
