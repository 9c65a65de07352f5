/**
 * Who may reach what: every route that reads or changes protected data, run as each kind of
 * person. Those allowed get through (any answer but a refusal); signed-in people without the
 * right get 403; anonymous visitors are sent to sign in. Ids of another agency or place,
 * crafted into the URL or the form, are refused the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '~/db/prisma.server';
import * as account from '~/routes/account';
import * as calendarFeed from '~/routes/calendar.$file';
import * as alertsSubscribe from '~/routes/alerts.subscribe';
import * as alertsConfirm from '~/routes/alerts.confirm.$token';
import * as alertsUnsubscribe from '~/routes/alerts.unsubscribe.$token';
import * as adminHome from '~/routes/admin._index';
import * as adminAccount from '~/routes/admin.accounts.$id/route';
import * as adminAccounts from '~/routes/admin.accounts';
import * as adminAgencies from '~/routes/admin.agencies';
import * as adminAgreements from '~/routes/admin.agreements';
import * as adminEvents from '~/routes/admin.events';
import * as adminJobs from '~/routes/admin.jobs';
import * as adminImport from '~/routes/admin.imports.$id/route';
import * as adminImports from '~/routes/admin.imports/route';
import * as adminPlaces from '~/routes/admin.places';
import * as tokens from '~/routes/agency.$slug.tokens';
import * as filing from '~/routes/filings.$id/route';
import * as filings from '~/routes/filings._index';
import * as csvTemplate from '~/routes/filings.template.$requirementId[.csv]';
import * as csvUpload from '~/routes/filings.upload.$requirementId/route';
import * as policies from '~/routes/review_.policies/route';
import * as policyTemplates from '~/routes/review_.policies_.templates';
import * as adoptPolicy from '~/routes/review_.policies_.adopt.$template';
import * as amendPolicy from '~/routes/review_.policies_.$id.amend';
import * as policyDraft from '~/routes/review_.policies_.draft.$format';
import * as reviewCompliance from '~/routes/review_.compliance';
import * as reviewComplianceCsv from '~/routes/review_.compliance[.csv]';
import * as meetingSummary from '~/routes/review_.compliance_.summary';
import * as meetingSummaryPdf from '~/routes/review_.compliance_.summary[.pdf]';
import * as reviewFiling from '~/routes/review_.filings.$id';
import * as reviewFilings from '~/routes/review_.filings._index';
import * as requirement from '~/routes/review_.requirements.$id';
import * as noticePdf from '~/routes/agencies_.$slug.notices.$file';
import * as refusalLetter from '~/routes/agencies_.$slug.refusals.$id.file';
import { openFiling } from '~/reporting/filings.server';
import * as review from '~/routes/review';
import * as agencyApplications from '~/routes/agency.$slug.applications';
import * as preapprovalApplication from '~/routes/preapproval.applications.$id';
import * as preapprovalFlag from '~/routes/review_.preapproval-flags.$id';
import { submitApplication } from '~/preapproval/applications.server';
import { prepareDatabase } from '../../scripts/db/prepare';
import { cookieFor, get, post, run, type Outcome } from '../support/requests';
import { pointIceAtClosedPort } from '../support/free-port';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

type Who = 'anonymous' | 'filerA' | 'filerB' | 'reviewerA' | 'reviewerB' | 'operator';
const EVERYONE: Who[] = ['anonymous', 'filerA', 'filerB', 'reviewerA', 'reviewerB', 'operator'];
const SIGNED_IN: Who[] = ['filerA', 'filerB', 'reviewerA', 'reviewerB', 'operator'];

let db: TestDatabase;
const cookies: Partial<Record<Who, string>> = {};
const ids = { agencyA: 0, agencyB: 0, filerAUser: 0, pendingImport: 0, filingA: 0, requirementA: 0, placeA: 0, applicationA: 0, flagA: 0, policyA: 0 };
const A = 'nc-gaston-county-sheriffs-office';
const B = 'nc-cabarrus-county-sheriffs-office';

beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.url, () => {}, true);
  process.env.DATABASE_URL = db.url;
  await pointIceAtClosedPort();
  const user = (email: string) => db.prisma.user.findUniqueOrThrow({ where: { email } });
  // The demo accounts, plus a reviewer for another county (Cabarrus).
  const cabarrus = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { fips: '37025' } });
  const reviewerB = await db.prisma.user.create({
    data: { email: 'reviewer.cabarrus@example.org', name: 'Reviewer B', roles: { create: { role: 'REVIEWER', jurisdictionId: cabarrus.id } } },
  });
  const filerA = await user('filer.gaston@example.org');
  cookies.filerA = await cookieFor(db.prisma, filerA.id);
  cookies.filerB = await cookieFor(db.prisma, (await user('filer.cabarrus@example.org')).id);
  cookies.reviewerA = await cookieFor(db.prisma, (await user('reviewer.gaston@example.org')).id);
  cookies.reviewerB = await cookieFor(db.prisma, reviewerB.id);
  const operator = await user('admin@example.org');
  cookies.operator = await cookieFor(db.prisma, operator.id);
  ids.filerAUser = filerA.id;
  ids.agencyA = (await db.prisma.agency.findUniqueOrThrow({ where: { slug: A } })).id;
  ids.agencyB = (await db.prisma.agency.findUniqueOrThrow({ where: { slug: B } })).id;
  // A's report for 2025 Q1 under the demo policy of Gaston County.
  const requirementA = await db.prisma.requirement.findFirstOrThrow({ where: { agencyId: ids.agencyA } });
  ids.requirementA = requirementA.id;
  ids.policyA = requirementA.policyId;
  ids.filingA = (await openFiling(db.prisma, { requirementId: requirementA.id, periodKey: '2025-Q1' })).id;
  ids.placeA = (await db.prisma.jurisdiction.findUniqueOrThrow({ where: { fips: '37071' } })).id;
  // A pre-approval policy of A's place, an application of A's agency and a flag on its agreement.
  const preapproval = await db.prisma.policy.create({
    data: { jurisdictionId: ids.placeA, kind: 'MUNICIPAL_PREAPPROVAL', title: 'Pre-approval', statute: 'G.S. 160A-281', adoptedOn: new Date('2025-01-06'), oathText: 'I certify.' },
  });
  ids.applicationA = (await submitApplication(db.prisma, { agencyId: ids.agencyA, model: 'TFM', items: {}, actor: { userId: filerA.id, label: 'test' } })).id;
  const agreementA = await db.prisma.agreement.findFirstOrThrow({ where: { agencyId: ids.agencyA } });
  ids.flagA = (await db.prisma.preapprovalFlag.create({ data: { agreementId: agreementA.id, agencyId: ids.agencyA, policyId: preapproval.id } })).id;
  ids.pendingImport = (
    await db.prisma.pendingImport.create({ data: { fileName: 'x.csv', bytes: Buffer.from('x'), uploadedById: operator.id } })
  ).id;
});
afterAll(async () => {
  await disconnectPrisma();
  await db.drop();
});

type Handler = Parameters<typeof run>[0];
interface Case {
  name: string;
  handler: Handler;
  request: (cookie?: string) => Request;
  params?: () => Record<string, string>;
  allowed: Who[];
}

const multipart = (url: string, cookie?: string) =>
  new Request(`http://portal.test${url}`, { method: 'POST', body: new FormData(), headers: cookie ? { cookie } : {} });

/** The refusal form as a browser posts it: multipart, with a letter (a probe: refused as no period is named). */
function refusalProbe(url: string, cookie?: string) {
  const body = new FormData();
  body.append('intent', 'refuse');
  body.append('declinedOn', 'probe');
  body.append('statement', 'probe');
  body.append('letter', new File([new Uint8Array(Buffer.from('%PDF-1.7\n%%EOF\n'))], 'probe.pdf', { type: 'application/pdf' }));
  return new Request(`http://portal.test${url}`, { method: 'POST', body, headers: cookie ? { cookie } : {} });
}

/** The operator page's "Fetch ICE's lists now" button: a multipart form like the upload's. */
function fetchNow(cookie?: string) {
  const body = new FormData();
  body.append('intent', 'fetch');
  return new Request('http://portal.test/admin/imports', { method: 'POST', body, headers: cookie ? { cookie } : {} });
}

const CASES: Case[] = [
  { name: 'GET /account', handler: account.loader as Handler, request: (c) => get('/account', c), allowed: SIGNED_IN },
  { name: 'POST /account', handler: account.action as Handler, request: (c) => post('/account', { intent: 'probe' }, c), allowed: SIGNED_IN },
  // The calendar feed of due dates is for people who file for an agency.
  {
    name: 'POST /account making a calendar link',
    handler: account.action as Handler,
    request: (c) => post('/account', { intent: 'calendar-create' }, c),
    allowed: ['filerA', 'filerB'],
  },
  {
    name: 'POST /account turning off a calendar link',
    handler: account.action as Handler,
    request: (c) => post('/account', { intent: 'calendar-revoke' }, c),
    allowed: ['filerA', 'filerB'],
  },
  // Mail settings are for people the portal mails: filers and heads (reminders), reviewers (digest).
  {
    name: 'POST /account saving mail settings',
    handler: account.action as Handler,
    request: (c) => post('/account', { intent: 'mail-settings', reminderMailShown: '1', digestMailShown: '1', reminderMail: 'on', digestMail: 'on', mailLanguage: 'en' }, c),
    allowed: ['filerA', 'filerB', 'reviewerA', 'reviewerB'],
  },
  { name: 'GET /review', handler: review.loader as Handler, request: (c) => get('/review', c), allowed: ['reviewerA', 'reviewerB'] },
  {
    name: "POST /review inviting a filer for A's agency",
    handler: review.action as Handler,
    request: (c) => post('/review', { email: `new.${Math.random()}@example.org`, role: 'FILER', agencyId: ids.agencyA }, c),
    allowed: ['reviewerA'],
  },
  {
    name: `GET /agency/${A}/tokens`,
    handler: tokens.loader as Handler,
    request: (c) => get(`/agency/${A}/tokens`, c),
    params: () => ({ slug: A }),
    allowed: ['filerA'],
  },
  {
    name: `POST /agency/${A}/tokens`,
    handler: tokens.action as Handler,
    request: (c) => post(`/agency/${A}/tokens`, { intent: 'create', name: 'probe' }, c),
    params: () => ({ slug: A }),
    allowed: ['filerA'],
  },
  {
    name: `GET /agency/${B}/tokens`,
    handler: tokens.loader as Handler,
    request: (c) => get(`/agency/${B}/tokens`, c),
    params: () => ({ slug: B }),
    allowed: ['filerB'],
  },
  { name: 'GET /filings', handler: filings.loader as Handler, request: (c) => get('/filings', c), allowed: ['filerA', 'filerB'] },
  {
    name: "POST /filings opening a period of A's requirement",
    handler: filings.action as Handler,
    request: (c) => post('/filings', { requirementId: ids.requirementA, periodKey: '2025-Q2' }, c),
    allowed: ['filerA'],
  },
  {
    name: "GET /filings/:id (A's report)",
    handler: filing.loader as Handler,
    request: (c) => get(`/filings/${ids.filingA}`, c),
    params: () => ({ id: String(ids.filingA) }),
    allowed: ['filerA'],
  },
  {
    name: "POST /filings/:id saving A's draft",
    handler: filing.action as Handler,
    request: (c) => post(`/filings/${ids.filingA}`, { intent: 'save', detainers_received: '4' }, c),
    params: () => ({ id: String(ids.filingA) }),
    allowed: ['filerA'],
  },
  {
    name: "GET /filings/template/:id.csv (A's requirement)",
    handler: csvTemplate.loader as Handler,
    request: (c) => get(`/filings/template/${ids.requirementA}.csv`, c),
    params: () => ({ requirementId: String(ids.requirementA) }),
    allowed: ['filerA'],
  },
  {
    name: "GET /filings/upload/:id (A's requirement)",
    handler: csvUpload.loader as Handler,
    request: (c) => get(`/filings/upload/${ids.requirementA}`, c),
    params: () => ({ requirementId: String(ids.requirementA) }),
    allowed: ['filerA'],
  },
  {
    name: "POST /filings/upload/:id (A's requirement)",
    handler: csvUpload.action as Handler,
    request: (c) => multipart(`/filings/upload/${ids.requirementA}`, c),
    params: () => ({ requirementId: String(ids.requirementA) }),
    allowed: ['filerA'],
  },
  { name: 'GET /review/policies', handler: policies.loader as Handler, request: (c) => get('/review/policies', c), allowed: ['reviewerA', 'reviewerB'] },
  {
    name: "POST /review/policies for A's county",
    handler: policies.action as Handler,
    request: (c) => post('/review/policies', { jurisdictionId: ids.placeA, title: '' }, c),
    allowed: ['reviewerA'],
  },
  { name: 'GET /review/policies/templates', handler: policyTemplates.loader as Handler, request: (c) => get('/review/policies/templates', c), allowed: ['reviewerA', 'reviewerB', 'operator'] },
  {
    name: "GET /review/policies/adopt/county_reporting for A's county",
    handler: adoptPolicy.loader as Handler,
    request: (c) => get(`/review/policies/adopt/county_reporting?place=${ids.placeA}`, c),
    params: () => ({ template: 'county_reporting' }),
    allowed: ['reviewerA', 'operator'],
  },
  {
    name: "POST /review/policies/adopt/county_reporting previewing for A's county",
    handler: adoptPolicy.action as Handler,
    request: (c) => post(`/review/policies/adopt/county_reporting?place=${ids.placeA}`, { intent: 'preview' }, c),
    params: () => ({ template: 'county_reporting' }),
    allowed: ['reviewerA', 'operator'],
  },
  {
    name: "GET /review/policies/:id/amend (A's county's policy)",
    handler: amendPolicy.loader as Handler,
    request: (c) => get(`/review/policies/${ids.policyA}/amend`, c),
    params: () => ({ id: String(ids.policyA) }),
    allowed: ['reviewerA', 'operator'],
  },
  {
    name: 'POST /review/policies/draft/pdf',
    handler: policyDraft.action as Handler,
    request: (c) => post('/review/policies/draft/pdf', { templateId: 'county_reporting' }, c),
    params: () => ({ format: 'pdf' }),
    allowed: ['reviewerA', 'reviewerB', 'operator'],
  },
  { name: 'GET /review/filings', handler: reviewFilings.loader as Handler, request: (c) => get('/review/filings', c), allowed: ['reviewerA', 'reviewerB'] },
  { name: 'GET /review/compliance', handler: reviewCompliance.loader as Handler, request: (c) => get('/review/compliance', c), allowed: ['reviewerA', 'reviewerB'] },
  { name: 'GET /review/compliance.csv', handler: reviewComplianceCsv.loader as Handler, request: (c) => get('/review/compliance.csv', c), allowed: ['reviewerA', 'reviewerB'] },
  {
    name: "GET /review/compliance/summary (A's place)",
    handler: meetingSummary.loader as Handler,
    request: (c) => get(`/review/compliance/summary?place=${ids.placeA}&period=2025-Q1`, c),
    allowed: ['reviewerA', 'operator'],
  },
  {
    name: "GET /review/compliance/summary.pdf (A's place)",
    handler: meetingSummaryPdf.loader as Handler,
    request: (c) => get(`/review/compliance/summary.pdf?place=${ids.placeA}&period=2025-Q1`, c),
    allowed: ['reviewerA', 'operator'],
  },
  {
    name: "GET /review/filings/:id (A's report)",
    handler: reviewFiling.loader as Handler,
    request: (c) => get(`/review/filings/${ids.filingA}`, c),
    params: () => ({ id: String(ids.filingA) }),
    allowed: ['reviewerA', 'operator'],
  },
  {
    name: "POST /review/filings/:id deciding on A's report",
    handler: reviewFiling.action as Handler,
    request: (c) => post(`/review/filings/${ids.filingA}`, { decision: 'probe', revisionNumber: 1, note: '' }, c),
    params: () => ({ id: String(ids.filingA) }),
    allowed: ['reviewerA'],
  },
  {
    name: "GET /review/requirements/:id (A's requirement)",
    handler: requirement.loader as Handler,
    request: (c) => get(`/review/requirements/${ids.requirementA}`, c),
    params: () => ({ id: String(ids.requirementA) }),
    allowed: ['reviewerA'],
  },
  {
    name: "POST /review/requirements/:id amending A's requirement",
    handler: requirement.action as Handler,
    request: (c) => post(`/review/requirements/${ids.requirementA}`, { frequency: 'probe' }, c),
    params: () => ({ id: String(ids.requirementA) }),
    allowed: ['reviewerA'],
  },
  {
    name: "POST /review/requirements/:id granting an extension of A's requirement",
    handler: requirement.action as Handler,
    request: (c) => post(`/review/requirements/${ids.requirementA}`, { intent: 'extend', periodKey: 'probe', until: '', reason: '' }, c),
    params: () => ({ id: String(ids.requirementA) }),
    allowed: ['reviewerA'],
  },
  {
    name: "POST /review/requirements/:id recording a refusal to report of A's agency (multipart)",
    handler: requirement.action as Handler,
    request: (c) => refusalProbe(`/review/requirements/${ids.requirementA}`, c),
    params: () => ({ id: String(ids.requirementA) }),
    allowed: ['reviewerA'],
  },
  {
    name: "POST /review/requirements/:id making a notice of non-compliance to A's agency",
    handler: requirement.action as Handler,
    request: (c) => post(`/review/requirements/${ids.requirementA}`, { intent: 'notice', respondBy: 'probe', language: 'en' }, c),
    params: () => ({ id: String(ids.requirementA) }),
    allowed: ['reviewerA'],
  },
  {
    name: "POST /review/requirements/:id recording that a notice to A's agency was sent",
    handler: requirement.action as Handler,
    request: (c) => post(`/review/requirements/${ids.requirementA}`, { intent: 'notice_sent', noticeId: '1', sentOn: 'probe', sentHow: '' }, c),
    params: () => ({ id: String(ids.requirementA) }),
    allowed: ['reviewerA'],
  },
  {
    name: 'GET /agencies/:slug/notices/:id.pdf (public)',
    handler: noticePdf.loader as Handler,
    request: (c) => get(`/agencies/${A}/notices/1.pdf`, c),
    params: () => ({ slug: A, file: '1.pdf' }),
    allowed: EVERYONE,
  },
  {
    name: 'GET /agencies/:slug/refusals/:id/file (public)',
    handler: refusalLetter.loader as Handler,
    request: (c) => get(`/agencies/${A}/refusals/1/file`, c),
    params: () => ({ slug: A, id: '1' }),
    allowed: EVERYONE,
  },
  {
    name: `GET /agency/${A}/applications`,
    handler: agencyApplications.loader as Handler,
    request: (c) => get(`/agency/${A}/applications`, c),
    params: () => ({ slug: A }),
    allowed: ['filerA'],
  },
  {
    name: `POST /agency/${A}/applications (an empty application)`,
    handler: agencyApplications.action as Handler,
    request: (c) => post(`/agency/${A}/applications`, { model: '' }, c),
    params: () => ({ slug: A }),
    allowed: ['filerA'],
  },
  {
    name: 'GET /alerts/subscribe (public: residents follow a place with no account)',
    handler: alertsSubscribe.loader as Handler,
    request: (c) => get('/alerts/subscribe?place=nc%2Fgaston-county', c),
    allowed: EVERYONE,
  },
  {
    name: 'POST /alerts/subscribe (public)',
    handler: alertsSubscribe.action as Handler,
    request: (c) => post('/alerts/subscribe?place=nc%2Fgaston-county', { place: 'nc/gaston-county', email: 'matrix.follower@example.org' }, c),
    allowed: EVERYONE,
  },
  {
    name: 'GET and POST /alerts/confirm/:token (public: the token is the credential, a session none)',
    handler: alertsConfirm.action as Handler,
    request: (c) => post(`/alerts/confirm/${'A'.repeat(43)}`, {}, c),
    params: () => ({ token: 'A'.repeat(43) }),
    allowed: EVERYONE,
  },
  {
    name: 'POST /alerts/unsubscribe/:token (public: the token is the credential, a session none)',
    handler: alertsUnsubscribe.action as Handler,
    request: (c) => post(`/alerts/unsubscribe/${'A'.repeat(43)}`, { intent: 'erase' }, c),
    params: () => ({ token: 'A'.repeat(43) }),
    allowed: EVERYONE,
  },
  {
    name: "GET /preapproval/applications/:id (public)",
    handler: preapprovalApplication.loader as Handler,
    request: (c) => get(`/preapproval/applications/${ids.applicationA}`, c),
    params: () => ({ id: String(ids.applicationA) }),
    allowed: EVERYONE,
  },
  {
    name: "POST /preapproval/applications/:id: the council's step on A's application",
    handler: preapprovalApplication.action as Handler,
    request: (c) => post(`/preapproval/applications/${ids.applicationA}`, { intent: 'step', action: 'return', reason: '' }, c),
    params: () => ({ id: String(ids.applicationA) }),
    allowed: ['reviewerA'],
  },
  {
    name: "POST /preapproval/applications/:id: the agency's step on A's application",
    handler: preapprovalApplication.action as Handler,
    request: (c) => post(`/preapproval/applications/${ids.applicationA}`, { intent: 'step', action: 'resubmit' }, c),
    params: () => ({ id: String(ids.applicationA) }),
    allowed: ['filerA'],
  },
  {
    name: "POST /preapproval/applications/:id: hiding a comment on A's application",
    handler: preapprovalApplication.action as Handler,
    request: (c) => post(`/preapproval/applications/${ids.applicationA}`, { intent: 'hide', commentId: 999999, reason: 'probe' }, c),
    params: () => ({ id: String(ids.applicationA) }),
    allowed: ['reviewerA'],
  },
  {
    name: "GET /review/preapproval-flags/:id (A's flag)",
    handler: preapprovalFlag.loader as Handler,
    request: (c) => get(`/review/preapproval-flags/${ids.flagA}`, c),
    params: () => ({ id: String(ids.flagA) }),
    allowed: ['reviewerA'],
  },
  {
    name: "POST /review/preapproval-flags/:id resolving A's flag",
    handler: preapprovalFlag.action as Handler,
    request: (c) => post(`/review/preapproval-flags/${ids.flagA}`, { note: '' }, c),
    params: () => ({ id: String(ids.flagA) }),
    allowed: ['reviewerA'],
  },
  { name: 'GET /admin', handler: adminHome.loader as Handler, request: (c) => get('/admin', c), allowed: ['operator'] },
  { name: 'GET /admin/accounts', handler: adminAccounts.loader as Handler, request: (c) => get('/admin/accounts', c), allowed: ['operator'] },
  {
    name: 'POST /admin/accounts',
    handler: adminAccounts.action as Handler,
    request: (c) => post('/admin/accounts', { email: 'not-an-email' }, c),
    allowed: ['operator'],
  },
  {
    name: "GET /admin/accounts/:id (A's filer)",
    handler: adminAccount.loader as Handler,
    request: (c) => get(`/admin/accounts/${ids.filerAUser}`, c),
    params: () => ({ id: String(ids.filerAUser) }),
    allowed: ['operator'],
  },
  {
    name: "POST /admin/accounts/:id (A's filer)",
    handler: adminAccount.action as Handler,
    request: (c) => post(`/admin/accounts/${ids.filerAUser}`, { intent: 'probe' }, c),
    params: () => ({ id: String(ids.filerAUser) }),
    allowed: ['operator'],
  },
  { name: 'GET /admin/places', handler: adminPlaces.loader as Handler, request: (c) => get('/admin/places', c), allowed: ['operator'] },
  { name: 'GET /admin/agreements', handler: adminAgreements.loader as Handler, request: (c) => get('/admin/agreements', c), allowed: ['operator'] },
  {
    name: 'POST /admin/agreements recording an agreement from an MOA',
    handler: adminAgreements.action as Handler,
    request: (c) => multipart('/admin/agreements', c),
    allowed: ['operator'],
  },
  {
    name: 'POST /admin/places',
    handler: adminPlaces.action as Handler,
    request: (c) => post('/admin/places', { intent: 'probe' }, c),
    allowed: ['operator'],
  },
  { name: 'GET /admin/agencies', handler: adminAgencies.loader as Handler, request: (c) => get('/admin/agencies', c), allowed: ['operator'] },
  {
    name: 'POST /admin/agencies',
    handler: adminAgencies.action as Handler,
    request: (c) => post('/admin/agencies', { intent: 'probe' }, c),
    allowed: ['operator'],
  },
  { name: 'GET /admin/imports', handler: adminImports.loader as Handler, request: (c) => get('/admin/imports', c), allowed: ['operator'] },
  { name: 'POST /admin/imports', handler: adminImports.action as Handler, request: (c) => multipart('/admin/imports', c), allowed: ['operator'] },
  { name: "POST /admin/imports fetching ICE's lists now", handler: adminImports.action as Handler, request: (c) => fetchNow(c), allowed: ['operator'] },
  {
    name: 'GET /admin/imports/:id',
    handler: adminImport.loader as Handler,
    request: (c) => get(`/admin/imports/${ids.pendingImport}`, c),
    params: () => ({ id: String(ids.pendingImport) }),
    allowed: ['operator'],
  },
  {
    name: 'POST /admin/imports/:id',
    handler: adminImport.action as Handler,
    request: (c) => post(`/admin/imports/${ids.pendingImport}`, { intent: 'probe' }, c),
    params: () => ({ id: String(ids.pendingImport) }),
    allowed: ['operator'],
  },
  { name: 'GET /admin/events', handler: adminEvents.loader as Handler, request: (c) => get('/admin/events', c), allowed: ['operator'] },
  { name: 'GET /admin/jobs', handler: adminJobs.loader as Handler, request: (c) => get('/admin/jobs', c), allowed: ['operator'] },
];

function verdict(outcome: Outcome): 'sign-in' | 'forbidden' | 'through' {
  if (outcome.status === 403) return 'forbidden';
  if (outcome.location?.startsWith('/sign-in')) return 'sign-in';
  expect(outcome.status, JSON.stringify(outcome.body)).toBeLessThan(500);
  return 'through';
}

describe('access matrix', () => {
  for (const route of CASES) {
    it(route.name, async () => {
      const seen: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const who of EVERYONE) {
        const outcome = await run(route.handler, route.request(cookies[who]), route.params?.() ?? {});
        seen[who] = verdict(outcome);
        expected[who] = route.allowed.includes(who) ? 'through' : who === 'anonymous' ? 'sign-in' : 'forbidden';
      }
      expect(seen).toEqual(expected);
    });
  }

  it('changed nothing it refused: no token for A was made by anyone but its head', async () => {
    const made = await db.prisma.apiToken.findMany({ where: { name: 'probe' }, include: { createdBy: true } });
    expect(made.map((t) => [t.agencyId, t.createdBy.email])).toEqual([[ids.agencyA, 'filer.gaston@example.org']]);
    const invitations = await db.prisma.invitation.findMany({ where: { kind: 'INVITE', email: { startsWith: 'new.' } } });
    expect(invitations.map((i) => i.agencyId)).toEqual([ids.agencyA]);
    const fetchRuns = await db.prisma.iceFetchRun.findMany();
    const operator = await db.prisma.user.findUniqueOrThrow({ where: { email: 'admin@example.org' } });
    expect(fetchRuns.map((run) => run.trigger)).toEqual([`user:${operator.id}`]);
    expect(await db.prisma.agencyRefusal.count()).toBe(0);
    expect(await db.prisma.complianceNotice.count()).toBe(0);
    const calendarOwners = await db.prisma.calendarFeedToken.findMany({ select: { user: { select: { email: true } } } });
    expect(calendarOwners.map((t) => t.user.email).sort()).toEqual(['filer.cabarrus@example.org', 'filer.gaston@example.org']);
  });

  it('/alerts/confirm/:token and /alerts/unsubscribe/:token: a session is no credential (404 to everyone without a live token)', async () => {
    const token = 'A'.repeat(43);
    for (const who of EVERYONE) {
      expect((await run(alertsConfirm.loader as Handler, get(`/alerts/confirm/${token}`, cookies[who]), { token })).status, who).toBe(404);
      expect((await run(alertsConfirm.action as Handler, post(`/alerts/confirm/${token}`, {}, cookies[who]), { token })).status, who).toBe(404);
      const page = await run(alertsUnsubscribe.loader as Handler, get(`/alerts/unsubscribe/${token}`, cookies[who]), { token });
      expect(page.body, who).toEqual({ view: 'gone', place: null });
      expect((await run(alertsUnsubscribe.action as Handler, post(`/alerts/unsubscribe/${token}`, {}, cookies[who]), { token })).status, who).toBe(404);
    }
  });

  it('GET /calendar/:file: a session is no credential, only a live token is (404 to everyone without one)', async () => {
    const file = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics';
    for (const who of EVERYONE) {
      const outcome = await run(calendarFeed.loader as Handler, get(`/calendar/${file}`, cookies[who]), { file });
      expect(outcome.status, who).toBe(404);
    }
  });
});
