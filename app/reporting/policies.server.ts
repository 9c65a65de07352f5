/**
 * Reporting policies and their requirements: a county board or town council adopts a policy,
 * each requirement says what one agency reports, and its rules change only by new versions
 * (the calendar decides which version governs which period). Permission checks are the caller's.
 */
import { z } from 'zod';
import type { Db } from '~/db/prisma.server';
import { inTransaction } from '~/db/transaction.server';
import type { Model } from '~/registry/models';
import { metricKeyProblems } from './filing-checks';
import { dateOnly, isCalendarDate } from './calendar';
import { METRIC_CATALOGUE_VERSION } from './metrics';

export interface PolicyIssue {
  /** The input field, e.g. 'title' or 'requirements.0.metricKeys'. */
  field: string;
  message: string;
}

/** Input the policy service will not store; `issues` name the fields. */
export class PolicyRefusedError extends Error {
  constructor(readonly issues: PolicyIssue[]) {
    super(issues.map((issue) => `${issue.field}: ${issue.message}`).join('\n'));
    this.name = 'PolicyRefusedError';
  }
}

const text = (what: string) => z.string({ error: `Enter the ${what}.` }).trim().min(1, `Enter the ${what}.`);
const day = (what: string) =>
  z.string({ error: `Enter the ${what} as YYYY-MM-DD.` }).refine(isCalendarDate, `Enter the ${what} as a real date, YYYY-MM-DD.`);
const id = (what: string) => z.number({ error: `Choose the ${what}.` }).int().positive(`Choose the ${what}.`);

const rulesShape = {
  effectiveFrom: day('date the rules take effect'),
  frequency: z.enum(['MONTHLY', 'QUARTERLY', 'ANNUAL'], { error: 'Choose monthly, quarterly or annual.' }),
  // A year and a day at most: beyond that a report could fall due after the next one.
  dueDaysAfterEnd: z.number({ error: 'Enter the days allowed after the period ends.' }).int('Enter a whole number of days.').min(0, 'Cannot be negative.').max(366, 'At most 366 days.'),
  acceptsLate: z.boolean({ error: 'Say whether late reports are accepted.' }),
  metricKeys: z.array(z.string(), { error: 'Choose the metrics.' }),
};

const requirementSchema = z.object({ agencyId: id('agency'), title: text('requirement title'), ...rulesShape });

export const policyInputSchema = z.object({
  jurisdictionId: id('county or town'),
  kind: z.enum(['COUNTY_REPORTING', 'MUNICIPAL_PREAPPROVAL', 'MUNICIPAL_REPORTING'], { error: 'Choose the kind of policy.' }),
  title: text('title'),
  statute: text('statute'),
  adoptedOn: day('adoption date'),
  resolutionText: z.string().trim().optional().nullable(),
  oathText: text('oath the agency head certifies under'),
  createdById: z.number().int().positive().optional().nullable(),
  requirements: z.array(requirementSchema, { error: 'Add the requirements.' }).min(1, 'Add at least one requirement.'),
});
export type PolicyInput = z.input<typeof policyInputSchema>;

export const amendmentInputSchema = z.object({ requirementId: id('requirement'), ...rulesShape });
export type AmendmentInput = z.input<typeof amendmentInputSchema>;

function parseOrRefuse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new PolicyRefusedError(parsed.error.issues.map((issue) => ({ field: issue.path.join('.') || 'input', message: issue.message })));
}


/** Models of the agency's agreements that oblige it to report (active, or pending signature). */
async function agencyModels(db: Db, agencyId: number): Promise<Model[]> {
  const rows = await db.agreement.findMany({ where: { agencyId, status: { in: ['ACTIVE', 'PENDING'] } }, select: { model: true } });
  return [...new Set(rows.map((row) => row.model))];
}

/** Creates a policy with its requirements and each requirement's first version. */
export async function createPolicy(db: Db, input: PolicyInput) {
  const data = parseOrRefuse(policyInputSchema, input);
  return inTransaction(db, async (tx) => {
    const issues: PolicyIssue[] = [];
    const place = await tx.jurisdiction.findUnique({ where: { id: data.jurisdictionId }, select: { id: true } });
    if (!place) issues.push({ field: 'jurisdictionId', message: 'No such county or town.' });

    for (const [i, requirement] of data.requirements.entries()) {
      const agency = await tx.agency.findUnique({ where: { id: requirement.agencyId }, select: { name: true, jurisdictionId: true } });
      if (!agency) {
        issues.push({ field: `requirements.${i}.agencyId`, message: 'No such agency.' });
        continue;
      }
      // A board or council sets policy only for agencies based in its own county or town.
      if (agency.jurisdictionId !== data.jurisdictionId) {
        issues.push({ field: `requirements.${i}.agencyId`, message: `${agency.name} is not based in the policy's county or town.` });
      }
      for (const message of metricKeyProblems(requirement.metricKeys, await agencyModels(tx, requirement.agencyId), agency.name)) {
        issues.push({ field: `requirements.${i}.metricKeys`, message });
      }
    }
    if (issues.length > 0) throw new PolicyRefusedError(issues);

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
    metricKeys: rules.metricKeys,
    catalogueVersion: METRIC_CATALOGUE_VERSION,
  };
}

/** Adds a version of a requirement's rules, in force from a date after the latest version's. */
export async function amendRequirement(db: Db, input: AmendmentInput) {
  const data = parseOrRefuse(amendmentInputSchema, input);
  return inTransaction(db, async (tx) => {
    // One amendment at a time per requirement, so "after the latest version" holds when written.
    const locked = await tx.$queryRaw<{ id: number }[]>`select id from requirement where id = ${data.requirementId} for update`;
    if (locked.length === 0) throw new PolicyRefusedError([{ field: 'requirementId', message: 'No such requirement.' }]);
    const requirement = await tx.requirement.findUniqueOrThrow({
      where: { id: data.requirementId },
      select: { agencyId: true, agency: { select: { name: true } }, versions: { orderBy: { effectiveFrom: 'desc' }, take: 1, select: { effectiveFrom: true } } },
    });
    const issues: PolicyIssue[] = [];
    const latest = requirement.versions[0] ? dateOnly(requirement.versions[0].effectiveFrom) : null;
    if (latest !== null && data.effectiveFrom <= latest) {
      issues.push({ field: 'effectiveFrom', message: `Must be after ${latest}, when the current rules took effect.` });
    }
    for (const message of metricKeyProblems(data.metricKeys, await agencyModels(tx, requirement.agencyId), requirement.agency.name)) {
      issues.push({ field: 'metricKeys', message });
    }
    if (issues.length > 0) throw new PolicyRefusedError(issues);
    return tx.requirementVersion.create({ data: { requirementId: data.requirementId, ...versionData(data) } });
  });
}
