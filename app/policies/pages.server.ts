/**
 * What the model-policy pages load and read: the places a person may adopt for, a place's
 * answers to start from, the posted answers, and a policy's public page (text, versions,
 * requirements, compliance from the public compliance record). Routes stay thin.
 */
import type { Actor } from '~/auth/permissions';
import { canAdoptPolicyFor, isOperator, reviewedJurisdictionIds } from '~/auth/permissions';
import { forbidden } from '~/auth/access.server';
import { complianceRecords, reviewsByFiling } from '~/dashboards/agency-dashboard.server';
import { summariseCompliance } from '~/dashboards/compliance';
import type { Db } from '~/db/prisma.server';
import { dateOnly, newYorkDate } from '~/reporting/calendar';
import { MODELS } from '~/registry/models';
import { hasControlCharacters } from '~/utils/nul-bytes';
import { answersToFields, defaultAnswers, parseAnswers, type ModelPolicyAnswers } from './answers';
import { data, redirect } from '@remix-run/node';
import { requestTranslator } from '~/i18n/locale.server';
import { PolicyRefusedError } from '~/reporting/policies.server';
import { policyErrors } from '~/reporting/policy-messages';
import { formBody } from '~/utils/forms.server';
import { answerWarnings } from './guardrails';
import { buildResolution } from './resolution';
import { templateById, type TemplateId } from './templates';

/** The counties (county template) or towns (town templates) the person may adopt a policy for. */
export async function adoptablePlaces(db: Db, actor: Actor, templateId: TemplateId) {
  const kind = templateById(templateId).place === 'COUNTY' ? 'COUNTY' : 'MUNICIPALITY';
  return db.jurisdiction.findMany({
    where: { kind, ...(isOperator(actor) ? {} : { id: { in: reviewedJurisdictionIds(actor) } }) },
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  });
}

/** The place a model policy is adopted for, if the person may; 404 if it is not of the template's kind. */
export async function placeForAdoption(db: Db, actor: Actor, templateId: TemplateId, placeId: number) {
  if (!canAdoptPolicyFor(actor, placeId)) forbidden();
  const place = await db.jurisdiction.findUnique({
    where: { id: placeId },
    select: { id: true, name: true, kind: true, agencies: { orderBy: { name: 'asc' }, select: { id: true, name: true, agreements: { where: { status: { in: ['ACTIVE', 'PENDING'] } }, select: { model: true } } } } },
  });
  if (!place || (templateById(templateId).place === 'COUNTY') !== (place.kind === 'COUNTY')) throw new Response('Not found', { status: 404 });
  return place;
}

function startingAnswers(templateId: TemplateId, place: Awaited<ReturnType<typeof placeForAdoption>>, now = new Date()): ModelPolicyAnswers {
  const models = [...new Set(place.agencies.flatMap((agency) => agency.agreements.map((agreement) => agreement.model)))];
  return defaultAnswers(templateId, {
    jurisdictionName: place.name,
    agencies: place.agencies.map((agency) => ({ id: agency.id, name: agency.name })),
    models: models.length > 0 ? models : [...MODELS],
    today: newYorkDate(now),
  });
}

/** The posted form as answers.ts reads it: strings only (files and control characters dropped). */
/** The adoption form's fields, filled with a template's defaults for the place. */
export const startingFields = (templateId: TemplateId, place: Awaited<ReturnType<typeof placeForAdoption>>) => answersToFields(startingAnswers(templateId, place));

/** The amendment form's fields: the latest version's answers, but its own date and vote to come. */
export const amendmentFields = (answers: ModelPolicyAnswers) => answersToFields({ ...answers, adoptedOn: null, vote: null });

export function answerFields(form: FormData): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of form.entries()) {
    if (typeof value !== 'string' || hasControlCharacters(value.replace(/[\r\n\t]/g, ''))) continue;
    const before = fields[name];
    fields[name] = before === undefined ? value : Array.isArray(before) ? [...before, value] : [before, value];
  }
  return fields;
}

export { parseAnswers };

/** A policy's public page: 404 if there is none. */
export async function publicPolicy(db: Db, policyId: number, now = new Date()) {
  const policy = await db.policy.findUnique({
    where: { id: policyId },
    select: {
      id: true,
      title: true,
      statute: true,
      adoptedOn: true,
      resolutionText: true,
      jurisdiction: { select: { id: true, name: true, slug: true, stateCode: true, kind: true } },
      versions: { orderBy: { number: 'asc' }, select: { number: true, adoptedOn: true, templateId: true, answers: true, votesFor: true, votesAgainst: true, votesAbstaining: true } },
      requirements: {
        orderBy: { id: 'asc' },
        select: {
          id: true,
          title: true,
          agency: { select: { id: true, name: true, slug: true } },
          versions: { orderBy: { effectiveFrom: 'asc' }, select: { effectiveFrom: true, frequency: true, dueDaysAfterEnd: true, acceptsLate: true, metricKeys: true } },
        },
      },
      // A pre-approval policy's applications: the public reaches each timeline from here.
      applications: { orderBy: { id: 'desc' }, select: { id: true, model: true, stage: true, createdAt: true, agency: { select: { name: true } } } },
    },
  });
  if (!policy) throw new Response('Not found', { status: 404 });
  const agencyIds = [...new Set(policy.requirements.map((requirement) => requirement.agency.id))];
  // The public compliance record (the county page's), narrowed to this policy's requirements.
  const records = await complianceRecords(db, agencyIds, now, await reviewsByFiling(db, agencyIds));
  const latest = policy.versions.at(-1) ?? null;
  return {
    id: policy.id,
    title: policy.title,
    statute: policy.statute,
    adoptedOn: dateOnly(policy.adoptedOn),
    resolutionText: policy.resolutionText,
    place: policy.jurisdiction,
    answers: latest ? (latest.answers as unknown as ModelPolicyAnswers) : null,
    vote: latest && latest.votesFor !== null && latest.votesAgainst !== null ? { for: latest.votesFor, against: latest.votesAgainst, abstaining: latest.votesAbstaining } : null,
    versions: policy.versions.map((version) => ({ number: version.number, adoptedOn: dateOnly(version.adoptedOn) })),
    applications: policy.applications.map((application) => ({ ...application, createdAt: newYorkDate(application.createdAt) })),
    requirements: policy.requirements.map((requirement) => {
      const current = requirement.versions.filter((version) => dateOnly(version.effectiveFrom) <= newYorkDate(now)).at(-1) ?? requirement.versions.at(-1)!;
      const summary = summariseCompliance((records.get(requirement.agency.id) ?? []).filter((period) => period.requirementId === requirement.id));
      return {
        id: requirement.id,
        agency: requirement.agency,
        frequency: current.frequency,
        dueDaysAfterEnd: current.dueDaysAfterEnd,
        acceptsLate: current.acceptsLate,
        effectiveFrom: dateOnly(current.effectiveFrom),
        metricKeys: current.metricKeys,
        compliance: {
          due: summary.expected - summary.counts.not_yet_due,
          onTime: summary.counts.on_time,
          late: summary.counts.late,
          missing: summary.counts.overdue,
        },
      };
    }),
  };
}

/** One adopted version's answers (its text is rebuilt from them, as adopted), or 404. */
export async function policyVersion(db: Db, policyId: number, number: number) {
  const version = await db.policyVersion.findUnique({
    where: { policyId_number: { policyId, number } },
    select: { number: true, adoptedOn: true, answers: true, resolutionText: true, policy: { select: { id: true, title: true } } },
  });
  if (!version) throw new Response('Not found', { status: 404 });
  return { ...version, adoptedOn: dateOnly(version.adoptedOn), answers: version.answers as unknown as ModelPolicyAnswers };
}

/** The adopted policies of a place, for its public page. */
export async function policiesOfPlace(db: Db, stateCode: string, slug: string) {
  const policies = await db.policy.findMany({
    where: { jurisdiction: { stateCode, slug } },
    orderBy: [{ adoptedOn: 'desc' }, { id: 'desc' }],
    select: { id: true, title: true, adoptedOn: true },
  });
  return policies.map((policy) => ({ ...policy, adoptedOn: dateOnly(policy.adoptedOn) }));
}

/**
 * The adopt and amend pages' action: `intent=preview` shows the resolution and its lawfulness
 * warnings; `intent=adopt` adopts through `adopt` (which returns the policy's id) and goes to its
 * public page. A refusal keeps every answer on the form.
 */
export async function answersAction(request: Request, templateId: TemplateId, adopt: (answers: ModelPolicyAnswers, acknowledged: boolean) => Promise<number>) {
  const t = requestTranslator(request);
  const form = await formBody(request);
  const fields = answerFields(form);
  const adopting = form.get('intent') === 'adopt';
  const parsed = parseAnswers(templateId, fields, { adopting });
  if (!parsed.ok) return data({ fields, errors: policyErrors(t, parsed.problems), warnings: [] as string[], preview: null }, { status: 400 });
  const warnings = answerWarnings(parsed.answers).map((warning) => t(warning.key, warning.params));
  if (adopting) {
    try {
      return redirect(`/policies/${await adopt(parsed.answers, form.get('acknowledged') === 'yes')}`);
    } catch (error) {
      if (!(error instanceof PolicyRefusedError)) throw error;
      return data({ fields, errors: policyErrors(t, error.problems), warnings, preview: buildResolution(parsed.answers) }, { status: 400 });
    }
  }
  return { fields, errors: {} as Record<string, string>, warnings, preview: buildResolution(parsed.answers) };
}
