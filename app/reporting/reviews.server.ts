/**
 * Reviewers' decisions on submitted revisions: accept, or return with what to fix (the fix is
 * a new revision). Each decision is audited and moves the filing's counted revision.
 * Permission checks are the caller's.
 */
import type { Db } from '~/db/prisma.server';
import { appendAuditEntry } from './audit-log.server';
import { recountFiling } from './counted-revision.server';
import { filingMessage } from './filing-messages';
import { refuse } from './filings.server';
import { inTransaction } from '~/db/transaction.server';

export const MIN_RETURN_NOTE_LENGTH = 10;

export interface ReviewInput {
  filingId: number;
  /** The revision the reviewer read: a decision on an outdated revision is refused. */
  revisionNumber: number;
  decision: 'ACCEPTED' | 'RETURNED';
  note?: string | null;
  reviewerId: number;
  now?: Date;
}

/** Records a decision on the newest revision, with its audit entry, in one transaction. */
export async function reviewFiling(db: Db, input: ReviewInput) {
  const note = (input.note ?? '').trim();
  if (input.decision === 'RETURNED' && [...note].length < MIN_RETURN_NOTE_LENGTH) {
    throw refuse(['note'], filingMessage('review_note_required', { min: MIN_RETURN_NOTE_LENGTH }));
  }
  return inTransaction(db, async (tx) => {
    const locked = await tx.$queryRaw<{ id: number }[]>`select id from filing where id = ${input.filingId} for update`;
    if (locked.length === 0) throw refuse(['filingId'], filingMessage('filing_not_found'));
    const newest = await tx.filingRevision.findFirst({ where: { filingId: input.filingId }, orderBy: { number: 'desc' }, select: { number: true } });
    if (!newest) throw refuse(['revisionNumber'], filingMessage('review_nothing_submitted'));
    if (newest.number !== input.revisionNumber) {
      throw refuse(['revisionNumber'], filingMessage('review_revision_outdated', { newest: newest.number }));
    }
    const review = await tx.filingReview.create({
      data: {
        filingId: input.filingId,
        revisionNumber: newest.number,
        decision: input.decision,
        note: note === '' ? null : note,
        reviewerId: input.reviewerId,
        at: input.now ?? new Date(),
      },
    });
    await appendAuditEntry(tx, {
      kind: input.decision === 'ACCEPTED' ? 'review_accepted' : 'review_returned',
      actor: `user:${input.reviewerId}`,
      subject: `filing:${input.filingId}`,
      data: { revision: newest.number, note: review.note },
    });
    await recountFiling(tx, input.filingId);
    return review;
  });
}
