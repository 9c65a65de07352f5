/**
 * What the pre-approval pages read and do: the public timeline of an application (with the
 * council's and the agency's controls for those who may use them) and the agency's list and
 * application form. Routes stay thin: they call these with the database first. Every action
 * checks who asks here, on the server (app/auth/permissions.ts).
 */
import { z } from 'zod';
import { forbidden } from '~/auth/access.server';
import { actsForCouncilOf, canApplyFor, type Actor } from '~/auth/permissions';
import type { Db } from '~/db/prisma.server';
import type { Translate } from '~/i18n/i18n';
import { dateOnly, newYorkDate } from '~/reporting/calendar';
import { MODELS } from '~/registry/models';
import { formEntries, parseWith } from '~/utils/forms.server';
import { DECISIONS, isOpen, TRANSITIONS, type Action, type Step } from './application-stages';
import { addComment, applicationRecord, ApplicationRefusedError, hideComment, stepApplication, submitApplication } from './applications.server';
import { APPLICATION_ITEMS } from './items';

const actorOf = (actor: Actor) => ({ userId: actor.userId, label: `user:${actor.userId}` });

/** The public page of an application, with what the asking person may do on it. */
export async function applicationPage(db: Db, applicationId: number, actor: Actor | null) {
  const record = await applicationRecord(db, applicationId);
  if (!record) throw new Response('Not found', { status: 404 });
  const agency = await db.agency.findUniqueOrThrow({ where: { id: record.agencyId }, select: { id: true, jurisdictionId: true } });
  const council = actsForCouncilOf(actor, agency);
  const applicant = actor !== null && canApplyFor(actor, agency.id);
  const stage = record.stage;
  const allowed = (side: 'agency' | 'council') =>
    (Object.keys(TRANSITIONS) as Action[]).filter((action) => TRANSITIONS[action].side === side && TRANSITIONS[action].from.includes(stage));
  return {
    application: {
      id: record.id,
      model: record.model,
      stage,
      open: isOpen(stage),
      agency: record.agency,
      policy: { id: record.policy.id, title: record.policy.title, place: record.policy.jurisdiction },
      requiredItems: record.policy.requiredApplicationItems,
      items: APPLICATION_ITEMS.map((key) => ({ key, text: ((record.items ?? {}) as Record<string, string>)[key] ?? '' })),
      commentsOpenOn: record.commentsOpenOn ? dateOnly(record.commentsOpenOn) : null,
      commentsCloseOn: record.commentsCloseOn ? dateOnly(record.commentsCloseOn) : null,
      hearing: record.hearingAt ? { on: dateOnly(record.hearingAt), place: record.hearingPlace, minutes: record.hearingMinutes } : null,
      decision: record.decision
        ? { decision: record.decision, conditions: record.conditions, votesFor: record.votesFor, votesAgainst: record.votesAgainst, votesAbstaining: record.votesAbstaining, on: record.decidedOn ? dateOnly(record.decidedOn) : null }
        : null,
      events: record.events.map((event) => ({ id: event.id, from: event.fromStage, to: event.toStage, on: event.effectiveOn, details: event.details as Record<string, string | number | null> })),
      comments: record.comments.map((comment) => ({ ...comment, createdAt: comment.createdAt.toISOString() })),
    },
    councilActions: council ? allowed('council') : [],
    agencyActions: applicant ? allowed('agency') : [],
    canModerate: council,
  };
}

const optionalText = z.string().trim().max(20_000).optional();
const count = z.coerce.number().int().min(0).max(1000);

const PageForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('comment'), name: z.string().trim().max(200).optional(), body: z.string().trim().min(1, 'preapproval.comment.bodyRequired').max(5000, 'preapproval.comment.tooLong') }),
  z.object({ intent: z.literal('hide'), commentId: z.coerce.number().int().positive(), reason: z.string().trim().min(3, 'preapproval.problem.hideReasonRequired').max(2000) }),
  z.object({
    intent: z.literal('step'),
    action: z.enum(Object.keys(TRANSITIONS) as [Action, ...Action[]]),
    on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional().or(z.literal('').transform(() => undefined)),
    reason: optionalText,
    hearingOn: optionalText,
    place: optionalText,
    minutes: optionalText,
    decision: z.enum(DECISIONS).optional(),
    conditions: optionalText,
    votesFor: count.optional(),
    votesAgainst: count.optional(),
    votesAbstaining: count.optional(),
  }),
]);

export type PageResult = { ok: true; notice: 'commented' | 'hidden' | 'stepped' } | { ok: false; errors: Record<string, string>; values: Record<string, string> };

function stepOf(form: z.output<typeof PageForm> & { intent: 'step' }): Step {
  switch (form.action) {
    case 'return':
      return { action: 'return', reason: form.reason ?? '' };
    case 'holdHearing':
      return { action: 'holdHearing', hearingOn: form.hearingOn ?? '', place: form.place ?? '', minutes: form.minutes ?? '' };
    case 'decide':
      return {
        action: 'decide',
        decision: form.decision ?? ('' as never),
        conditions: form.conditions ?? null,
        votesFor: form.votesFor ?? -1,
        votesAgainst: form.votesAgainst ?? -1,
        votesAbstaining: form.votesAbstaining ?? 0,
      };
    case 'withdraw':
      return { action: 'withdraw', reason: form.reason ?? null };
    default:
      return { action: form.action } as Step;
  }
}

/** A post on the application's page: a resident's comment, the clerk's moderation, or a step. */
export async function applicationPageAction(db: Db, input: { applicationId: number; actor: Actor | null; form: FormData; ip: string | null; t: Translate }): Promise<PageResult> {
  const raw = formEntries(input.form);
  const values = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, typeof value === 'string' ? value : '']));
  // parseWith: control characters (a NUL would fail the insert, others would be stored) are refused as in every form.
  const parsed = parseWith(PageForm, values);
  if (!parsed.ok) {
    const errors = Object.fromEntries(Object.entries(parsed.errors).map(([field, key]) => [field, input.t(key, { max: 5000 })]));
    return { ok: false, errors, values };
  }
  const form = parsed.data;
  const application = await db.preapprovalApplication.findUnique({ where: { id: input.applicationId }, select: { agency: { select: { id: true, jurisdictionId: true } } } });
  if (!application) throw new Response('Not found', { status: 404 });
  try {
    if (form.intent === 'comment') {
      await addComment(db, { applicationId: input.applicationId, name: form.name, body: form.body, ip: input.ip });
      return { ok: true, notice: 'commented' };
    }
    // Moderation and steps: only the council's reviewers, or for the agency's steps its head.
    if (!input.actor) forbidden();
    if (form.intent === 'hide') {
      if (!actsForCouncilOf(input.actor, application.agency)) forbidden();
      const comment = await db.applicationComment.findUnique({ where: { id: form.commentId }, select: { applicationId: true } });
      if (comment?.applicationId !== input.applicationId) throw new Response('Not found', { status: 404 });
      await hideComment(db, { commentId: form.commentId, reason: form.reason, actor: actorOf(input.actor) });
      return { ok: true, notice: 'hidden' };
    }
    const side = TRANSITIONS[form.action].side;
    const may = side === 'council' ? actsForCouncilOf(input.actor, application.agency) : canApplyFor(input.actor, application.agency.id);
    if (!may) forbidden();
    await stepApplication(db, { applicationId: input.applicationId, step: stepOf(form), side, actor: actorOf(input.actor), on: form.on });
    return { ok: true, notice: 'stepped' };
  } catch (error) {
    if (!(error instanceof ApplicationRefusedError)) throw error;
    const errors: Record<string, string> = {};
    for (const problem of error.problems) errors[problem.field] = input.t(problem.key, problem.params);
    return { ok: false, errors, values };
  }
}

/** The agency's own applications, for its head; refused to anyone else. */
export async function agencyApplications(db: Db, actor: Actor, slug: string) {
  const agency = await db.agency.findUnique({ where: { slug }, select: { id: true, name: true, slug: true, jurisdictionId: true } });
  if (!agency || !canApplyFor(actor, agency.id)) forbidden();
  const policy = agency.jurisdictionId
    ? await db.policy.findFirst({
        where: { jurisdictionId: agency.jurisdictionId, kind: 'MUNICIPAL_PREAPPROVAL' },
        orderBy: [{ adoptedOn: 'desc' }, { id: 'desc' }],
        select: { id: true, title: true, requiredApplicationItems: true },
      })
    : null;
  const applications = await db.preapprovalApplication.findMany({ where: { agencyId: agency.id }, orderBy: { id: 'desc' }, select: { id: true, model: true, stage: true, createdAt: true } });
  return { agency, policy, applications: applications.map((one) => ({ ...one, createdAt: newYorkDate(one.createdAt) })) };
}

const NewApplication = z.object({
  model: z.enum(MODELS, 'preapproval.problem.modelRequired'),
  ...Object.fromEntries(APPLICATION_ITEMS.map((key) => [key, z.string().max(20_000, 'preapproval.problem.itemTooLong').optional()])),
});

/** Files the agency's application; the completeness review judges what is missing. */
export async function applyAction(db: Db, input: { actor: Actor; slug: string; form: FormData; t: Translate }) {
  const { agency } = await agencyApplications(db, input.actor, input.slug);
  const values = Object.fromEntries(Object.entries(formEntries(input.form)).map(([key, value]) => [key, typeof value === 'string' ? value : '']));
  const parsed = parseWith(NewApplication, values);
  if (!parsed.ok) {
    const errors = Object.fromEntries(Object.entries(parsed.errors).map(([field, key]) => [field, input.t(key, { max: 20_000 })]));
    return { ok: false as const, errors, values };
  }
  const { model, ...items } = parsed.data;
  try {
    const application = await submitApplication(db, { agencyId: agency.id, model, items, actor: actorOf(input.actor) });
    return { ok: true as const, id: application.id };
  } catch (error) {
    if (!(error instanceof ApplicationRefusedError)) throw error;
    return { ok: false as const, errors: Object.fromEntries(error.problems.map((problem) => [problem.field, input.t(problem.key, problem.params)])), values };
  }
}
