/**
 * Documents attached to filings, kept in the database so every app instance serves them.
 * While a filing is a draft its attachments may be removed; a submission seals them into
 * its revision (a trigger then refuses any change) and records each in the audit chain.
 */
import type { Db } from '~/db/prisma.server';
import { appendAuditEntry } from './audit-log.server';

/**
 * Seals the draft's attachments into a revision being submitted: sets their revision number
 * and appends an 'attachment' audit entry for each. Call inside the submission's transaction.
 */
export async function sealDraftAttachments(tx: Db, input: { filingId: number; revisionNumber: number; actor: string }) {
  const drafts = await tx.attachment.findMany({
    where: { filingId: input.filingId, revisionNumber: null },
    orderBy: { id: 'asc' },
    select: { id: true, fileName: true, mediaType: true, size: true, sha256: true },
  });
  for (const attachment of drafts) {
    await tx.attachment.update({ where: { id: attachment.id }, data: { revisionNumber: input.revisionNumber } });
    await appendAuditEntry(tx, {
      kind: 'attachment',
      actor: input.actor,
      subject: `filing:${input.filingId}`,
      data: {
        revision: input.revisionNumber,
        attachmentId: attachment.id,
        fileName: attachment.fileName,
        mediaType: attachment.mediaType,
        size: attachment.size,
        sha256: attachment.sha256,
      },
    });
  }
  return drafts.length;
}
