/**
 * Reporting policies and their requirements: a county board or town council adopts a policy,
 * each requirement says what one agency reports, and its rules change only by new versions
 * (the calendar decides which version governs which period). Permission checks are the caller's.
 */
import { z } from 'zod';
import { MAX_ID } from '~/utils/route-params';
import type { Db } from '~/db/prisma.server';
import { inTransaction } from '~/db/transaction.server';
import { isMessageKey, translator, type MessageKey } from '~/i18n/i18n';
import { MODELS, type Model } from '~/registry/models';
import { APPLICATION_ITEMS, isApplicationItem } from '~/preapproval/items';
import { metricKeyMessages } from './filing-checks';
import { dateOnly, isCalendarDate } from './calendar';
import { METRIC_CATALOGUE_VERSION } from './metrics';
import { describePolicyMessage, type PolicyProblem } from './policy-messages';

/** A problem in English: what the command line and the tests read. */
export interface PolicyIssue {
  /** The input field, e.g. 'title' or 'requirements.0.metricKeys'. */
  field: string;
  message: string;
}

function inEnglish(problems: PolicyProblem[]): PolicyIssue[] {
  const english = translator('en');
  return problems.map((problem) => ({ field: problem.field, message: describePolicyMessage(english, problem) }));
}

/**
 * Input the policy service will not store. `problems` name the fields with message keys, for
 * pages to say in the reader's language; `issues` are the same in English.
 */
export class PolicyRefusedError extends Error {
  constructor(readonly problems: PolicyProblem[]) {
    super(
      inEnglish(problems)
        .map((issue) => `${issue.field}: ${issue.message}`)
        .join('\n'),
    );
    this.name = 'PolicyRefusedError';
  }

  get issues(): PolicyIssue[] {
    return inEnglish(this.problems);
  }
}

const text = (key: MessageKey) => z.string(key).trim().min(1, key);
const day = (required: MessageKey, invalid: MessageKey) => z.string(required).refine(isCalendarDate, invalid);
// At most PostgreSQL's integer: a larger id would make the query fail, not just find nothing.
const id = (key: MessageKey) => z.number(key).max(MAX_ID, key).int(key).positive(key);

const rulesShape = {
  effectiveFrom: day('policyProblem.effectiveFromRequired', 'policyProblem.effectiveFromInvalid'),
  frequency: z.enum(['MONTHLY', 'QUARTERLY', 'ANNUAL'], 'policyProblem.frequencyRequired'),
  // A year and a day at most: beyond that a report could fall due after the next one.
  dueDaysAfterEnd: z
    .number('policyProblem.dueDaysRequired')
    .int('policyProblem.dueDaysWhole')
    .min(0, 'policyProblem.dueDaysNegative')
    .max(366, 'policyProblem.dueDaysTooMany'),
  acceptsLate: z.boolean('policyProblem.acceptsLateRequired'),
  // Days after the due date a period locks (locks.ts); left out or null, it never locks.
  lockDaysAfterDue: z
    .number('policyProblem.dueDaysWhole')
    .int('policyProblem.dueDaysWhole')
    .min(0, 'policyProblem.dueDaysNegative')
    .max(366, 'policyProblem.dueDaysTooMany')
    .nullable()
    .optional(),
  metricKeys: z.array(z.string(), 'policyProblem.metricsRequired'),
};

const requirementSchema = z.object({ agencyId: id('policyProblem.agencyRequired'), title: text('policyProblem.requirementTitleRequired'), ...rulesShape });

export const policyInputSchema = z.object({
  jurisdictionId: id('policyProblem.placeRequired'),
  kind: z.enum(['COUNTY_REPORTING', 'MUNICIPAL_PREAPPROVAL', 'MUNICIPAL_REPORTING'], 'policyProblem.kindRequired'),
  title: text('policyProblem.titleRequired'),
  statute: text('policyProblem.statuteRequired'),
  adoptedOn: day('policyProblem.adoptedOnRequired', 'policyProblem.adoptedOnInvalid'),
  resolutionText: z.string().trim().optional().nullable(),
  oathText: text('policyProblem.oathRequired'),
  createdById: z.number().int().positive().optional().nullable(),
  // A pre-approval policy (G.S. 160A-281) binds a town whose department has no agreement: it may
  // require no report at all. Every other kind requires at least one (checked below).
  requirements: z.array(requirementSchema, 'policyProblem.requirementsRequired'),
  /** Pre-approval: the application items required (keys of app/preapproval/items.ts); left out: all. */
  requiredApplicationItems: z.array(z.string().refine(isApplicationItem, 'preapproval.problem.itemUnknown')).optional(),
  /** Pre-approval: days residents may comment once the public notice is given. */
  commentPeriodDays: z.number('preapproval.problem.commentDaysWhole').int('preapproval.problem.commentDaysWhole').min(1, 'preapproval.problem.commentDaysRange').max(365, 'preapproval.problem.commentDaysRange').optional().nullable(),
}).superRefine((policy, ctx) => {
  if (policy.kind !== 'MUNICIPAL_PREAPPROVAL' && policy.requirements.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['requirements'], message: 'policyProblem.requirementsEmpty' });
  }
});
export type PolicyInput = z.input<typeof policyInputSchema>;

export const amendmentInputSchema = z.object({ requirementId: id('policyProblem.requirementRequired'), ...rulesShape });
export type AmendmentInput = z.input<typeof amendmentInputSchema>;

function parseOrRefuse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  // A check without a key of its own (a caller's type error, such as createdById) reads as form.invalid.
  throw new PolicyRefusedError(
    parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || 'input', key: isMessageKey(issue.message) ? issue.message : 'form.invalid' })),
  );
}

/**
 * The models whose metrics a requirement of the agency may ask for: those of its active or
 * pending agreements. An agency with no such agreement may be bound before it has one (a town's
 * policy for a department without an agreement, a county's before its sheriff signs): any
 * model's metrics are accepted then, since nobody knows yet which model it will enter, and its
 * reports are expected only from the day an agreement starts (the calendar's active ranges).
 */
async function agencyModels(db: Db, agencyId: number): Promise<Model[]> {
  const rows = await db.agreement.findMany({ where: { agencyId, status: { in: ['ACTIVE', 'PENDING'] } }, select: { model: true } });
  return rows.length > 0 ? [...new Set(rows.map((row) => row.model))] : [...MODELS];
}

/** Creates a policy with its requirements and each requirement's first version. */
export async function createPolicy(db: Db, input: PolicyInput) {
  const data = parseOrRefuse(policyInputSchema, input);
  return inTransaction(db, async (tx) => {
    const problems: PolicyProblem[] = [];
    const place = await tx.jurisdiction.findUnique({ where: { id: data.jurisdictionId }, select: { id: true } });
    if (!place) problems.push({ field: 'jurisdictionId', key: 'policyProblem.noSuchPlace' });

    for (const [i, requirement] of data.requirements.entries()) {
      const agency = await tx.agency.findUnique({ where: { id: requirement.agencyId }, select: { name: true, jurisdictionId: true } });
      if (!agency) {
        problems.push({ field: `requirements.${i}.agencyId`, key: 'policyProblem.noSuchAgency' });
        continue;
      }
      // A board or council sets policy only for agencies based in its own county or town.
      if (agency.jurisdictionId !== data.jurisdictionId) {
        problems.push({ field: `requirements.${i}.agencyId`, key: 'policyProblem.agencyElsewhere', params: { agency: agency.name } });
      }
      for (const message of metricKeyMessages(requirement.metricKeys, await agencyModels(tx, requirement.agencyId), agency.name, METRIC_CATALOGUE_VERSION)) {
        problems.push({ field: `requirements.${i}.metricKeys`, ...message });
      }
    }
    if (problems.length > 0) throw new PolicyRefusedError(problems);

    return tx.policy.create({
      data: {
        jurisdictionId: data.jurisdictionId,
        kind: data.kind,
        title: data.title,
        statute: data.statute,
        adoptedOn: new Date(`${data.adoptedOn}T00:00:00Z`),
        resolutionText: data.resolutionText || null,
        oathText: data.oathText,
        createdById: data.createdById ?? null,
        // Left unsaid, a pre-approval policy requires every item (the toolkit asks for them all).
        requiredApplicationItems: data.requiredApplicationItems ?? (data.kind === 'MUNICIPAL_PREAPPROVAL' ? [...APPLICATION_ITEMS] : []),
        commentPeriodDays: data.commentPeriodDays ?? null,
        requirements: {
          create: data.requirements.map((requirement) => ({
            agencyId: requirement.agencyId,
            title: requirement.title,
            versions: { create: [versionData(requirement)] },
          })),
        },
      },
      include: { requirements: { include: { versions: true }, orderBy: { id: 'asc' } } },
    });
  });
}

function versionData(rules: z.output<typeof amendmentInputSchema> | z.output<typeof requirementSchema>) {
  return {
    effectiveFrom: new Date(`${rules.effectiveFrom}T00:00:00Z`),
    frequency: rules.frequency,
    dueDaysAfterEnd: rules.dueDaysAfterEnd,
    acceptsLate: rules.acceptsLate,
    lockDaysAfterDue: rules.lockDaysAfterDue ?? null,
    metricKeys: rules.metricKeys,
    // The catalogue the keys were checked against: a later catalogue never changes what this version asks.
    catalogueVersion: METRIC_CATALOGUE_VERSION,
  };
}

/** Adds a version of a requirement's rules, in force from a date after the latest version's. */
export async function amendRequirement(db: Db, input: AmendmentInput) {
  const data = parseOrRefuse(amendmentInputSchema, input);
  return inTransaction(db, async (tx) => {
    // One amendment at a time per requirement, so "after the latest version" holds when written.
    const locked = await tx.$queryRaw<{ id: number }[]>`select id from requirement where id = ${data.requirementId} for update`;
    if (locked.length === 0) throw new PolicyRefusedError([{ field: 'requirementId', key: 'policyProblem.noSuchRequirement' }]);
    const requirement = await tx.requirement.findUniqueOrThrow({
      where: { id: data.requirementId },
      select: { agencyId: true, agency: { select: { name: true } }, versions: { orderBy: { effectiveFrom: 'desc' }, take: 1, select: { effectiveFrom: true } } },
    });
    const problems: PolicyProblem[] = [];
    const latest = requirement.versions[0] ? dateOnly(requirement.versions[0].effectiveFrom) : null;
    if (latest !== null && data.effectiveFrom <= latest) {
      problems.push({ field: 'effectiveFrom', key: 'policyProblem.notAfterCurrent', params: { date: latest } });
    }
    for (const message of metricKeyMessages(data.metricKeys, await agencyModels(tx, requirement.agencyId), requirement.agency.name, METRIC_CATALOGUE_VERSION)) {
      problems.push({ field: 'metricKeys', ...message });
    }
    if (problems.length > 0) throw new PolicyRefusedError(problems);
    return tx.requirementVersion.create({ data: { requirementId: data.requirementId, ...versionData(data) } });
  });
}
