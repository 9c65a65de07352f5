/**
 * Extensions of a locked period's deadline (issue 15, point 2): a reviewer grants one agency's
 * requirement a new last day for one period, with a reason. Append-only: a later grant
 * replaces an earlier one for filing (the latest governs) but both stay, and all are public.
 * Permission checks are the caller's.
 */
import { z } from 'zod';
import type { Actor } from '~/auth/permissions';
import type { Db } from '~/db/prisma.server';
import { inTransaction } from '~/db/transaction.server';
import { appendAuditEntry } from './audit-log.server';
import { dateOnly, isCalendarDate, newYorkDate } from './calendar';
import { filingMessage, type FilingMessage } from './filing-messages';
import { FilingRefusedError, planFiling, refuse } from './filings.server';
import { requirementAs } from './requirement-pages.server';

export const MIN_EXTENSION_REASON_LENGTH = 10;

export interface ExtensionInput {
  requirementId: number;
  periodKey: string;
  /** The new last day for filing, YYYY-MM-DD (New York), inclusive. */
  until: string;
  reason: string;
  reviewerId: number;
  now?: Date;
}

/** Records the extension and its audit entry in one transaction; refuses (FilingRefusedError) a period the requirement does not expect. */
export async function grantExtension(db: Db, input: ExtensionInput) {
  const reason = input.reason.trim();
  const problems: { fields: string[]; message: FilingMessage }[] = [];
  if (!isCalendarDate(input.until)) problems.push({ fields: ['until'], message: filingMessage('extension_date_invalid') });
  if ([...reason].length < MIN_EXTENSION_REASON_LENGTH) {
    problems.push({ fields: ['reason'], message: filingMessage('extension_reason_required', { min: MIN_EXTENSION_REASON_LENGTH }) });
  }
  if (problems.length > 0) throw new FilingRefusedError(problems.flatMap(({ fields, message }) => refuse(fields, message).issues));
  const now = input.now ?? new Date();
  return inTransaction(db, async (tx) => {
    // The period must be one the requirement asks for (or already opened): refuses otherwise.
    await planFiling(tx, { requirementId: input.requirementId, periodKey: input.periodKey, now });
    const extension = await tx.filingExtension.create({
      data: {
        requirementId: input.requirementId,
        periodKey: input.periodKey,
        until: new Date(`${input.until}T00:00:00Z`),
        reason,
        grantedById: input.reviewerId,
        grantedAt: now,
      },
    });
    await appendAuditEntry(tx, {
      kind: 'extension_granted',
      actor: `user:${input.reviewerId}`,
      subject: `requirement:${input.requirementId}`,
      data: { period: input.periodKey, until: input.until, reason },
    });
    return extension;
  });
}

/** What the reviewer must fix, by field, as codes for the page to word. */
export type ExtensionActionResult = { outcome: 'granted' } | { outcome: 'refused'; errors: Record<string, FilingMessage> };

/** Grants an extension from the requirement's page: only the reviewers of its policy's place (403 for anyone else). */
export async function grantExtensionAs(
  db: Db,
  actor: Actor,
  requirementId: number,
  input: Pick<ExtensionInput, 'periodKey' | 'until' | 'reason'>,
  now: Date = new Date(),
): Promise<ExtensionActionResult> {
  const requirement = await requirementAs(db, actor, requirementId);
  try {
    await grantExtension(db, { ...input, requirementId: requirement.id, reviewerId: actor.userId, now });
    return { outcome: 'granted' };
  } catch (error) {
    if (!(error instanceof FilingRefusedError)) throw error;
    const errors: Record<string, FilingMessage> = {};
    // planFiling's refusals name periodKey or requirementId: both are the period field here.
    for (const issue of error.issues) errors[issue.fields[0] === 'requirementId' ? 'periodKey' : (issue.fields[0] ?? 'periodKey')] ??= issue.message;
    return { outcome: 'refused', errors };
  }
}

export interface PublicExtension {
  requirementTitle: string;
  periodKey: string;
  until: string;
  reason: string;
  grantedOn: string;
}

/** Every extension granted to an agency, newest first: they are public. */
export async function extensionsOfAgency(db: Db, agencyId: number): Promise<PublicExtension[]> {
  const rows = await db.filingExtension.findMany({
    where: { requirement: { agencyId } },
    orderBy: { id: 'desc' },
    select: { periodKey: true, until: true, reason: true, grantedAt: true, requirement: { select: { title: true } } },
  });
  return rows.map((row) => ({
    requirementTitle: row.requirement.title,
    periodKey: row.periodKey,
    until: dateOnly(row.until),
    reason: row.reason,
    grantedOn: newYorkDate(row.grantedAt),
  }));
}

/** The extension form: text as typed (the service checks the date and the reason, and says why in its codes). */
export const ExtensionForm = z.object({
  intent: z.literal('extend'),
  periodKey: z.string().trim().max(20, 'form.invalid'),
  until: z.string().trim().max(10, 'form.invalid'),
  reason: z.string().max(2000, 'form.invalid'),
});
