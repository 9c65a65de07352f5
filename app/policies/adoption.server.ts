/**
 * Adopting and amending a model policy (app/policies/): the answers make the resolution's text
 * and the requirements in one transaction, so the stored text and the portal's rules agree.
 *
 *   adoptModelPolicy(db, actor, { jurisdictionId, answers, acknowledged })
 *     → Policy + its requirements (createPolicy) + PolicyVersion 1
 *   amendModelPolicy(db, actor, { policyId, answers, acknowledged })
 *     → PolicyVersion n+1 + a new version of every requirement (amendRequirement) from the
 *       amendment's effective date
 *
 * The answers must be parsed with { adopting: true } (answers.ts). A refusal is a
 * PolicyRefusedError with message keys; nothing is written then. When the free text reads as a
 * prohibition (guardrails.ts) the body must have acknowledged the warnings. Permission checks
 * are the caller's. Each adoption and amendment is an audit-chain entry.
 */
import { createHash } from 'node:crypto';
import type { Db } from '~/db/prisma.server';
import { inTransaction } from '~/db/transaction.server';
import { appendAuditEntries } from '~/reporting/audit-log.server';
import { amendRequirement, createPolicy, PolicyRefusedError } from '~/reporting/policies.server';
import type { PolicyProblem } from '~/reporting/policy-messages';
import type { ModelPolicyAnswers } from './answers';
import { answerWarnings } from './guardrails';
import { buildResolution, requirementsFromAnswers, resolutionText } from './resolution';
import { templateById } from './templates';

export interface AdoptionActor {
  userId: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const day = (value: string) => new Date(`${value}T00:00:00Z`);

/** What every adoption and amendment checks before writing: the date, the agencies' ids, the warnings. */
function answerProblems(answers: ModelPolicyAnswers, acknowledged: boolean): PolicyProblem[] {
  const problems: PolicyProblem[] = [];
  if (!answers.adoptedOn) problems.push({ field: 'adoptedOn', key: 'modelPolicy.problem.adoptedOnRequired' });
  answers.agencies.forEach((agency, i) => {
    if (agency.id === null) problems.push({ field: `agencies.${i}.name`, key: 'policyPage.problem.agencyUnknown', params: { agency: agency.name } });
  });
  if (answerWarnings(answers).length > 0 && !acknowledged) problems.push({ field: 'acknowledged', key: 'policyPage.problem.acknowledge' });
  return problems;
}

function versionData(answers: ModelPolicyAnswers, text: string, actor: AdoptionActor | null) {
  return {
    templateId: answers.templateId,
    answers: JSON.parse(JSON.stringify(answers)) as object,
    resolutionText: text,
    adoptedOn: day(answers.adoptedOn!),
    votesFor: answers.vote?.for ?? null,
    votesAgainst: answers.vote?.against ?? null,
    votesAbstaining: answers.vote?.abstaining ?? null,
    createdById: actor?.userId ?? null,
  };
}

/** Adopts a model policy for a county or town: the policy, its requirements and version 1. */
export async function adoptModelPolicy(
  db: Db,
  actor: AdoptionActor | null,
  input: { jurisdictionId: number; answers: ModelPolicyAnswers; acknowledged?: boolean },
) {
  const { answers } = input;
  const problems = answerProblems(answers, input.acknowledged ?? false);
  if (problems.length > 0) throw new PolicyRefusedError(problems);
  return inTransaction(db, async (tx) => {
    const place = await tx.jurisdiction.findUnique({ where: { id: input.jurisdictionId }, select: { kind: true } });
    if (!place) throw new PolicyRefusedError([{ field: 'jurisdictionId', key: 'policyProblem.noSuchPlace' }]);
    // The county template is a board of commissioners'; the town templates a council's.
    if ((templateById(answers.templateId).place === 'COUNTY') !== (place.kind === 'COUNTY')) {
      throw new PolicyRefusedError([{ field: 'templateId', key: 'policyPage.problem.wrongPlace' }]);
    }
    const policyInput = requirementsFromAnswers(answers, { jurisdictionId: input.jurisdictionId, createdById: actor?.userId ?? null });
    const policy = await createPolicy(tx, policyInput);
    const version = await tx.policyVersion.create({ data: { policyId: policy.id, number: 1, ...versionData(answers, policy.resolutionText ?? '', actor) } });
    await appendAuditEntries(tx, [
      {
        kind: 'policy_adopted',
        actor: actor ? `user:${actor.userId}` : null,
        subject: `policy:${policy.id}`,
        data: { version: 1, templateId: answers.templateId, adoptedOn: answers.adoptedOn, requirementIds: policy.requirements.map((r) => r.id), textSha256: sha256(version.resolutionText) },
      },
    ]);
    return { policy, version };
  });
}

/**
 * Amends an adopted model policy: the new text as version n+1, and a new version of each
 * requirement's rules from the amendment's effective date. The agencies stay those of the
 * policy (a requirement is never ended here); the template stays the one adopted.
 */
export async function amendModelPolicy(
  db: Db,
  actor: AdoptionActor | null,
  input: { policyId: number; answers: ModelPolicyAnswers; acknowledged?: boolean },
) {
  const { answers } = input;
  const problems = answerProblems(answers, input.acknowledged ?? false);
  if (problems.length > 0) throw new PolicyRefusedError(problems);
  return inTransaction(db, async (tx) => {
    // One amendment at a time per policy, so version numbers follow each other.
    const locked = await tx.$queryRaw<{ id: number }[]>`select id from policy where id = ${input.policyId} for update`;
    if (locked.length === 0) throw new PolicyRefusedError([{ field: 'policyId', key: 'policyPage.problem.notModelPolicy' }]);
    const policy = await tx.policy.findUniqueOrThrow({
      where: { id: input.policyId },
      select: { id: true, jurisdictionId: true, requirements: { select: { id: true, agencyId: true }, orderBy: { id: 'asc' } }, versions: { orderBy: { number: 'desc' }, take: 1 } },
    });
    const latest = policy.versions[0];
    if (!latest) throw new PolicyRefusedError([{ field: 'policyId', key: 'policyPage.problem.notModelPolicy' }]);
    if (latest.templateId !== answers.templateId) throw new PolicyRefusedError([{ field: 'templateId', key: 'policyPage.problem.templateChanged' }]);
    const agencyIds = answers.agencies.map((agency) => agency.id!);
    const current = policy.requirements.map((requirement) => requirement.agencyId);
    if (agencyIds.length !== current.length || !current.every((id) => agencyIds.includes(id))) {
      throw new PolicyRefusedError([{ field: 'agencies', key: 'policyPage.problem.agenciesChanged' }]);
    }
    const policyInput = requirementsFromAnswers(answers, { jurisdictionId: policy.jurisdictionId, createdById: actor?.userId ?? null });
    const requirementVersions = [];
    for (const requirement of policy.requirements) {
      const rules = policyInput.requirements.find((candidate) => candidate.agencyId === requirement.agencyId)!;
      requirementVersions.push(
        await amendRequirement(tx, {
          requirementId: requirement.id,
          effectiveFrom: rules.effectiveFrom,
          frequency: rules.frequency,
          dueDaysAfterEnd: rules.dueDaysAfterEnd,
          acceptsLate: rules.acceptsLate,
          metricKeys: rules.metricKeys,
        }),
      );
    }
    // Trimmed as createPolicy stores the text of version 1.
    const text = resolutionText(buildResolution(answers)).trim();
    // The policy row shows the text and oath in force; the versions keep every earlier one.
    await tx.policy.update({
      where: { id: policy.id },
      data: {
        title: policyInput.title,
        resolutionText: text,
        oathText: policyInput.oathText,
        ...(answers.preapproval ? { requiredApplicationItems: [...answers.preapproval.requiredItems], commentPeriodDays: answers.preapproval.commentPeriodDays } : {}),
      },
    });
    const number = latest.number + 1;
    const version = await tx.policyVersion.create({ data: { policyId: policy.id, number, ...versionData(answers, text, actor) } });
    await appendAuditEntries(tx, [
      {
        kind: 'policy_amended',
        actor: actor ? `user:${actor.userId}` : null,
        subject: `policy:${policy.id}`,
        data: { version: number, templateId: answers.templateId, adoptedOn: answers.adoptedOn, effectiveFrom: answers.effectiveFrom, textSha256: sha256(text) },
      },
    ]);
    return { version, requirementVersions };
  });
}
