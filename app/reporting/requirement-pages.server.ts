/**
 * The page of one reporting requirement for the reviewers of its policy's place: every version
 * of its rules (past periods keep the rules they were filed under) and amending them from a
 * date on. 403 for anyone else, whether or not the requirement exists.
 */
import { forbidden } from '~/auth/access.server';
import { reviewsJurisdiction, type Actor } from '~/auth/permissions';
import type { Db } from '~/db/prisma.server';
import { dateOnly } from './calendar';
import { amendRequirement, PolicyRefusedError, type AmendmentInput } from './policies.server';
import type { PolicyProblem } from './policy-messages';

/** The requirement, if this person reviews its policy's place; 403 for anyone else. */
export async function requirementAs(db: Db, actor: Actor, requirementId: number) {
  const requirement =
    Number.isSafeInteger(requirementId) && requirementId > 0 && requirementId <= 2_147_483_647
      ? await db.requirement.findUnique({
          where: { id: requirementId },
          include: {
            agency: { select: { name: true, slug: true } },
            policy: { select: { title: true, statute: true, jurisdictionId: true } },
            versions: { orderBy: { effectiveFrom: 'desc' } },
          },
        })
      : null;
  if (!requirement || !reviewsJurisdiction(actor, requirement.policy.jurisdictionId)) forbidden();
  return requirement;
}

export async function requirementPage(db: Db, actor: Actor, requirementId: number) {
  const requirement = await requirementAs(db, actor, requirementId);
  return {
    requirement: { id: requirement.id, title: requirement.title, agency: requirement.agency, policy: { title: requirement.policy.title, statute: requirement.policy.statute } },
    versions: requirement.versions.map((version) => ({
      id: version.id,
      effectiveFrom: dateOnly(version.effectiveFrom),
      frequency: version.frequency,
      dueDaysAfterEnd: version.dueDaysAfterEnd,
      acceptsLate: version.acceptsLate,
      lockDaysAfterDue: version.lockDaysAfterDue,
      metricKeys: version.metricKeys,
    })),
  };
}

export type AmendResult = { outcome: 'amended'; effectiveFrom: string } | { outcome: 'refused'; problems: PolicyProblem[] };

/** Adds a version of the rules from a date on; the service's refusals come back for the page to word. */
export async function amendRequirementAs(db: Db, actor: Actor, requirementId: number, rules: Omit<AmendmentInput, 'requirementId'>): Promise<AmendResult> {
  const requirement = await requirementAs(db, actor, requirementId);
  try {
    const version = await amendRequirement(db, { ...rules, requirementId: requirement.id });
    return { outcome: 'amended', effectiveFrom: dateOnly(version.effectiveFrom) };
  } catch (error) {
    if (!(error instanceof PolicyRefusedError)) throw error;
    return { outcome: 'refused', problems: error.problems };
  }
}
