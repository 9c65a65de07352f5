/**
 * Notices of non-compliance (issue 15, point 3): a reviewer of the requirement's place makes a
 * PDF letter naming the policy, every period overdue without a report (a period under an
 * extension that has not run out is not missing) and the date to respond by; it is kept as made
 * (with its SHA-256), and its sending is recorded once, later. Public. Each step writes its audit
 * entry in the same transaction. Rules in follow-through.ts; permission checks in the *As functions.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Actor } from '~/auth/permissions';
import type { Db } from '~/db/prisma.server';
import { inTransaction } from '~/db/transaction.server';
import { LOCALES, type Locale } from '~/i18n/i18n';
import { idField } from '~/utils/forms.server';
import { appendAuditEntry } from './audit-log.server';
import { dateOnly, newYorkDate } from './calendar';
import { MAX_SENT_HOW_LENGTH, noticeProblems, noticeSentProblems, type FollowProblem } from './follow-through';
import { renderNoticePdf } from './notice-pdf.server';
import { refusalsOfAgency, unfiledPeriods, type UnfiledPeriod } from './refusals.server';
import { requirementAs } from './requirement-pages.server';

/** The periods a notice names: overdue without a report, and not under an extension still running. */
export async function missingPeriods(db: Db, requirementId: number, now: Date = new Date()): Promise<UnfiledPeriod[]> {
  const today = newYorkDate(now);
  const overdue = (await unfiledPeriods(db, requirementId, now)).filter((period) => period.status === 'overdue');
  if (overdue.length === 0) return [];
  const extensions = await db.filingExtension.findMany({
    where: { requirementId, periodKey: { in: overdue.map((period) => period.key) } },
    orderBy: { id: 'asc' },
    select: { periodKey: true, until: true },
  });
  // The latest grant for a period governs (extensions.server.ts).
  const until = new Map(extensions.map((extension) => [extension.periodKey, dateOnly(extension.until)]));
  return overdue.filter((period) => (until.get(period.key) ?? '') < today);
}

export type NoticeResult = { ok: true; id: number } | { ok: false; problems: FollowProblem[] };

/** Makes the letter and keeps it with its audit entry, or says what is wrong (nothing is written). */
export async function generateNotice(db: Db, input: { requirementId: number; respondBy: string; reviewerId: number; locale?: Locale; now?: Date }): Promise<NoticeResult> {
  const now = input.now ?? new Date();
  const today = newYorkDate(now);
  return inTransaction(db, async (tx) => {
    const missing = await missingPeriods(tx, input.requirementId, now);
    const problems = noticeProblems({ respondBy: input.respondBy, missing: missing.length }, today);
    if (problems.length > 0) return { ok: false, problems };
    const requirement = await tx.requirement.findUniqueOrThrow({
      where: { id: input.requirementId },
      select: {
        title: true,
        agencyId: true,
        agency: { select: { name: true, roles: { where: { role: 'HEAD' }, orderBy: { id: 'asc' }, select: { user: { select: { name: true } } } } } },
        policy: { select: { title: true, statute: true, adoptedOn: true, jurisdiction: { select: { name: true } } } },
      },
    });
    const reviewer = await tx.user.findUniqueOrThrow({ where: { id: input.reviewerId }, select: { name: true } });
    // The head by name when the agency has exactly one; otherwise "the head of the agency".
    const heads = requirement.agency.roles.map((role) => role.user.name);
    const pdf = await renderNoticePdf(
      {
        place: requirement.policy.jurisdiction.name,
        date: today,
        agency: { name: requirement.agency.name, head: heads.length === 1 ? heads[0] : null },
        policy: { title: requirement.policy.title, statute: requirement.policy.statute, adoptedOn: dateOnly(requirement.policy.adoptedOn) },
        requirement: { title: requirement.title },
        periods: missing,
        respondBy: input.respondBy,
        reviewer,
      },
      input.locale ?? 'en',
    );
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const periodKeys = missing.map((period) => period.key);
    const notice = await tx.complianceNotice.create({
      data: {
        requirementId: input.requirementId,
        agencyId: requirement.agencyId,
        periodKeys,
        respondBy: new Date(`${input.respondBy}T00:00:00Z`),
        pdf: new Uint8Array(pdf),
        sha256,
        generatedById: input.reviewerId,
        generatedAt: now,
      },
      select: { id: true },
    });
    await appendAuditEntry(tx, {
      kind: 'notice_generated',
      actor: `user:${input.reviewerId}`,
      subject: `requirement:${input.requirementId}`,
      data: { notice: notice.id, agency: requirement.agencyId, periods: periodKeys, respondBy: input.respondBy, sha256 },
    });
    return { ok: true, id: notice.id };
  });
}

/**
 * Records that a notice was sent: once. A second attempt is refused and says when and how it
 * was recorded; the update's own condition (sent_on is null) makes two at once record one.
 */
export async function recordNoticeSent(
  db: Db,
  input: { requirementId: number; noticeId: number; sentOn: string; sentHow: string; reviewerId: number; now?: Date },
): Promise<NoticeResult> {
  const now = input.now ?? new Date();
  const sentHow = input.sentHow.trim();
  return inTransaction(db, async (tx) => {
    const notice = await tx.complianceNotice.findFirst({ where: { id: input.noticeId, requirementId: input.requirementId }, select: { generatedAt: true, sentOn: true, sentHow: true } });
    if (!notice) return { ok: false, problems: [{ field: 'noticeId', key: 'notice.error.notFound' }] };
    const problems = noticeSentProblems({ sentOn: input.sentOn, sentHow: input.sentHow }, newYorkDate(notice.generatedAt), newYorkDate(now));
    if (problems.length > 0 && !notice.sentOn) return { ok: false, problems };
    const updated = notice.sentOn
      ? 0
      : await tx.$executeRaw`update compliance_notice set sent_on = ${input.sentOn}::date, sent_how = ${sentHow}, sent_recorded_at = ${now}
          where id = ${input.noticeId} and sent_on is null`;
    if (updated === 0) {
      const sent = notice.sentOn ? notice : await tx.complianceNotice.findUniqueOrThrow({ where: { id: input.noticeId }, select: { sentOn: true, sentHow: true } });
      return { ok: false, problems: [{ field: '_form', key: 'notice.error.alreadySent', params: { date: sent.sentOn ? dateOnly(sent.sentOn) : '', how: sent.sentHow ?? '' } }] };
    }
    await appendAuditEntry(tx, {
      kind: 'notice_sent',
      actor: `user:${input.reviewerId}`,
      subject: `requirement:${input.requirementId}`,
      data: { notice: input.noticeId, sentOn: input.sentOn, sentHow },
    });
    return { ok: true, id: input.noticeId };
  });
}

/** generateNotice from the requirement's page: only the reviewers of its policy's place (403 for anyone else). */
export async function generateNoticeAs(db: Db, actor: Actor, requirementId: number, input: { respondBy: string; locale: Locale }): Promise<NoticeResult> {
  const requirement = await requirementAs(db, actor, requirementId);
  return generateNotice(db, { ...input, requirementId: requirement.id, reviewerId: actor.userId });
}

/** recordNoticeSent from the requirement's page: only the reviewers of its policy's place; a notice of another requirement is not found. */
export async function recordNoticeSentAs(db: Db, actor: Actor, requirementId: number, input: { noticeId: number; sentOn: string; sentHow: string }): Promise<NoticeResult> {
  const requirement = await requirementAs(db, actor, requirementId);
  return recordNoticeSent(db, { ...input, requirementId: requirement.id, reviewerId: actor.userId });
}

/* ---------------------------------------------------------------------- */
/* Reading                                                                 */
/* ---------------------------------------------------------------------- */

export interface PublicNotice {
  id: number;
  requirementTitle: string;
  policyTitle: string;
  periodKeys: string[];
  respondBy: string;
  generatedOn: string;
  sentOn: string | null;
  sentHow: string | null;
  sha256: string;
}

/** Every notice made for an agency (or for one of its requirements), newest first: they are public. */
export async function noticesOfAgency(db: Db, agencyId: number, requirementId?: number): Promise<PublicNotice[]> {
  const rows = await db.complianceNotice.findMany({
    where: { agencyId, requirementId },
    orderBy: { id: 'desc' },
    select: {
      id: true,
      periodKeys: true,
      respondBy: true,
      generatedAt: true,
      sentOn: true,
      sentHow: true,
      sha256: true,
      requirement: { select: { title: true, policy: { select: { title: true } } } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    requirementTitle: row.requirement.title,
    policyTitle: row.requirement.policy.title,
    periodKeys: row.periodKeys,
    respondBy: dateOnly(row.respondBy),
    generatedOn: newYorkDate(row.generatedAt),
    sentOn: row.sentOn ? dateOnly(row.sentOn) : null,
    sentHow: row.sentHow,
    sha256: row.sha256,
  }));
}

/** A notice's letter, if the notice is this agency's; null otherwise. */
export async function readNoticePdf(db: Db, agencySlug: string, noticeId: number) {
  return db.complianceNotice.findFirst({ where: { id: noticeId, agency: { slug: agencySlug } }, select: { id: true, pdf: true, sha256: true } });
}

/* ---------------------------------------------------------------------- */
/* The forms                                                               */
/* ---------------------------------------------------------------------- */

export const NoticeForm = z.object({
  intent: z.literal('notice'),
  respondBy: z.string().trim().max(10, 'followThrough.error.date'),
  language: z.enum(LOCALES, { message: 'form.invalid' }),
});

export const NoticeSentForm = z.object({
  intent: z.literal('notice_sent'),
  noticeId: idField(),
  sentOn: z.string().trim().max(10, 'followThrough.error.date'),
  sentHow: z.string().max(MAX_SENT_HOW_LENGTH * 2, 'followThrough.error.tooLong'),
});

/** What the requirement's page shows of its follow-through: the periods a refusal may name, those a notice would, the refusals recorded and the notices made. */
export async function followThroughOfRequirement(db: Db, requirementId: number, now: Date = new Date()) {
  const requirement = await db.requirement.findUniqueOrThrow({ where: { id: requirementId }, select: { agencyId: true } });
  const [unfiled, missing, refusals, notices] = await Promise.all([
    unfiledPeriods(db, requirementId, now),
    missingPeriods(db, requirementId, now),
    refusalsOfAgency(db, requirement.agencyId, requirementId),
    noticesOfAgency(db, requirement.agencyId, requirementId),
  ]);
  return { unfiled, missing, refusals, notices };
}
