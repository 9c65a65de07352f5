/**
 * Issue 14, point 1: adopting a model policy stores the resolution text and exactly the
 * requirements the text states (read back out of the stored text), an amendment makes version 2
 * of both, a refusal leaves nothing half-written; and the pages around it (adopt with preview,
 * warnings and acknowledgement, draft downloads, the public policy page in Spanish).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '~/db/prisma.server';
import { adoptModelPolicy, amendModelPolicy } from '~/policies/adoption.server';
import { answersToFields, defaultAnswers, type ModelPolicyAnswers } from '~/policies/answers';
import { TEMPLATE_IDS, templateById, type TemplateId } from '~/policies/templates';
import { amendRequirement, PolicyRefusedError } from '~/reporting/policies.server';
import * as adoptRoute from '~/routes/review_.policies_.adopt.$template';
import * as amendRoute from '~/routes/review_.policies_.$id.amend';
import * as draftRoute from '~/routes/review_.policies_.draft.$format';
import * as templatesRoute from '~/routes/review_.policies_.templates';
import * as policyRoute from '~/routes/policies.$id';
import * as versionRoute from '~/routes/policies.$id_.versions.$n';
import * as downloadRoute from '~/routes/policies.$id_.versions.$n_.download.$format';
import { seedNcJurisdictions } from '../../seeds/nc-jurisdictions';
import { testRequestHandler } from '../support/page-handler';
import { cookieFor, get, run, TEST_CONTEXT } from '../support/requests';
import { statedRules } from '../support/resolution-text';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

type Handler = Parameters<typeof run>[0];

let db: TestDatabase;
const ids = { county: 0, town: 0, otherCounty: 0, sheriff: 0, police: 0, rangers: 0, otherSheriff: 0, reviewer: 0 };
const cookies = { countyReviewer: '', townReviewer: '', otherReviewer: '', operator: '' };

const handle = testRequestHandler({ 'routes/policies.$id': { path: 'policies/:id', module: policyRoute } });

function answersFor(templateId: TemplateId, overrides: Partial<ModelPolicyAnswers> = {}): ModelPolicyAnswers {
  const county = templateById(templateId).place === 'COUNTY';
  const agencies = county
    ? [{ id: ids.sheriff, name: 'Gaston County Sheriff’s Office' }]
    : [
        { id: ids.police, name: 'Testville Police Department' },
        { id: ids.rangers, name: 'Testville Park Rangers' },
      ];
  return { ...defaultAnswers(templateId, { jurisdictionName: county ? 'Gaston County' : 'Testville', agencies, today: '2026-01-15' }), adoptedOn: '2026-01-12', ...overrides };
}

function formPost(url: string, fields: Record<string, string | string[]>, cookie: string) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
  return new Request(`http://portal.test${url}`, { method: 'POST', body, headers: { cookie } });
}

const counts = async () => ({
  policies: await db.prisma.policy.count(),
  versions: await db.prisma.policyVersion.count(),
  requirements: await db.prisma.requirement.count(),
  requirementVersions: await db.prisma.requirementVersion.count(),
});

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  await seedNcJurisdictions(db.prisma);
  const county = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { fips: '37071' } });
  const other = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { fips: '37025' } });
  const town = await db.prisma.jurisdiction.create({ data: { kind: 'MUNICIPALITY', name: 'Testville', searchName: 'testville', slug: 'testville', stateCode: 'NC', parentId: county.id } });
  const agency = (slug: string, name: string, kind: 'SHERIFF' | 'POLICE' | 'OTHER', jurisdictionId: number) =>
    db.prisma.agency.create({ data: { slug, matchKey: `nc|${slug}`, name, kind, stateCode: 'NC', jurisdictionId } });
  Object.assign(ids, {
    county: county.id,
    town: town.id,
    otherCounty: other.id,
    sheriff: (await agency('nc-test-gaston-sheriff', 'Gaston County Sheriff’s Office', 'SHERIFF', county.id)).id,
    police: (await agency('nc-testville-pd', 'Testville Police Department', 'POLICE', town.id)).id,
    rangers: (await agency('nc-testville-rangers', 'Testville Park Rangers', 'OTHER', town.id)).id,
    otherSheriff: (await agency('nc-test-cabarrus-sheriff', 'Cabarrus County Sheriff’s Office', 'SHERIFF', other.id)).id,
  });
  const person = (email: string, role: 'REVIEWER' | 'OPERATOR', jurisdictionId?: number) =>
    db.prisma.user.create({ data: { email, name: email.split('@')[0], roles: { create: { role, jurisdictionId } } } });
  const reviewer = await person('clerk.gaston@example.org', 'REVIEWER', county.id);
  ids.reviewer = reviewer.id;
  cookies.countyReviewer = await cookieFor(db.prisma, reviewer.id);
  cookies.townReviewer = await cookieFor(db.prisma, (await person('clerk.testville@example.org', 'REVIEWER', town.id)).id);
  cookies.otherReviewer = await cookieFor(db.prisma, (await person('clerk.cabarrus@example.org', 'REVIEWER', other.id)).id);
  cookies.operator = await cookieFor(db.prisma, (await person('ops@example.org', 'OPERATOR')).id);
});
afterAll(async () => {
  await disconnectPrisma();
  await db.drop();
});

describe('adoptModelPolicy', () => {
  it.each(TEMPLATE_IDS)('%s: creates exactly the requirements its stored text states, and version 1', async (templateId) => {
    const county = templateById(templateId).place === 'COUNTY';
    const answers = answersFor(templateId, { frequency: 'MONTHLY', dueDaysAfterEnd: 21, acceptsLate: false, vote: { for: 5, against: 2, abstaining: null } });
    const { policy } = await adoptModelPolicy(db.prisma, { userId: ids.reviewer }, { jurisdictionId: county ? ids.county : ids.town, answers });
    const stored = await db.prisma.policy.findUniqueOrThrow({
      where: { id: policy.id },
      include: { versions: true, requirements: { include: { versions: true }, orderBy: { id: 'asc' } } },
    });
    expect(stored.kind).toBe(templateById(templateId).kind);
    expect(stored.versions).toHaveLength(1);
    const [version] = stored.versions;
    expect(version).toMatchObject({ number: 1, templateId, votesFor: 5, votesAgainst: 2, votesAbstaining: null, createdById: ids.reviewer });
    expect(version.resolutionText).toBe(stored.resolutionText);
    expect(version.resolutionText).toContain(answers.adoptingBody);
    const stated = statedRules(version.resolutionText);
    expect(stored.requirements.map((requirement) => requirement.agencyId)).toEqual(answers.agencies.map((agency) => agency.id));
    for (const requirement of stored.requirements) {
      expect(requirement.versions).toHaveLength(1);
      const [rules] = requirement.versions;
      expect({
        frequency: rules.frequency,
        dueDaysAfterEnd: rules.dueDaysAfterEnd,
        acceptsLate: rules.acceptsLate,
        effectiveFrom: rules.effectiveFrom.toISOString().slice(0, 10),
        metricKeys: rules.metricKeys,
      }).toEqual({ frequency: stated.frequency, dueDaysAfterEnd: stated.dueDaysAfterEnd, acceptsLate: stated.acceptsLate, effectiveFrom: stated.effectiveFrom, metricKeys: stated.metricKeys });
      expect(stated.statedCount).toBe(rules.metricKeys.length);
    }
    const audit = await db.prisma.auditEntry.findMany({ where: { subject: `policy:${policy.id}` } });
    expect(audit.map((entry) => entry.kind)).toEqual(['policy_adopted']);
  });

  it('refuses a template for the wrong kind of place, an agency of another place, and unacknowledged warnings, writing nothing', async () => {
    const before = await counts();
    const refused = (promise: Promise<unknown>) => expect(promise).rejects.toBeInstanceOf(PolicyRefusedError);
    await refused(adoptModelPolicy(db.prisma, null, { jurisdictionId: ids.town, answers: answersFor('county_reporting') }));
    await refused(
      adoptModelPolicy(db.prisma, null, {
        jurisdictionId: ids.town,
        answers: answersFor('municipal_reporting', { agencies: [{ id: ids.police, name: 'Testville PD' }, { id: ids.otherSheriff, name: 'Cabarrus' }] }),
      }),
    );
    const prohibition = answersFor('municipal_reporting', { additionalClauses: ['The Police Department shall not enter into any agreement under 8 U.S.C. 1357(g).'] });
    await expect(adoptModelPolicy(db.prisma, null, { jurisdictionId: ids.town, answers: prohibition })).rejects.toMatchObject({ problems: [{ field: 'acknowledged', key: 'policyPage.problem.acknowledge' }] });
    expect(await counts()).toEqual(before);
    // Acknowledged, the body's text is its own to adopt.
    const { version } = await adoptModelPolicy(db.prisma, null, { jurisdictionId: ids.town, answers: prohibition, acknowledged: true });
    expect(version.resolutionText).toContain('shall not enter into any agreement');
  });
});

describe('amendModelPolicy', () => {
  it('makes version 2 of the text and of every requirement, from the amendment’s date', async () => {
    const { policy } = await adoptModelPolicy(db.prisma, null, { jurisdictionId: ids.town, answers: answersFor('municipal_reporting') });
    const amended = answersFor('municipal_reporting', { adoptedOn: '2026-06-02', effectiveFrom: '2026-07-01', frequency: 'ANNUAL', dueDaysAfterEnd: 45, metricKeys: ['gross_cost', 'transfers_to_ice'], vote: { for: 3, against: 2, abstaining: 1 } });
    await amendModelPolicy(db.prisma, { userId: ids.reviewer }, { policyId: policy.id, answers: amended });
    const stored = await db.prisma.policy.findUniqueOrThrow({
      where: { id: policy.id },
      include: { versions: { orderBy: { number: 'asc' } }, requirements: { include: { versions: { orderBy: { effectiveFrom: 'asc' } } }, orderBy: { id: 'asc' } } },
    });
    expect(stored.versions.map((version) => version.number)).toEqual([1, 2]);
    expect(stored.resolutionText).toBe(stored.versions[1].resolutionText);
    expect(stored.versions[0].resolutionText).not.toBe(stored.versions[1].resolutionText);
    const stated = [statedRules(stored.versions[0].resolutionText), statedRules(stored.versions[1].resolutionText)];
    expect(stated[1]).toMatchObject({ frequency: 'ANNUAL', dueDaysAfterEnd: 45, effectiveFrom: '2026-07-01', metricKeys: ['gross_cost', 'transfers_to_ice'] });
    for (const requirement of stored.requirements) {
      expect(requirement.versions).toHaveLength(2);
      requirement.versions.forEach((rules, i) => {
        expect({ frequency: rules.frequency, dueDaysAfterEnd: rules.dueDaysAfterEnd, acceptsLate: rules.acceptsLate, effectiveFrom: rules.effectiveFrom.toISOString().slice(0, 10), metricKeys: rules.metricKeys }).toEqual({
          frequency: stated[i].frequency,
          dueDaysAfterEnd: stated[i].dueDaysAfterEnd,
          acceptsLate: stated[i].acceptsLate,
          effectiveFrom: stated[i].effectiveFrom,
          metricKeys: stated[i].metricKeys,
        });
      });
    }
    const audit = await db.prisma.auditEntry.findMany({ where: { subject: `policy:${policy.id}` }, orderBy: { seq: 'asc' } });
    expect(audit.map((entry) => entry.kind)).toEqual(['policy_adopted', 'policy_amended']);
  });

  it('refuses changed agencies, or a rule one requirement cannot take, leaving every version as it was', async () => {
    const { policy } = await adoptModelPolicy(db.prisma, null, { jurisdictionId: ids.town, answers: answersFor('municipal_reporting') });
    const requirements = await db.prisma.requirement.findMany({ where: { policyId: policy.id }, orderBy: { id: 'asc' } });
    // The second requirement was already amended from September: an amendment from August fits
    // the first, not the second, and must not leave the first amended.
    await amendRequirement(db.prisma, { requirementId: requirements[1].id, effectiveFrom: '2026-09-01', frequency: 'QUARTERLY', dueDaysAfterEnd: 30, acceptsLate: true, metricKeys: ['gross_cost'] });
    const before = await counts();
    await expect(amendModelPolicy(db.prisma, null, { policyId: policy.id, answers: answersFor('municipal_reporting', { adoptedOn: '2026-07-20', effectiveFrom: '2026-08-01' }) })).rejects.toMatchObject({
      problems: [{ field: 'effectiveFrom', key: 'policyProblem.notAfterCurrent' }],
    });
    await expect(
      amendModelPolicy(db.prisma, null, { policyId: policy.id, answers: answersFor('municipal_reporting', { adoptedOn: '2026-10-01', effectiveFrom: '2026-10-01', agencies: [{ id: ids.police, name: 'Testville PD' }] }) }),
    ).rejects.toMatchObject({ problems: [{ key: 'policyPage.problem.agenciesChanged' }] });
    await expect(amendModelPolicy(db.prisma, null, { policyId: policy.id, answers: answersFor('municipal_preapproval', { effectiveFrom: '2026-10-01' }) })).rejects.toMatchObject({
      problems: [{ key: 'policyPage.problem.templateChanged' }],
    });
    expect(await counts()).toEqual(before);
    expect(await db.prisma.policyVersion.count({ where: { policyId: policy.id } })).toBe(1);
  });

  it('keeps every adopted version as it was: the table refuses updates and deletes', async () => {
    const version = await db.prisma.policyVersion.findFirstOrThrow();
    await expect(db.prisma.policyVersion.update({ where: { id: version.id }, data: { resolutionText: 'changed' } })).rejects.toThrow(/append-only/);
    await expect(db.prisma.policyVersion.delete({ where: { id: version.id } })).rejects.toThrow(/append-only/);
  });
});

describe('the adoption pages', () => {
  const adoptUrl = (templateId: TemplateId, place: number) => `/review/policies/adopt/${templateId}?place=${place}`;

  it('lets a reviewer pick a template for their own places, an operator for any', async () => {
    const mine = await run(templatesRoute.loader as Handler, get('/review/policies/templates', cookies.townReviewer));
    const places = (mine.body as { templates: { id: string; places: { id: number }[] }[] }).templates;
    expect(places.map((template) => [template.id, template.places.map((place) => place.id)])).toEqual([
      ['county_reporting', []],
      ['municipal_preapproval', [ids.town]],
      ['municipal_reporting', [ids.town]],
    ]);
    const all = await run(templatesRoute.loader as Handler, get('/review/policies/templates', cookies.operator));
    expect((all.body as typeof mine.body & { templates: { places: unknown[] }[] }).templates[0].places.length).toBeGreaterThan(50);
    expect((await run(adoptRoute.loader as Handler, get(adoptUrl('municipal_preapproval', ids.town), cookies.otherReviewer), { template: 'municipal_preapproval' })).status).toBe(403);
    expect((await run(adoptRoute.loader as Handler, get(adoptUrl('county_reporting', ids.town), cookies.operator), { template: 'county_reporting' })).status).toBe(404);
    expect((await run(adoptRoute.loader as Handler, get(adoptUrl('sanctuary' as TemplateId, ids.town), cookies.operator), { template: 'sanctuary' })).status).toBe(404);
  });

  it('prefills the place, previews with warnings, wants the acknowledgement, then adopts and goes to the public page', async () => {
    const url = adoptUrl('municipal_preapproval', ids.town);
    const params = { template: 'municipal_preapproval' };
    const loaded = await run(adoptRoute.loader as Handler, get(url, cookies.townReviewer), params);
    const fields = (loaded.body as { fields: Record<string, string | string[]> }).fields;
    expect(fields.jurisdictionName).toBe('Testville');
    expect([fields['agencies.0.id'], fields['agencies.1.id']].sort()).toEqual([String(ids.police), String(ids.rangers)].sort());
    const filled = { ...fields, adoptedOn: '2026-02-03', effectiveFrom: '2026-03-01', votesFor: '6', votesAgainst: '1', additionalClauses: 'The Police Department is prohibited from participating in immigration enforcement.' };

    const preview = await run(adoptRoute.action as Handler, formPost(url, { ...filled, intent: 'preview' }, cookies.townReviewer), params);
    const previewBody = preview.body as { warnings: string[]; preview: { adoptingBody: string } | null };
    expect(preview.status).toBe(200);
    expect(previewBody.preview?.adoptingBody).toContain('Testville');
    expect(previewBody.warnings.join(' ')).toMatch(/G\.S\. 160A-205\.2.*not legal advice/);

    const before = await counts();
    const unticked = await run(adoptRoute.action as Handler, formPost(url, { ...filled, intent: 'adopt' }, cookies.townReviewer), params);
    expect(unticked.status).toBe(400);
    expect(Object.keys((unticked.body as { errors: Record<string, string> }).errors)).toEqual(['acknowledged']);
    const undated = await run(adoptRoute.action as Handler, formPost(url, { ...filled, adoptedOn: '', intent: 'adopt', acknowledged: 'yes' }, cookies.townReviewer), params);
    expect(undated.status).toBe(400);
    expect(await counts()).toEqual(before);

    const adopted = await run(adoptRoute.action as Handler, formPost(url, { ...filled, intent: 'adopt', acknowledged: 'yes' }, cookies.townReviewer), params);
    expect(adopted.status).toBe(302);
    const policyId = Number(/^\/policies\/(\d+)$/.exec(adopted.location ?? '')?.[1]);
    const stored = await db.prisma.policy.findUniqueOrThrow({ where: { id: policyId }, include: { versions: true } });
    expect(stored).toMatchObject({ kind: 'MUNICIPAL_PREAPPROVAL', jurisdictionId: ids.town });
    expect(stored.versions[0]).toMatchObject({ votesFor: 6, votesAgainst: 1 });

    // The public page, in Spanish: the UI translated, the text in English and said to be.
    const response = await handle(new Request(`http://portal.test/policies/${policyId}`, { headers: { 'accept-language': 'es' } }), TEST_CONTEXT);
    const html = await response.text();
    expect(response.status).toBe(200);
    for (const text of ['Adoptada por', 'Town Council of Testville', '6 a favor, 1 en contra', 'Cumplimiento hasta ahora', 'en inglés', 'Versión 1', 'Testville Police Department']) expect(html).toContain(text);
    expect(html).toContain('lang="en"');

    // Its version and the adopted text's downloads.
    const version = await run(versionRoute.loader as Handler, get(`/policies/${policyId}/versions/1`), { id: String(policyId), n: '1' });
    expect((version.body as { number: number }).number).toBe(1);
    expect((await run(versionRoute.loader as Handler, get(`/policies/${policyId}/versions/2`), { id: String(policyId), n: '2' })).status).toBe(404);
    for (const [format, type] of [['html', 'text/html'], ['pdf', 'application/pdf'], ['docx', 'application/vnd.openxmlformats']] as const) {
      const file = await downloadRoute.loader({ request: get(`/policies/${policyId}/versions/1/download/${format}`), params: { id: String(policyId), n: '1', format }, context: TEST_CONTEXT } as never);
      expect(file.headers.get('content-type')).toContain(type);
    }

    // The amend page starts from version 1's answers, without its date and vote.
    const amendLoaded = await run(amendRoute.loader as Handler, get(`/review/policies/${policyId}/amend`, cookies.townReviewer), { id: String(policyId) });
    expect((amendLoaded.body as { fields: Record<string, string> }).fields).toMatchObject({ effectiveFrom: '2026-03-01', adoptedOn: '', votesFor: '', jurisdictionName: 'Testville' });
    expect((await run(amendRoute.loader as Handler, get(`/review/policies/${policyId}/amend`, cookies.countyReviewer), { id: String(policyId) })).status).toBe(403);
    const amendedFields = { ...(amendLoaded.body as { fields: Record<string, string | string[]> }).fields, adoptedOn: '2026-05-05', effectiveFrom: '2026-06-01', intent: 'adopt', acknowledged: 'yes' };
    const amendedOutcome = await run(amendRoute.action as Handler, formPost(`/review/policies/${policyId}/amend`, amendedFields, cookies.townReviewer), { id: String(policyId) });
    expect(amendedOutcome).toMatchObject({ status: 302, location: `/policies/${policyId}` });
    expect(await db.prisma.policyVersion.count({ where: { policyId } })).toBe(2);
  });

  it('downloads the draft of the posted answers as HTML, PDF and DOCX', async () => {
    const fields = { ...answersToFields(answersFor('county_reporting')), templateId: 'county_reporting' };
    for (const [format, type] of [['html', 'text/html'], ['pdf', 'application/pdf'], ['docx', 'application/vnd.openxmlformats']] as const) {
      const response = (await draftRoute.action({ request: formPost(`/review/policies/draft/${format}`, fields, cookies.countyReviewer), params: { format }, context: TEST_CONTEXT } as never)) as Response;
      expect(response.headers.get('content-type')).toContain(type);
      if (format === 'html') expect(await response.text()).toContain('Board of Commissioners of Gaston County');
    }
    const filer = await run(draftRoute.action as Handler, formPost('/review/policies/draft/pdf', fields, ''), { format: 'pdf' });
    expect(filer.status).toBe(302);
  });
});
