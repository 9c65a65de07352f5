/**
 * Pre-approval applications in the database: a police department applies to its council under
 * the town's pre-approval policy, the council moves it through the stages of
 * application-stages.ts, residents comment during the public notice. Each step is one
 * transaction that updates the application, appends a dated stage row and an audit-chain entry,
 * as filings do. Nothing is deleted (triggers refuse it): a hidden comment keeps its text and
 * gains the reason. Permission checks are the caller's.
 *
 * The draft MOA is an application item like the others, a link or its text: attachments belong
 * to filings (attachments.server.ts seals them into revisions), so they are not reused here.
 */
import crypto from 'node:crypto';
import { addressBucket, windowLimit } from '~/auth/throttle';
import type { Db } from '~/db/prisma.server';
import { inTransaction } from '~/db/transaction.server';
import type { AgreementModel } from '~/generated/prisma/enums';
import type { Message } from '~/i18n/message';
import { translator, type Translate } from '~/i18n/i18n';
import { atomXml, type AtomEntry } from '~/open-data/atom';
import { appendAuditEntries, type NewAuditEntry } from '~/reporting/audit-log.server';
import { dateOnly, newYorkDate } from '~/reporting/calendar';
import { MODELS } from '~/registry/models';
import { commentRefusal, takeStep, type Side, type Stage, type Step } from './application-stages';
import { APPLICATION_ITEMS, DEFAULT_COMMENT_PERIOD_DAYS, type ApplicationItem } from './items';

export type ApplicationProblem = Message & { field: string };

/** A step or comment the service will not record; nothing was written. */
export class ApplicationRefusedError extends Error {
  constructor(readonly problems: ApplicationProblem[]) {
    const english = translator('en');
    super(problems.map((problem) => `${problem.field}: ${english(problem.key, problem.params)}`).join('\n'));
    this.name = 'ApplicationRefusedError';
  }
}

const refuse = (field: string, key: Message['key'], params?: Message['params']) => new ApplicationRefusedError([{ field, key, ...(params ? { params } : {}) }]);

/** Who acts: a user (or the system), named in the audit chain as filings name theirs. */
export interface Actor {
  userId: number | null;
  /** e.g. "user:12". */
  label: string;
}

export const MAX_ITEM_LENGTH = 20_000;
export const MAX_COMMENT_LENGTH = 5_000;
/** Comments let through per address bucket (IPv4 address, IPv6 /64) and window. */
export const COMMENT_LIMIT = { max: 5, windowMs: 60 * 60 * 1000 };

const sha256 = (text: string) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

/** Items as typed, trimmed, unknown keys dropped; too long refused. */
function cleanItems(items: Partial<Record<string, unknown>>): Record<ApplicationItem, string> {
  const clean = {} as Record<ApplicationItem, string>;
  const problems: ApplicationProblem[] = [];
  for (const key of APPLICATION_ITEMS) {
    const value = typeof items[key] === 'string' ? (items[key] as string).trim() : '';
    if (value.length > MAX_ITEM_LENGTH) problems.push({ field: `items.${key}`, key: 'preapproval.problem.itemTooLong', params: { max: MAX_ITEM_LENGTH } });
    clean[key] = value;
  }
  if (problems.length) throw new ApplicationRefusedError(problems);
  return clean;
}

/** The audit entry of a stage: what moved, when, and a hash of the items at that point. */
function stageEntry(applicationId: number, actor: Actor, data: Record<string, unknown>): NewAuditEntry {
  return { kind: 'preapproval_stage', actor: actor.label, subject: `preapproval-application:${applicationId}`, data };
}

const dayValue = (day: string) => new Date(`${day}T00:00:00Z`);

/**
 * Files an application under the town's pre-approval policy: the agency's own jurisdiction's
 * latest MUNICIPAL_PREAPPROVAL policy. Incomplete items are accepted here; the completeness
 * review returns them.
 */
export async function submitApplication(db: Db, input: { agencyId: number; model: string; items: Partial<Record<string, unknown>>; actor: Actor; now?: Date }) {
  if (!(MODELS as readonly string[]).includes(input.model)) throw refuse('model', 'preapproval.problem.modelRequired');
  const items = cleanItems({ ...input.items, modelSought: input.items.modelSought ?? input.model });
  const now = input.now ?? new Date();
  return inTransaction(db, async (tx) => {
    const agency = await tx.agency.findUnique({ where: { id: input.agencyId }, select: { id: true, name: true, jurisdictionId: true } });
    if (!agency) throw refuse('agencyId', 'preapproval.problem.noSuchApplication');
    const policy = agency.jurisdictionId
      ? await tx.policy.findFirst({ where: { jurisdictionId: agency.jurisdictionId, kind: 'MUNICIPAL_PREAPPROVAL' }, orderBy: [{ adoptedOn: 'desc' }, { id: 'desc' }], select: { id: true } })
      : null;
    if (!policy) throw refuse('agencyId', 'preapproval.problem.noPreapprovalPolicy', { agency: agency.name });
    const application = await tx.preapprovalApplication.create({
      data: { policyId: policy.id, agencyId: agency.id, model: input.model as AgreementModel, stage: 'SUBMITTED', items, createdById: input.actor.userId, createdAt: now },
    });
    const on = newYorkDate(now);
    await tx.applicationEvent.create({ data: { applicationId: application.id, fromStage: null, toStage: 'SUBMITTED', effectiveOn: dayValue(on), actor: input.actor.label, at: now } });
    await appendAuditEntries(tx, [
      stageEntry(application.id, input.actor, { to: 'SUBMITTED', on, agencyId: agency.id, policyId: policy.id, model: input.model, itemsSha256: sha256(JSON.stringify(items)) }),
    ]);
    return application;
  });
}

/**
 * Takes one step (application-stages.ts decides whether it may be taken, by whom, and what it
 * changes). `on` is the day it takes effect, today in New York unless the council dates it.
 * A resubmission carries the agency's revised items.
 */
export async function stepApplication(
  db: Db,
  input: { applicationId: number; step: Step; side: Side; actor: Actor; on?: string; items?: Partial<Record<string, unknown>>; now?: Date },
) {
  const now = input.now ?? new Date();
  const on = input.on ?? newYorkDate(now);
  const revisedItems = input.step.action === 'resubmit' && input.items ? cleanItems(input.items) : null;
  return inTransaction(db, async (tx) => {
    // One step at a time per application: the stage read is the stage moved from.
    const locked = await tx.$queryRaw<{ id: number }[]>`select id from preapproval_application where id = ${input.applicationId} for update`;
    if (locked.length === 0) throw refuse('applicationId', 'preapproval.problem.noSuchApplication');
    const application = await tx.preapprovalApplication.findUniqueOrThrow({
      where: { id: input.applicationId },
      include: { policy: { select: { requiredApplicationItems: true, commentPeriodDays: true } } },
    });
    const items = (revisedItems ?? application.items) as Record<string, string>;
    const outcome = takeStep(
      {
        stage: application.stage,
        items,
        requiredItems: application.policy.requiredApplicationItems,
        commentPeriodDays: application.policy.commentPeriodDays ?? DEFAULT_COMMENT_PERIOD_DAYS,
        commentsCloseOn: application.commentsCloseOn ? dateOnly(application.commentsCloseOn) : null,
      },
      input.step,
      input.side,
      on,
    );
    if (!outcome.ok) throw new ApplicationRefusedError(outcome.problems);
    const { changes } = outcome;
    const updated = await tx.preapprovalApplication.update({
      where: { id: application.id },
      data: {
        stage: outcome.to,
        ...(revisedItems ? { items: revisedItems } : {}),
        ...(changes.commentsOpenOn ? { commentsOpenOn: dayValue(changes.commentsOpenOn), commentsCloseOn: dayValue(changes.commentsCloseOn!) } : {}),
        ...(changes.hearingOn ? { hearingAt: dayValue(changes.hearingOn), hearingPlace: changes.hearingPlace, hearingMinutes: changes.hearingMinutes } : {}),
        ...(changes.decision
          ? {
              decision: changes.decision,
              conditions: changes.conditions ?? null,
              votesFor: changes.votesFor,
              votesAgainst: changes.votesAgainst,
              votesAbstaining: changes.votesAbstaining,
              decidedOn: dayValue(changes.decidedOn!),
            }
          : {}),
      },
    });
    const details: Record<string, string | number | null> = { ...changes };
    if ('reason' in input.step && input.step.reason) details.reason = input.step.reason.trim();
    if (revisedItems) details.itemsSha256 = sha256(JSON.stringify(revisedItems));
    await tx.applicationEvent.create({
      data: { applicationId: application.id, fromStage: outcome.from, toStage: outcome.to, effectiveOn: dayValue(on), actor: input.actor.label, details, at: now },
    });
    await appendAuditEntries(tx, [stageEntry(application.id, input.actor, { from: outcome.from, to: outcome.to, on, ...details })]);
    return updated;
  });
}

/**
 * A resident's comment during the comment period: name optional, rate-limited by address
 * bucket (hashed: no address is stored), refused with a message after the period closes.
 */
export async function addComment(db: Db, input: { applicationId: number; name?: string | null; body: string; ip: string | null; now?: Date }) {
  const now = input.now ?? new Date();
  const body = (input.body ?? '').trim();
  const name = (input.name ?? '').trim() || null;
  if (!body) throw refuse('body', 'preapproval.comment.bodyRequired');
  if (body.length > MAX_COMMENT_LENGTH || (name?.length ?? 0) > 200) throw refuse('body', 'preapproval.comment.tooLong', { max: MAX_COMMENT_LENGTH });
  return inTransaction(db, async (tx) => {
    const application = await tx.preapprovalApplication.findUnique({ where: { id: input.applicationId }, select: { id: true, stage: true, commentsCloseOn: true } });
    if (!application) throw refuse('applicationId', 'preapproval.problem.noSuchApplication');
    const refusal = commentRefusal(application.stage, application.commentsCloseOn ? dateOnly(application.commentsCloseOn) : null, newYorkDate(now));
    if (refusal) throw new ApplicationRefusedError([{ field: 'body', ...refusal }]);

    const key = `comment:${sha256(addressBucket(input.ip) ?? 'unknown')}`;
    await tx.$executeRaw`select pg_advisory_xact_lock(${crypto.createHash('sha256').update(key).digest().readInt32BE(0)})`;
    const since = new Date(now.getTime() - COMMENT_LIMIT.windowMs);
    await tx.commentAttempt.deleteMany({ where: { createdAt: { lt: since } } });
    const attempts = await tx.commentAttempt.findMany({ where: { key, createdAt: { gt: since } }, select: { createdAt: true } });
    const decision = windowLimit(
      attempts.map((attempt) => attempt.createdAt),
      now,
      COMMENT_LIMIT.max,
      COMMENT_LIMIT.windowMs,
    );
    if (!decision.allowed) throw refuse('body', 'preapproval.comment.tooMany', { minutes: Math.ceil(decision.retryAfterSeconds / 60) });
    await tx.commentAttempt.create({ data: { key, createdAt: now } });

    const comment = await tx.applicationComment.create({ data: { applicationId: application.id, name, body, createdAt: now } });
    await appendAuditEntries(tx, [
      {
        kind: 'preapproval_comment',
        actor: null,
        subject: `preapproval-application:${application.id}`,
        data: { commentId: comment.id, named: name !== null, bodySha256: sha256(body), at: now.toISOString() },
      },
    ]);
    return comment;
  });
}

/** The clerk hides a comment from public view: its text stays in the record, with the reason. */
export async function hideComment(db: Db, input: { commentId: number; reason: string; actor: Actor; now?: Date }) {
  const reason = (input.reason ?? '').trim();
  if (reason.length < 3) throw refuse('reason', 'preapproval.problem.hideReasonRequired');
  const now = input.now ?? new Date();
  return inTransaction(db, async (tx) => {
    const comment = await tx.applicationComment.findUnique({ where: { id: input.commentId }, select: { id: true, applicationId: true, hiddenAt: true } });
    if (!comment) throw refuse('commentId', 'preapproval.problem.noSuchComment');
    if (comment.hiddenAt) return tx.applicationComment.findUniqueOrThrow({ where: { id: comment.id } });
    const hidden = await tx.applicationComment.update({ where: { id: comment.id }, data: { hiddenAt: now, hiddenReason: reason, hiddenById: input.actor.userId } });
    await appendAuditEntries(tx, [
      { kind: 'preapproval_comment_hidden', actor: input.actor.label, subject: `preapproval-application:${comment.applicationId}`, data: { commentId: comment.id, reason } },
    ]);
    return hidden;
  });
}

/**
 * The public record of an application: its items, every stage with its date, and the comments,
 * a hidden one shown by its reason instead of its text.
 */
export async function applicationRecord(db: Db, applicationId: number) {
  const application = await db.preapprovalApplication.findUnique({
    where: { id: applicationId },
    include: {
      agency: { select: { id: true, name: true, slug: true } },
      policy: { select: { id: true, title: true, requiredApplicationItems: true, jurisdiction: { select: { name: true, slug: true, stateCode: true } } } },
      events: { orderBy: { id: 'asc' } },
      comments: { orderBy: { id: 'asc' } },
    },
  });
  if (!application) return null;
  return {
    ...application,
    events: application.events.map((event) => ({ ...event, effectiveOn: dateOnly(event.effectiveOn) })),
    comments: application.comments.map((comment) =>
      comment.hiddenAt
        ? { id: comment.id, createdAt: comment.createdAt, hidden: true as const, hiddenReason: comment.hiddenReason, name: null, body: null }
        : { id: comment.id, createdAt: comment.createdAt, hidden: false as const, hiddenReason: null, name: comment.name, body: comment.body },
    ),
  };
}

const TAG = 'tag:oversight-portal,2025';

/** One Atom entry per stage of the application, newest first. */
export async function applicationFeedEntries(db: Db, applicationId: number, origin: string, t: Translate): Promise<AtomEntry[]> {
  const application = await db.preapprovalApplication.findUnique({
    where: { id: applicationId },
    select: { id: true, model: true, agency: { select: { name: true } }, events: { orderBy: { id: 'desc' } } },
  });
  if (!application) return [];
  return application.events.map((event) => ({
    id: `${TAG}:preapproval-stage/${event.id}`,
    title: t('preapproval.feed.entry', { agency: application.agency.name, stage: t(`preapproval.stage.${event.toStage as Stage}`) }),
    updated: event.at.toISOString(),
    link: `${origin}/preapproval/applications/${application.id}`,
    summary: t('preapproval.feed.summary', { date: dateOnly(event.effectiveOn), model: t(`model.${application.model}`) }),
  }));
}

/** The application's own Atom feed. */
export async function applicationFeedXml(db: Db, applicationId: number, input: { origin: string; t: Translate; lang: string }): Promise<string | null> {
  const application = await db.preapprovalApplication.findUnique({ where: { id: applicationId }, select: { agency: { select: { name: true } } } });
  if (!application) return null;
  const entries = await applicationFeedEntries(db, applicationId, input.origin, input.t);
  const page = `${input.origin}/preapproval/applications/${applicationId}`;
  return atomXml({
    id: `${TAG}:feed/preapproval-application/${applicationId}`,
    title: input.t('preapproval.feed.title', { agency: application.agency.name }),
    self: `${page}/feed`,
    alternate: page,
    updated: entries[0]?.updated ?? '2025-01-01T00:00:00.000Z',
    author: input.t('site.name'),
    entries,
    lang: input.lang,
  });
}

/** The agency's applications, newest first, for its public page (links to each timeline). */
export async function applicationsOfAgencySlug(db: Db, slug: string) {
  const rows = await db.preapprovalApplication.findMany({
    where: { agency: { slug } },
    orderBy: { id: 'desc' },
    select: { id: true, model: true, stage: true, decision: true, createdAt: true },
  });
  return rows.map((row) => ({ ...row, createdAt: newYorkDate(row.createdAt) }));
}
