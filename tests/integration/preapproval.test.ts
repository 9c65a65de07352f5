/**
 * Municipal pre-approval against real PostgreSQL (issue 14, points 2-4): a town whose police
 * department has no agreement adopts a pre-approval policy with a reporting requirement; nothing
 * is expected until an agreement exists; applications walk their stages with residents'
 * comments; and an agreement that ICE lists without an approved application is flagged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectedFilings } from '~/reporting/filings.server';
import { createPolicy, PolicyRefusedError } from '~/reporting/policies.server';
import { readAuditLog, verifyAuditLog } from '~/reporting/audit-log.server';
import { importIceList } from '~/registry/ice-import.server';
import { recordAgreementSource } from '~/registry/recorded-agreements.server';
import { agencyKey, agencySlug } from '~/registry/names';
import { translator } from '~/i18n/i18n';
import {
  addComment,
  applicationFeedXml,
  applicationRecord,
  applicationsOfAgencySlug,
  ApplicationRefusedError,
  COMMENT_LIMIT,
  hideComment,
  stepApplication,
  submitApplication,
} from '~/preapproval/applications.server';
import { agencyFlags, openFlagsFor, placeFlags, resolveFlag } from '~/preapproval/flags.server';
import { APPLICATION_ITEMS } from '~/preapproval/items';
import { disconnectPrisma } from '~/db/prisma.server';
import { action as pageAction, loader as pageLoader } from '~/routes/preapproval.applications.$id';
import { loader as feedLoader } from '~/routes/preapproval.applications_.$id.feed';
import { seedNcJurisdictions } from '../../seeds/nc-jurisdictions';
import { cookieFor, get, post, run } from '../support/requests';
import { loader as agencyPageLoader } from '~/routes/agencies.$slug';
import { loader as placePageLoader } from '~/routes/places.$state.$slug';
import { loader as reviewLoader } from '~/routes/review';
import { action as resolveAction } from '~/routes/review_.preapproval-flags.$id';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
let duplin: number;
const clerk = { userId: null, label: 'user:clerk' };
const chief = { userId: null, label: 'user:chief' };
const english = translator('en');

/** A town of Duplin County with a police department that has no agreement. */
async function townWithDepartment(name: string) {
  const town = await db.prisma.jurisdiction.create({
    data: { kind: 'MUNICIPALITY', name, searchName: name.toLowerCase(), slug: name.toLowerCase(), stateCode: 'NC', parentId: duplin },
  });
  const agencyName = `${name} Police Department`;
  const agency = await db.prisma.agency.create({
    data: { slug: agencySlug('NC', agencyName), matchKey: agencyKey('NC', agencyName), name: agencyName, kind: 'POLICE', stateCode: 'NC', iceCountyName: 'Duplin', jurisdictionId: town.id },
  });
  return { town, agency };
}

function preapprovalPolicy(jurisdictionId: number, requirements: Parameters<typeof createPolicy>[1]['requirements'], extra: Partial<Parameters<typeof createPolicy>[1]> = {}) {
  return createPolicy(db.prisma, {
    jurisdictionId,
    kind: 'MUNICIPAL_PREAPPROVAL',
    title: 'Pre-approval of 287(g) agreements',
    statute: 'G.S. 160A-281',
    adoptedOn: '2025-11-03',
    oathText: 'I certify that this report is true and complete.',
    requirements,
    ...extra,
  });
}

/** ICE's participating list of that date, holding these police departments' Task Force agreements. */
function iceList(date: string, rows: { agency: string; signed: string }[]) {
  const lines = ['STATE,LAW ENFORCEMENT AGENCY,TYPE,COUNTY,SUPPORT TYPE,SIGNED,MOA'];
  for (const row of rows) lines.push(`NORTH CAROLINA,${row.agency},Municipality,Duplin,Task Force Model,${row.signed},link`);
  return importIceList(db.prisma, { bytes: new TextEncoder().encode(`${lines.join('\n')}\n`), fileName: `participating-${date}.csv`, importedBy: 'test' });
}

/** The refusal's problems (fields and keys), failing if the call succeeded. */
async function refusalOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApplicationRefusedError);
  return (error as ApplicationRefusedError).problems;
}

const completeItems = Object.fromEntries(APPLICATION_ITEMS.map((key) => [key, `The department's ${key}, as written.`]));

/** Walks an application to approval with a comment period of the policy's length. */
async function approve(agencyId: number, model = 'TFM') {
  const application = await submitApplication(db.prisma, { agencyId, model, items: completeItems, actor: chief, now: new Date('2025-11-10T15:00:00Z') });
  await stepApplication(db.prisma, { applicationId: application.id, step: { action: 'startReview' }, side: 'council', actor: clerk, on: '2025-11-12' });
  await stepApplication(db.prisma, { applicationId: application.id, step: { action: 'giveNotice' }, side: 'council', actor: clerk, on: '2025-11-13' });
  await stepApplication(db.prisma, {
    applicationId: application.id,
    step: { action: 'holdHearing', hearingOn: '2025-12-20', place: 'Town Hall', minutes: 'Twelve residents spoke.' },
    side: 'council',
    actor: clerk,
    on: '2025-12-20',
  });
  return stepApplication(db.prisma, {
    applicationId: application.id,
    step: { action: 'decide', decision: 'APPROVED', votesFor: 3, votesAgainst: 2, votesAbstaining: 0 },
    side: 'council',
    actor: clerk,
    on: '2026-01-05',
  });
}

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url; // the routes' own client
  await seedNcJurisdictions(db.prisma);
  duplin = (await db.prisma.jurisdiction.findFirstOrThrow({ where: { kind: 'COUNTY', name: 'Duplin County' } })).id;
});
afterAll(async () => {
  await disconnectPrisma();
  await db.drop();
});

describe('policies for any town, whatever its agencies’ agreements (point 2)', () => {
  it('records a pre-approval policy with no requirement, and still refuses a reporting policy without one', async () => {
    const { town } = await townWithDepartment('Ashford');
    const policy = await preapprovalPolicy(town.id, []);
    expect(policy.requirements).toEqual([]);
    expect(policy.requiredApplicationItems).toEqual([...APPLICATION_ITEMS]);

    const error = await createPolicy(db.prisma, { ...countyLike(town.id), requirements: [] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PolicyRefusedError);
    expect((error as PolicyRefusedError).problems).toEqual([{ field: 'requirements', key: 'policyProblem.requirementsEmpty' }]);
  });

  it('refuses an unknown metric or application item even for an agency without an agreement', async () => {
    const { town, agency } = await townWithDepartment('Bexley');
    const error = await preapprovalPolicy(town.id, [monthly(agency.id, ['ice_requests', 'no_such_metric'])], { requiredApplicationItems: ['reasons', 'horoscope'] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PolicyRefusedError);
    expect((error as PolicyRefusedError).problems.map((problem) => [problem.field, problem.key])).toEqual([['requiredApplicationItems.1', 'preapproval.problem.itemUnknown']]);
    const second = await preapprovalPolicy(town.id, [monthly(agency.id, ['ice_requests', 'no_such_metric'])]).catch((caught: unknown) => caught);
    expect((second as PolicyRefusedError).problems).toEqual([{ field: 'requirements.0.metricKeys', key: 'policyProblem.metricUnknown', params: { metric: 'no_such_metric' } }]);
  });
});

function countyLike(jurisdictionId: number) {
  return { jurisdictionId, kind: 'MUNICIPAL_REPORTING' as const, title: 'Reporting', statute: 'G.S. 160A-281', adoptedOn: '2025-11-03', oathText: 'I certify.' };
}

function monthly(agencyId: number, metricKeys: string[], effectiveFrom = '2025-12-01') {
  return { agencyId, title: 'Monthly 287(g) report', frequency: 'MONTHLY' as const, dueDaysAfterEnd: 15, acceptsLate: true, metricKeys, effectiveFrom };
}

describe('a town whose police department has no agreement adopts the pre-approval template (points 2 and 4)', () => {
  let kenansville: Awaited<ReturnType<typeof townWithDepartment>>;
  let marlow: Awaited<ReturnType<typeof townWithDepartment>>;

  beforeAll(async () => {
    kenansville = await townWithDepartment('Kenansville');
    marlow = await townWithDepartment('Marlow');
    // Task-force metrics although the department has no agreement yet: any model's are accepted.
    await preapprovalPolicy(kenansville.town.id, [monthly(kenansville.agency.id, ['ice_requests', 'task_force_stops', 'task_force_arrests'])], { commentPeriodDays: 14 });
    await preapprovalPolicy(marlow.town.id, [], { commentPeriodDays: 14 });
  });

  it('expects no report while the department has no agreement', async () => {
    const [requirement] = await expectedFilings(db.prisma, kenansville.agency.id, new Date('2026-01-10T12:00:00Z'));
    expect(requirement.requirement.title).toBe('Monthly 287(g) report');
    expect(requirement.periods).toEqual([]);
  });

  it('approving an application first prevents the flag; without one, the ICE list that shows the agreement raises it', async () => {
    const approved = await approve(marlow.agency.id);
    expect(approved).toMatchObject({ stage: 'DECIDED', decision: 'APPROVED', votesFor: 3, votesAgainst: 2 });

    const result = await iceList('2026-01-20', [
      { agency: 'Kenansville Police Department', signed: '1/12/2026' },
      { agency: 'Marlow Police Department', signed: '1/14/2026' },
    ]);
    expect(result.counts.new).toBe(2);

    const flags = await agencyFlags(db.prisma, kenansville.agency.id);
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ resolvedAt: null, agreement: { model: 'TFM', status: 'ACTIVE' }, details: { source: 'ICE participating list of 2026-01-20' } });
    expect(await placeFlags(db.prisma, kenansville.town.id)).toHaveLength(1);
    expect(await agencyFlags(db.prisma, marlow.agency.id)).toEqual([]);
    // Reviewers of Kenansville are told; Marlow's have nothing to see.
    expect((await openFlagsFor(db.prisma, [kenansville.town.id, marlow.town.id])).map((flag) => flag.agency.name)).toEqual(['Kenansville Police Department']);
  });

  it('shows the flag on the agency’s and the town’s pages, and tells the town’s reviewers on /review', async () => {
    const agencyPage = await run(agencyPageLoader, get(`/agencies/${kenansville.agency.slug}`), { slug: kenansville.agency.slug });
    expect((agencyPage.body as { flags: { agencyName: string; model: string; resolvedOn: string | null }[] }).flags).toMatchObject([
      { agencyName: 'Kenansville Police Department', model: 'TFM', resolvedOn: null },
    ]);
    const townPage = await run(placePageLoader, get('/places/nc/kenansville'), { state: 'nc', slug: 'kenansville' });
    expect((townPage.body as { flags: unknown[] }).flags).toHaveLength(1);
    const marlowPage = await run(placePageLoader, get('/places/nc/marlow'), { state: 'nc', slug: 'marlow' });
    expect((marlowPage.body as { flags: unknown[] }).flags).toEqual([]);

    const clerkUser = await db.prisma.user.create({
      data: { email: 'clerk@kenansville.example', name: 'Town Clerk', roles: { create: { role: 'REVIEWER', jurisdictionId: kenansville.town.id } } },
    });
    const cookie = await cookieFor(db.prisma, clerkUser.id);
    const review = await run(reviewLoader, get('/review', cookie));
    const [flag] = (review.body as { flags: { id: number; agencyName: string }[] }).flags;
    expect(flag.agencyName).toBe('Kenansville Police Department');
    // Through the page: a note is required, and nothing is resolved without one.
    const refused = await run(resolveAction, post(`/review/preapproval-flags/${flag.id}`, { note: '' }, cookie), { id: String(flag.id) });
    expect(refused.status).toBe(400);
    expect((await db.prisma.preapprovalFlag.findUniqueOrThrow({ where: { id: flag.id } })).resolvedAt).toBeNull();
  });

  it('expects reports from the month the agreement started, that month partly', async () => {
    const [requirement] = await expectedFilings(db.prisma, kenansville.agency.id, new Date('2026-04-10T12:00:00Z'));
    expect(requirement.periods.map((period) => [period.key, period.partial, period.status])).toEqual([
      ['2026-01', true, 'overdue'],
      ['2026-02', false, 'overdue'],
      ['2026-03', false, 'due'],
    ]);
  });

  it('keeps the flag in the record until a reviewer resolves it with a note, and then still', async () => {
    const [flag] = await agencyFlags(db.prisma, kenansville.agency.id);
    expect(await refusalOf(resolveFlag(db.prisma, { flagId: flag.id, note: '', actor: clerk }))).toEqual([{ field: 'note', key: 'preapproval.problem.resolveNoteRequired' }]);
    await resolveFlag(db.prisma, { flagId: flag.id, note: 'The council has asked the chief to appear on 2 February.', actor: clerk });
    expect(await refusalOf(resolveFlag(db.prisma, { flagId: flag.id, note: 'Again', actor: clerk }))).toEqual([{ field: 'flagId', key: 'preapproval.problem.alreadyResolved' }]);
    const [after] = await agencyFlags(db.prisma, kenansville.agency.id);
    expect(after).toMatchObject({ id: flag.id, resolutionNote: 'The council has asked the chief to appear on 2 February.' });
    expect(after.resolvedAt).not.toBeNull();
    expect(await openFlagsFor(db.prisma, [kenansville.town.id])).toEqual([]);
    await expect(db.prisma.$executeRaw`delete from preapproval_flag where id = ${flag.id}`).rejects.toThrow(/keeps its record/);
    // The same agreement is not flagged twice by a later list.
    await iceList('2026-02-20', [
      { agency: 'Kenansville Police Department', signed: '1/12/2026' },
      { agency: 'Marlow Police Department', signed: '1/14/2026' },
    ]);
    expect(await db.prisma.preapprovalFlag.count()).toBe(1);
  });

  it('flags an agreement recorded from an MOA as well', async () => {
    const { town, agency } = await townWithDepartment('Pinetop');
    await preapprovalPolicy(town.id, []);
    await recordAgreementSource(db.prisma, {
      stateCode: 'NC',
      agencyName: agency.name,
      agencyType: 'MUNICIPALITY',
      countyName: 'Duplin County',
      model: 'TFM',
      signedOn: '2026-02-25',
      kind: 'MOA',
      title: 'Memorandum of Agreement, Pinetop Police Department',
      url: null,
      note: null,
      recordedBy: 'test',
    });
    expect((await agencyFlags(db.prisma, agency.id)).map((flag) => flag.details)).toEqual([
      { model: 'TFM', status: 'ACTIVE', source: 'MOA: Memorandum of Agreement, Pinetop Police Department' },
    ]);
  });
});

describe('a pre-approval application walks its stages (point 3)', () => {
  let applicationId: number;
  let withdrawnId: number;

  beforeAll(async () => {
    const { town, agency } = await townWithDepartment('Calypso');
    await preapprovalPolicy(town.id, [], { commentPeriodDays: 14, requiredApplicationItems: ['reasons', 'draftMoa', 'costStaff', 'antiProfilingPolicy'] });
    const submitted = await submitApplication(db.prisma, {
      agencyId: agency.id,
      model: 'TFM',
      items: { reasons: 'Drug interdiction on US 117.', costStaff: 'Two officers, 0.5 FTE each.' },
      actor: chief,
      now: new Date('2026-01-05T15:00:00Z'),
    });
    applicationId = submitted.id;
    // 9 p.m. in North Carolina, already March 3 in UTC: the page dates it by the New York day.
    const second = await submitApplication(db.prisma, { agencyId: agency.id, model: 'TFM', items: completeItems, actor: chief, now: new Date('2026-03-03T02:00:00Z') });
    withdrawnId = second.id;
    expect((await applicationsOfAgencySlug(db.prisma, agency.slug)).map((one) => one.createdAt)).toEqual(['2026-03-02', '2026-01-05']);
  });

  const step = (input: Omit<Parameters<typeof stepApplication>[1], 'applicationId' | 'actor'> & { applicationId?: number }) =>
    stepApplication(db.prisma, { applicationId, actor: input.side === 'agency' ? chief : clerk, ...input });

  it('returns an incomplete application, takes it back when resubmitted, and gives notice of it', async () => {
    expect(await refusalOf(step({ step: { action: 'startReview' }, side: 'agency' }))).toEqual([{ field: 'action', key: 'preapproval.problem.notYourStep' }]);
    await step({ step: { action: 'startReview' }, side: 'council', on: '2026-01-06' });
    const incomplete = await refusalOf(step({ step: { action: 'giveNotice' }, side: 'council', on: '2026-01-07' }));
    expect(incomplete).toEqual([{ field: 'items', key: 'preapproval.problem.incomplete', params: { items: 'draftMoa, antiProfilingPolicy', count: 2 } }]);
    expect(english(incomplete[0].key, incomplete[0].params)).toBe('The application is incomplete: 2 items are missing (draftMoa, antiProfilingPolicy). Return it to the agency.');
    await step({ step: { action: 'return', reason: 'The draft MOA and the anti-profiling policy are missing.' }, side: 'council', on: '2026-01-07' });
    expect(await refusalOf(step({ step: { action: 'giveNotice' }, side: 'council' }))).toMatchObject([{ key: 'preapproval.problem.wrongStage' }]);
    await step({ step: { action: 'resubmit' }, side: 'agency', on: '2026-01-20', items: { ...completeItems, reasons: 'Drug interdiction on US 117.' } });
    await step({ step: { action: 'startReview' }, side: 'council', on: '2026-01-21' });
    const notice = await step({ step: { action: 'giveNotice' }, side: 'council', on: '2026-02-02' });
    expect(notice.stage).toBe('PUBLIC_NOTICE');
    expect(notice.commentsCloseOn?.toISOString().slice(0, 10)).toBe('2026-02-15');
  });

  it('takes residents’ comments in the period, named or not, hides one with its reason, and refuses a late one with a message', async () => {
    const anonymous = await addComment(db.prisma, { applicationId, body: 'Please hold the hearing in the evening.', ip: '198.51.100.7', now: new Date('2026-02-05T20:00:00Z') });
    expect(anonymous.name).toBeNull();
    const named = await addComment(db.prisma, { applicationId, name: 'R. Diaz', body: 'This is spam with a link.', ip: '198.51.100.8', now: new Date('2026-02-15T23:30:00Z') });
    await hideComment(db.prisma, { commentId: named.id, reason: 'Advertising, not a comment on the application.', actor: clerk });

    const late = await refusalOf(addComment(db.prisma, { applicationId, body: 'Too late?', ip: '198.51.100.9', now: new Date('2026-02-16T15:00:00Z') }));
    expect(late).toEqual([{ field: 'body', key: 'preapproval.comment.closed', params: { date: '2026-02-15' } }]);
    expect(english(late[0].key, late[0].params)).toBe('The comment period closed on 2026-02-15: comments are no longer taken.');
    expect(translator('es')(late[0].key, late[0].params)).toBe('El período de comentarios terminó el 2026-02-15: ya no se aceptan comentarios.');

    // The hidden comment is still in the record, text and all; the public record shows the reason instead.
    const stored = await db.prisma.applicationComment.findUniqueOrThrow({ where: { id: named.id } });
    expect(stored).toMatchObject({ body: 'This is spam with a link.', name: 'R. Diaz', hiddenReason: 'Advertising, not a comment on the application.' });
    const record = await applicationRecord(db.prisma, applicationId);
    expect(record!.comments).toMatchObject([
      { id: anonymous.id, hidden: false, body: 'Please hold the hearing in the evening.', name: null },
      { id: named.id, hidden: true, body: null, name: null, hiddenReason: 'Advertising, not a comment on the application.' },
    ]);
  });

  it('holds the hearing only after the comment period, then records the decision and its vote', async () => {
    const hearing = { action: 'holdHearing' as const, hearingOn: '2026-02-12', place: 'Town Hall', minutes: 'Minutes of the hearing.' };
    expect((await refusalOf(step({ step: hearing, side: 'council', on: '2026-02-12' }))).map((problem) => problem.key)).toEqual([
      'preapproval.problem.commentsStillOpen',
      'preapproval.problem.hearingDate',
    ]);
    await step({ step: { ...hearing, hearingOn: '2026-02-23' }, side: 'council', on: '2026-02-23' });
    expect(await refusalOf(step({ step: { action: 'decide', decision: 'APPROVED_WITH_CONDITIONS', votesFor: 3, votesAgainst: 2, votesAbstaining: 0 }, side: 'council' }))).toEqual([
      { field: 'conditions', key: 'preapproval.problem.conditionsRequired' },
    ]);
    expect(await refusalOf(step({ step: { action: 'decide', decision: 'APPROVED', votesFor: 2, votesAgainst: 3, votesAbstaining: 0 }, side: 'council' }))).toEqual([
      { field: 'votes', key: 'preapproval.problem.voteDisagrees' },
    ]);
    const decided = await step({ step: { action: 'decide', decision: 'DENIED', votesFor: 1, votesAgainst: 4, votesAbstaining: 0 }, side: 'council', on: '2026-03-02' });
    expect(decided).toMatchObject({ stage: 'DECIDED', decision: 'DENIED', votesFor: 1, votesAgainst: 4, hearingPlace: 'Town Hall' });
    // Decided is final: not even the agency can withdraw it now.
    expect(await refusalOf(step({ step: { action: 'withdraw' }, side: 'agency' }))).toMatchObject([{ key: 'preapproval.problem.wrongStage' }]);

    const record = await applicationRecord(db.prisma, applicationId);
    expect(record!.events.map((event) => [event.fromStage, event.toStage, event.effectiveOn])).toEqual([
      [null, 'SUBMITTED', '2026-01-05'],
      ['SUBMITTED', 'COMPLETENESS_REVIEW', '2026-01-06'],
      ['COMPLETENESS_REVIEW', 'RETURNED', '2026-01-07'],
      ['RETURNED', 'SUBMITTED', '2026-01-20'],
      ['SUBMITTED', 'COMPLETENESS_REVIEW', '2026-01-21'],
      ['COMPLETENESS_REVIEW', 'PUBLIC_NOTICE', '2026-02-02'],
      ['PUBLIC_NOTICE', 'PUBLIC_HEARING', '2026-02-23'],
      ['PUBLIC_HEARING', 'DECIDED', '2026-03-02'],
    ]);
  });

  it('lets the agency withdraw from an open stage, rate-limits comments, and closes the record', async () => {
    await stepApplication(db.prisma, { applicationId: withdrawnId, step: { action: 'startReview' }, side: 'council', actor: clerk, on: '2026-03-03' });
    await stepApplication(db.prisma, { applicationId: withdrawnId, step: { action: 'giveNotice' }, side: 'council', actor: clerk, on: '2026-03-04' });
    const at = (minute: number) => new Date(Date.UTC(2026, 2, 5, 15, minute));
    for (let i = 0; i < COMMENT_LIMIT.max; i++) {
      await addComment(db.prisma, { applicationId: withdrawnId, body: `Comment ${i + 1}`, ip: '203.0.113.5', now: at(i) });
    }
    const limited = await refusalOf(addComment(db.prisma, { applicationId: withdrawnId, body: 'One more', ip: '203.0.113.5', now: at(10) }));
    expect(limited).toMatchObject([{ field: 'body', key: 'preapproval.comment.tooMany' }]);
    // Another network is not held back.
    await addComment(db.prisma, { applicationId: withdrawnId, body: 'From elsewhere', ip: '203.0.114.5', now: at(11) });

    expect(await refusalOf(stepApplication(db.prisma, { applicationId: withdrawnId, step: { action: 'withdraw' }, side: 'council', actor: clerk }))).toMatchObject([
      { key: 'preapproval.problem.notYourStep' },
    ]);
    const withdrawn = await stepApplication(db.prisma, { applicationId: withdrawnId, step: { action: 'withdraw', reason: 'The chief retired.' }, side: 'agency', actor: chief, on: '2026-03-06' });
    expect(withdrawn.stage).toBe('WITHDRAWN');
    expect(await refusalOf(addComment(db.prisma, { applicationId: withdrawnId, body: 'Still open?', ip: '203.0.114.9', now: at(20) }))).toMatchObject([
      { key: 'preapproval.comment.notOpen' },
    ]);
  });

  it('deletes nothing, publishes each stage in Atom, and keeps the audit chain valid', async () => {
    const counts = async () => ({
      applications: await db.prisma.preapprovalApplication.count(),
      events: await db.prisma.applicationEvent.count(),
      comments: await db.prisma.applicationComment.count(),
    });
    const before = await counts();
    await expect(db.prisma.$executeRaw`delete from application_comment where application_id = ${applicationId}`).rejects.toThrow(/keeps its record/);
    await expect(db.prisma.$executeRaw`delete from application_event where application_id = ${applicationId}`).rejects.toThrow(/append-only/);
    await expect(db.prisma.$executeRaw`update application_event set effective_on = '2026-01-01' where application_id = ${applicationId}`).rejects.toThrow(/append-only/);
    await expect(db.prisma.$executeRaw`delete from preapproval_application where id = ${applicationId}`).rejects.toThrow(/keeps its record/);
    expect(await counts()).toEqual(before);

    const feed = await applicationFeedXml(db.prisma, applicationId, { origin: 'https://portal.test', t: english, lang: 'en' });
    expect(feed!.match(/<entry>/g)).toHaveLength(8);
    expect(feed).toContain('Calypso Police Department: Returned as incomplete');
    const spanish = await applicationFeedXml(db.prisma, applicationId, { origin: 'https://portal.test', t: translator('es'), lang: 'es' });
    expect(spanish).toContain('Calypso Police Department: Devuelta por incompleta');

    const chain = await readAuditLog(db.prisma);
    const events = await db.prisma.applicationEvent.count();
    expect(chain.filter((entry) => entry.kind === 'preapproval_stage')).toHaveLength(events);
    expect(chain.filter((entry) => entry.kind === 'preapproval_comment')).toHaveLength(await db.prisma.applicationComment.count());
    expect(chain.filter((entry) => entry.kind === 'preapproval_comment_hidden')).toHaveLength(1);
    expect(await verifyAuditLog(db.prisma)).toMatchObject({ valid: true, count: chain.length });
  });
});

describe('the public page of an application, without an account', () => {
  it('shows the timeline and a hidden comment by its reason only, and offers no controls', async () => {
    const application = await db.prisma.preapprovalApplication.findFirstOrThrow({ where: { agency: { name: 'Calypso Police Department' }, stage: 'DECIDED' } });
    const page = await run(pageLoader, get(`/preapproval/applications/${application.id}`), { id: String(application.id) });
    expect(page.status).toBe(200);
    const body = page.body as Awaited<ReturnType<typeof pageLoader>>;
    expect(body.application.events).toHaveLength(8);
    expect(body.application.comments.map((comment) => [comment.hidden, comment.body, comment.hiddenReason])).toEqual([
      [false, 'Please hold the hearing in the evening.', null],
      [true, null, 'Advertising, not a comment on the application.'],
    ]);
    expect(JSON.stringify(body)).not.toContain('This is spam with a link.');
    expect(body.councilActions).toEqual([]);
    expect(body.agencyActions).toEqual([]);

    const feed = await run(feedLoader, get(`/preapproval/applications/${application.id}/feed`), { id: String(application.id) });
    expect(feed.status).toBe(200);
    expect(String(feed.body).match(/<entry>/g)).toHaveLength(8);
  });

  it('refuses a late comment with the message in Spanish, and a step by someone not signed in', async () => {
    const application = await db.prisma.preapprovalApplication.findFirstOrThrow({ where: { agency: { name: 'Calypso Police Department' }, stage: 'DECIDED' } });
    const comment = new Request(`http://portal.test/preapproval/applications/${application.id}`, {
      method: 'POST',
      body: new URLSearchParams({ intent: 'comment', body: '¿Todavía se puede comentar?' }),
      headers: { 'accept-language': 'es' },
    });
    const refused = await run(pageAction, comment, { id: String(application.id) });
    expect(refused.status).toBe(400);
    expect((refused.body as { errors: Record<string, string> }).errors.body).toBe('El período de comentarios terminó el 2026-02-15: ya no se aceptan comentarios.');
    const before = await db.prisma.applicationComment.count();
    const step = new Request(`http://portal.test/preapproval/applications/${application.id}`, { method: 'POST', body: new URLSearchParams({ intent: 'step', action: 'withdraw' }) });
    expect((await run(pageAction, step, { id: String(application.id) })).location).toMatch(/^\/sign-in/);
    expect(await db.prisma.applicationComment.count()).toBe(before);
  });
});
