/**
 * Property-based fuzzing of every form action, every API endpoint and every address with
 * parameters (issue #12): hostile variants of a valid request (NUL and other control
 * characters, huge text, numbers no form expects, ids past PostgreSQL's integer, unknown
 * periods, fields missing, repeated or of the wrong JSON type, formula-leading text), sent as
 * the person the route serves. Every answer must be below 500, and after each route's run the
 * database must hold no invalid row (tests/support/fuzz-invariants.ts) and the audit chain must
 * verify.
 *
 * The route list comes from app/routes at run time: a new route with an action, a new API
 * endpoint or a new address with parameters fails the "every route is fuzzed" test until it is
 * given an entry here. Runs are seeded (FUZZ_SEED to change it; the seed is printed with every
 * failure) and bounded: the whole file makes at least MIN_CASES requests.
 */
import fs from 'node:fs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '~/auth/session.server';
import { createApiToken } from '~/auth/api-tokens.server';
import { disconnectPrisma } from '~/db/prisma.server';
import { inTransaction } from '~/db/transaction.server';
import { adoptModelPolicy } from '~/policies/adoption.server';
import { answersToFields, defaultAnswers, type ModelPolicyAnswers } from '~/policies/answers';
import { templateById, type TemplateId } from '~/policies/templates';
import { addComment, stepApplication, submitApplication } from '~/preapproval/applications.server';
import { flagAgreementsWithoutApproval } from '~/preapproval/flags.server';
import { APPLICATION_ITEMS } from '~/preapproval/items';
import { openFiling } from '~/reporting/filings.server';
import { METRICS } from '~/reporting/metrics';
import { demoValues } from '../../seeds/demo-filings';
import { prepareDatabase } from '../../scripts/db/prepare';
import {
  encodeSegment,
  hostileJson,
  idText,
  hostileQuery,
  hostileSegment,
  hostileText,
  mutatedForm,
  mutatedJson,
  type FormPairs,
} from '../support/fuzz-arbitraries';
import { routeEntries, routeModule, startFuzzApp, type FuzzApp, type RouteEntry } from '../support/fuzz-app';
import { emptyFilingsSince, storedViolations, type Violation } from '../support/fuzz-invariants';
import { cookieFor, run } from '../support/requests';
import { pointIceAtClosedPort } from '../support/free-port';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const SEED = Number(process.env.FUZZ_SEED ?? 12_2025);
const MIN_CASES = 2000;
const FINDINGS_FILE = process.env.FUZZ_FINDINGS ?? null;

let db: TestDatabase;
let app: FuzzApp;
let cases = 0;

// ---------------------------------------------------------------------------------------------
// Who and what the requests are about

// townHead and townReviewer: the head of a town's police department and a reviewer (clerk) of
// that town, for the pre-approval routes (the town has a pre-approval policy).
type Actor = 'anonymous' | 'operator' | 'reviewer' | 'head' | 'staff' | 'fresh' | 'townHead' | 'townReviewer';
const cookies: Partial<Record<Exclude<Actor, 'anonymous' | 'fresh'>, string>> = {};
const A = 'nc-gaston-county-sheriffs-office';
const ids = {
  agencyA: 0,
  otherAgency: 0,
  placeA: 0,
  town: 0,
  requirementA: 0,
  draftFiling: 0,
  submittedFiling: 0,
  submittedRevision: 1,
  targetUser: 0,
  targetRole: 0,
  freshUser: 0,
  pendingImport: 0,
  token: 0,
  lastFilingBeforeApi: 0,
  fuzzboro: 0,
  townAgency: 0,
  countyPolicy: 0,
  application: 0,
  comment: 0,
  flag: 0,
};
const TOWN_AGENCY = 'nc-fuzzboro-police-department';
let apiToken = '';
let inviteToken = '';
let resetToken = '';
let metricKeys: string[] = [];
let templateCsv = '';
const PASSWORD = 'demo-pass-287g';
const NEW_PASSWORD = 'ledger-harbor-quartz-19';

async function cookieOf(actor: Actor): Promise<string | undefined> {
  if (actor === 'anonymous') return undefined;
  // A session of its own each time: these routes end sessions (sign out, sign out everywhere).
  if (actor === 'fresh') return cookieFor(db.prisma, ids.freshUser);
  return cookies[actor];
}

beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.url, () => {}, true);
  process.env.DATABASE_URL = db.url;
  await pointIceAtClosedPort();

  const p = db.prisma;
  const user = (email: string) => p.user.findUniqueOrThrow({ where: { email } });
  const operator = await user('admin@example.org');
  const head = await user('filer.gaston@example.org');
  cookies.operator = await cookieFor(p, operator.id);
  cookies.reviewer = await cookieFor(p, (await user('reviewer.gaston@example.org')).id);
  cookies.head = await cookieFor(p, head.id);
  const agencyA = await p.agency.findUniqueOrThrow({ where: { slug: A } });
  ids.agencyA = agencyA.id;
  ids.placeA = (await p.jurisdiction.findUniqueOrThrow({ where: { fips: '37071' } })).id;
  ids.town = (await p.jurisdiction.findFirstOrThrow({ where: { kind: 'MUNICIPALITY' }, orderBy: { id: 'asc' } })).id;
  const staff = await p.user.create({ data: { email: 'staff.gaston@example.org', name: 'Staff', roles: { create: { role: 'FILER', agencyId: agencyA.id } } } });
  cookies.staff = await cookieFor(p, staff.id);
  const target = await p.user.create({
    data: { email: 'target@example.org', name: 'Target', roles: { create: { role: 'FILER', agencyId: agencyA.id } } },
    include: { roles: true },
  });
  ids.targetUser = target.id;
  ids.targetRole = target.roles[0].id;
  // Signs in with the demo password (its hash copied), for the account page's password change.
  const fresh = await p.user.create({
    data: { email: 'fresh@example.org', name: 'Fresh', passwordHash: head.passwordHash, roles: { create: { role: 'FILER', agencyId: agencyA.id } } },
  });
  ids.freshUser = fresh.id;
  ids.otherAgency = (
    await p.agency.create({ data: { name: 'Fuzz Town Police Department', slug: 'nc-fuzz-town-police-department', matchKey: 'nc|fuzz town police department', kind: 'POLICE', stateCode: 'NC', jurisdictionId: ids.town } })
  ).id;

  const requirement = await p.requirement.findFirstOrThrow({ where: { agencyId: agencyA.id }, include: { versions: true } });
  ids.requirementA = requirement.id;
  metricKeys = requirement.versions[0].metricKeys;
  ids.draftFiling = (await openFiling(p, { requirementId: requirement.id, periodKey: '2025-Q2' })).id;
  ids.pendingImport = (await p.pendingImport.create({ data: { fileName: 'list.csv', bytes: Buffer.from('Agency,State\n'), uploadedById: operator.id } })).id;
  const created = await createApiToken(p, { agencyId: agencyA.id, name: 'fuzz', createdById: head.id });
  apiToken = created.token;
  ids.token = created.id;
  // A submitted report for the reviewer to decide on, filed as an agency's system would.
  const filings = (await routeModule(entry('routes/api.v1.filings'))).action as Handler;
  const filed = await run(
    filings,
    new Request('http://portal.test/api/v1/filings', {
      method: 'POST',
      headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ requirementId: requirement.id, periodKey: '2025-Q1', values: demoValues(A, '2025-Q1', 0, metricKeys), certification: { name: 'Alan Cloninger', title: 'Sheriff' } }),
    }),
  );
  expect(filed.status, JSON.stringify(filed.body)).toBe(201);
  ids.submittedFiling = (filed.body as { data: { filingId: number } }).data.filingId;
  ids.submittedRevision = (filed.body as { data: { revision: number } }).data.revision;

  inviteToken = 'fuzz-invite-token-0123456789abcdef';
  resetToken = 'fuzz-reset-token-0123456789abcdef';
  const inAWeek = new Date(Date.now() + 7 * 86_400_000);
  await p.invitation.create({ data: { kind: 'INVITE', tokenHash: sha256(inviteToken), email: 'invitee@example.org', role: 'FILER', agencyId: agencyA.id, expiresAt: inAWeek } });
  await p.invitation.create({ data: { kind: 'PASSWORD_RESET', tokenHash: sha256(resetToken), email: 'target@example.org', expiresAt: inAWeek } });

  const template = (await routeModule(entry('routes/filings.template.$requirementId[.csv]'))).loader as Handler;
  const csv = await run(template, new Request(`http://portal.test/filings/template/${ids.requirementA}.csv`, { headers: { cookie: cookies.head! } }), {
    requirementId: String(ids.requirementA),
  });
  templateCsv = String(csv.body);

  await modelPoliciesAndPreapproval(operator.id);

  baselineViolations = await storedViolations(p);
  app = await startFuzzApp();
}, 180_000);

/**
 * Issue 14's records, made through the real services: a county model policy of Gaston adopted
 * (to amend), and a town with a pre-approval policy whose police department has an application
 * in its comment period (with a comment) and an agreement flagged as made without approval.
 */
async function modelPoliciesAndPreapproval(operatorId: number) {
  const p = db.prisma;
  const town = await p.jurisdiction.create({ data: { kind: 'MUNICIPALITY', name: 'Fuzzboro', searchName: 'fuzzboro', slug: 'fuzzboro', stateCode: 'NC', parentId: ids.placeA } });
  ids.fuzzboro = town.id;
  const agency = await p.agency.create({ data: { name: 'Fuzzboro Police Department', slug: TOWN_AGENCY, matchKey: 'nc|fuzzboro police department', kind: 'POLICE', stateCode: 'NC', jurisdictionId: town.id } });
  ids.townAgency = agency.id;
  const townHead = await p.user.create({ data: { email: 'chief.fuzzboro@example.org', name: 'Chief', roles: { create: { role: 'HEAD', agencyId: agency.id } } } });
  const townClerk = await p.user.create({ data: { email: 'clerk.fuzzboro@example.org', name: 'Town Clerk', roles: { create: { role: 'REVIEWER', jurisdictionId: town.id } } } });
  cookies.townHead = await cookieFor(p, townHead.id);
  cookies.townReviewer = await cookieFor(p, townClerk.id);

  const county = await adoptModelPolicy(p, { userId: operatorId }, { jurisdictionId: ids.placeA, answers: policyAnswers('county_reporting'), acknowledged: true });
  ids.countyPolicy = county.policy.id;
  await adoptModelPolicy(p, { userId: operatorId }, { jurisdictionId: town.id, answers: policyAnswers('municipal_preapproval'), acknowledged: true });

  const clerk = { userId: townClerk.id, label: `user:${townClerk.id}` };
  const items = Object.fromEntries(APPLICATION_ITEMS.map((key) => [key, `The department's ${key}, as written.`]));
  const application = await submitApplication(p, { agencyId: agency.id, model: 'TFM', items, actor: { userId: townHead.id, label: `user:${townHead.id}` } });
  ids.application = application.id;
  // Into the comment period from today, so residents' comments are taken.
  await stepApplication(p, { applicationId: application.id, step: { action: 'startReview' }, side: 'council', actor: clerk });
  await stepApplication(p, { applicationId: application.id, step: { action: 'giveNotice' }, side: 'council', actor: clerk });
  ids.comment = (await addComment(p, { applicationId: application.id, name: 'A resident', body: 'Please hold the hearing in the evening.', ip: '198.51.100.9' })).id;

  // An agreement of the department (a Jail Enforcement one: the application is for Task Force) without approval.
  const agreement = await p.agreement.create({
    data: { publicId: `${TOWN_AGENCY}-jem`, matchKey: `${TOWN_AGENCY}|jem`, agencyId: agency.id, model: 'JEM', status: 'ACTIVE', signedOn: new Date('2025-06-01'), firstListedOn: new Date('2025-06-02') },
  });
  [ids.flag] = await inTransaction(p, (tx) => flagAgreementsWithoutApproval(tx, [agreement.id], 'ICE participating list of 2025-06-02'));
  expect(ids.flag).toBeGreaterThan(0);
}

/** A metric the model-policy form accepts alone for the sheriff: one it reports already, typed, not a breakdown of another. */
const loneMetric = () => METRICS.find((metric) => metricKeys.includes(metric.key) && !metric.derived && !metric.breakdownOf)!.key;

/** Valid answers of a template for Gaston County (its sheriff) or Fuzzboro (its police department). */
function policyAnswers(templateId: TemplateId): ModelPolicyAnswers {
  const county = templateById(templateId).place === 'COUNTY';
  const agencies = county ? [{ id: ids.agencyA, name: 'Gaston County Sheriff’s Office' }] : [{ id: ids.townAgency, name: 'Fuzzboro Police Department' }];
  return {
    // The sheriff's agreement is a Jail Enforcement one: the metrics asked of it must apply to that.
    ...defaultAnswers(templateId, { jurisdictionName: county ? 'Gaston County' : 'Fuzzboro', agencies, models: county ? ['JEM'] : undefined, today: '2026-01-15' }),
    adoptedOn: '2026-01-12',
    vote: { for: 5, against: 2, abstaining: null },
  };
}

/** The answers as the adopt and amend pages post them, lists as one value each. */
function answersForm(templateId: TemplateId, overrides: Partial<ModelPolicyAnswers> = {}): Record<string, string> {
  const fields = answersToFields({ ...policyAnswers(templateId), metricKeys: [loneMetric()], ...overrides });
  return Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, Array.isArray(value) ? (value[0] ?? '') : value]));
}

afterAll(async () => {
  await app?.close();
  await disconnectPrisma();
  await db?.drop();
});

const ENTRIES = routeEntries();
function entry(id: string): RouteEntry {
  const found = ENTRIES.find((e) => e.id === id);
  if (!found) throw new Error(`No route ${id} in app/routes`);
  return found;
}

type Handler = Parameters<typeof run>[0];

// ---------------------------------------------------------------------------------------------
// Findings: every distinct failure, kept for the report (and written to FUZZ_FINDINGS if set)

interface Finding {
  route: string;
  error: string;
  input: string;
  count: number;
}
const findings = new Map<string, Finding>();

function record(route: string, error: string, input: unknown) {
  const key = `${route} ${error}`;
  const seen = findings.get(key);
  if (seen) {
    seen.count++;
    return;
  }
  const text = typeof input === 'string' ? input : JSON.stringify(input, (_, v) => (typeof v === 'string' && v.length > 160 ? `${v.slice(0, 160)}…(${v.length} chars)` : v));
  findings.set(key, { route, error, input: text.length > 600 ? `${text.slice(0, 600)}…` : text, count: 1 });
  if (FINDINGS_FILE) writeFindings();
}

function writeFindings() {
  const lines = [`# Fuzz findings (seed ${SEED})`, '', `Cases so far: ${cases}. Distinct failures: ${findings.size}.`, ''];
  for (const f of findings.values()) {
    lines.push(`## ${f.route}`, '', `- error: \`${f.error.replace(/`/g, "'")}\``, `- times: ${f.count}`, '- input:', '', '```', f.input, '```', '');
  }
  fs.writeFileSync(FINDINGS_FILE!, lines.join('\n'));
}

/** The first line of what went wrong, with ids and numbers blurred so one bug is one finding. */
function errorSummary(error: unknown): string {
  const text = error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error);
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .slice(-1)[0]
    .slice(0, 240)
    .replace(/\d{3,}/g, 'N');
}

function failuresOf(route: string) {
  return [...findings.values()].filter((f) => f.route === route).map((f) => `${f.error} (x${f.count}) input: ${f.input.slice(0, 300)}`);
}

let baselineViolations: Violation[] = [];

/** Invalid rows that were not there before the fuzzing began. */
async function newViolations(): Promise<string[]> {
  const before = new Map(baselineViolations.map((v) => [v.check, v.count]));
  const now = await storedViolations(db.prisma);
  return now.filter((v) => v.count > (before.get(v.check) ?? 0)).map((v) => `${v.check}: ${v.count} row(s), e.g. ${JSON.stringify(v.sample)}`);
}

async function assertStoredRowsValid(route: string) {
  const found = await newViolations();
  for (const violation of found) record(route, `stored invalid row: ${violation}`, '(see the database check)');
  // Judged once per route, then forgotten: each route is charged only with what its own run stored.
  baselineViolations = await storedViolations(db.prisma);
  return found;
}

/** Whether the person was let through: not refused, not sent to sign in. */
const reached = (outcome: { status: number; location: string | null }) =>
  outcome.status !== 401 && outcome.status !== 403 && !outcome.location?.startsWith('/sign-in');

const fcOptions = (numRuns: number) => ({ seed: SEED, numRuns, endOnFailure: true });

// ---------------------------------------------------------------------------------------------
// Form actions: a valid form per intent, made hostile

interface FormTarget {
  actor: Actor;
  url: () => string;
  params?: () => Record<string, string>;
  multipart?: boolean;
  /** A file part for multipart forms: its field name, a valid name and content. */
  file?: () => { field: string; name: string; content: string };
  /** Valid forms, one per intent (typed loosely: intents have different fields). */
  baselines: () => Partial<Record<string, string>>[];
  /** Extra field names the form knows (lists such as checkboxes). */
  extra?: string[];
  runs: number;
}

/** A baseline form as name/value pairs. */
const formOf = (baseline: Partial<Record<string, string>>) => Object.fromEntries(Object.entries(baseline).filter((pair): pair is [string, string] => pair[1] !== undefined));

const FORM_TARGETS: Record<string, FormTarget> = {
  'routes/account': {
    actor: 'fresh',
    url: () => '/account',
    baselines: () => [
      { currentPassword: PASSWORD, password: NEW_PASSWORD, confirm: NEW_PASSWORD },
      { intent: 'sign-out-everywhere' },
      { intent: 'mail-settings', reminderMailShown: '1', reminderMail: 'on', digestMailShown: '1', mailLanguage: 'es' },
    ],
    runs: 30,
  },
  'routes/admin.accounts.$id': {
    actor: 'operator',
    url: () => `/admin/accounts/${ids.targetUser}`,
    params: () => ({ id: String(ids.targetUser) }),
    baselines: () => [
      { intent: 'grant', role: 'HEAD', jurisdictionId: '', agencyId: String(ids.agencyA) },
      { intent: 'grant', role: 'REVIEWER', jurisdictionId: String(ids.placeA), agencyId: '' },
      { intent: 'revoke', roleId: String(ids.targetRole) },
      { intent: 'disable' },
      { intent: 'enable' },
      { intent: 'reset' },
      { intent: 'signOutEverywhere' },
    ],
    runs: 90,
  },
  'routes/admin.accounts': {
    actor: 'operator',
    url: () => '/admin/accounts',
    baselines: () => [
      { email: 'new.person@example.org', role: 'FILER', jurisdictionId: '', agencyId: String(ids.agencyA) },
      { email: 'new.reviewer@example.org', role: 'REVIEWER', jurisdictionId: String(ids.placeA), agencyId: '' },
    ],
    runs: 40,
  },
  'routes/admin.agencies': {
    actor: 'operator',
    url: () => '/admin/agencies',
    baselines: () => [
      { intent: 'create', name: 'Fuzz Police Department', kind: 'POLICE', jurisdictionId: String(ids.town) },
      { intent: 'update', agencyId: String(ids.otherAgency), kind: 'POLICE', jurisdictionId: String(ids.town) },
    ],
    runs: 80,
  },
  'routes/admin.agreements': {
    actor: 'operator',
    url: () => '/admin/agreements',
    multipart: true,
    file: () => ({ field: 'document', name: 'moa.pdf', content: '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n' }),
    baselines: () => [
      {
        agencyName: 'Fuzz County Sheriff',
        agencyType: 'COUNTY',
        countyId: String(ids.placeA),
        model: 'JEM',
        signedOn: '2020-02-03',
        sourceKind: 'OTHER',
        title: 'Board minutes',
        url: 'https://example.org/minutes',
        note: '',
      },
    ],
    runs: 60,
  },
  'routes/admin.imports.$id': {
    actor: 'operator',
    url: () => `/admin/imports/${ids.pendingImport}`,
    params: () => ({ id: String(ids.pendingImport) }),
    baselines: () => [{ intent: 'confirm', allowMassEnd: 'on' }, { intent: 'cancel' }],
    runs: 40,
  },
  'routes/admin.imports': {
    actor: 'operator',
    url: () => '/admin/imports',
    multipart: true,
    file: () => ({ field: 'file', name: 'participating-2025-01-01.csv', content: 'State,Law Enforcement Agency,Type,Support Type,Signed\nNC,Fuzz County Sheriff,County,Jail Enforcement Model,2020-01-01\n' }),
    baselines: () => [{ asOf: '2025-01-01' }, { intent: 'fetch' }],
    runs: 40,
  },
  'routes/alerts.subscribe': {
    actor: 'anonymous',
    url: () => '/alerts/subscribe?place=nc%2Fgaston-county',
    baselines: () => [{ place: 'nc/gaston-county', email: 'fuzz.follower@example.org' }],
    runs: 40,
  },
  'routes/alerts.confirm.$token': {
    actor: 'anonymous',
    url: () => `/alerts/confirm/${'A'.repeat(43)}`,
    params: () => ({ token: 'A'.repeat(43) }),
    baselines: () => [{}],
    runs: 10,
  },
  'routes/alerts.unsubscribe.$token': {
    actor: 'anonymous',
    url: () => `/alerts/unsubscribe/${'A'.repeat(43)}`,
    params: () => ({ token: 'A'.repeat(43) }),
    baselines: () => [{ intent: 'unsubscribe' }, { intent: 'erase' }, { 'List-Unsubscribe': 'One-Click' }],
    runs: 20,
  },
  'routes/admin.places': {
    actor: 'operator',
    url: () => '/admin/places',
    baselines: () => [
      { intent: 'population', placeId: String(ids.town), population: '12,345' },
      { name: 'Fuzzville', countyId: String(ids.placeA) },
    ],
    runs: 70,
  },
  'routes/agency.$slug.tokens': {
    actor: 'head',
    url: () => `/agency/${A}/tokens`,
    params: () => ({ slug: A }),
    baselines: () => [{ intent: 'create', name: 'Jail system' }, { intent: 'revoke', tokenId: String(ids.token + 1) }],
    runs: 60,
  },
  'routes/filings.$id.attachments': {
    actor: 'staff',
    url: () => `/filings/${ids.draftFiling}/attachments`,
    params: () => ({ id: String(ids.draftFiling) }),
    multipart: true,
    file: () => ({ field: 'file', name: 'minutes.pdf', content: '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n' }),
    baselines: () => [{ intent: 'upload' }, { intent: 'remove', attachmentId: '1' }],
    runs: 60,
  },
  'routes/filings.$id': {
    actor: 'head',
    url: () => `/filings/${ids.draftFiling}`,
    params: () => ({ id: String(ids.draftFiling) }),
    baselines: () => {
      const values = Object.fromEntries(Object.entries(demoValues(A, '2025-Q2', 0, metricKeys)).map(([k, v]) => [`value:${k}`, v]));
      const signer = { certifiedName: 'Alan Cloninger', certifiedTitle: 'Sheriff', certify: 'on' };
      return [
        { intent: 'save', ...values },
        { intent: 'submit', ...values, ...signer },
        { intent: 'submit', ...values, ...signer, amendmentReason: 'A figure was wrong.' },
        { intent: 'submit', nothingToReport: 'on', ...signer, amendmentReason: 'Nothing happened.' },
      ];
    },
    extra: ['explanation:sum', 'value:unknown_metric', 'nothingToReport'],
    runs: 100,
  },
  'routes/filings._index': {
    actor: 'head',
    url: () => '/filings',
    baselines: () => [{ requirementId: String(ids.requirementA), periodKey: '2025-Q2' }],
    runs: 80,
  },
  'routes/filings.upload.$requirementId': {
    actor: 'head',
    url: () => `/filings/upload/${ids.requirementA}`,
    params: () => ({ requirementId: String(ids.requirementA) }),
    multipart: true,
    file: () => ({ field: 'file', name: 'report.csv', content: templateCsv }),
    baselines: () => [{ certifiedName: 'Alan Cloninger', certifiedTitle: 'Sheriff', certify: 'on' }],
    runs: 40,
  },
  'routes/forgot-password': {
    actor: 'anonymous',
    url: () => '/forgot-password',
    baselines: () => [{ email: 'filer.cabarrus@example.org' }],
    runs: 40,
  },
  'routes/invite.$token': {
    actor: 'anonymous',
    url: () => `/invite/${inviteToken}`,
    params: () => ({ token: inviteToken }),
    baselines: () => [{ name: 'Invited Person', password: NEW_PASSWORD, confirm: NEW_PASSWORD }],
    runs: 30,
  },
  'routes/language': {
    actor: 'anonymous',
    url: () => '/language',
    baselines: () => [{ lang: 'es', returnTo: '/compare?metric=gross_cost' }],
    runs: 60,
  },
  'routes/reset-password.$token': {
    actor: 'anonymous',
    url: () => `/reset-password/${resetToken}`,
    params: () => ({ token: resetToken }),
    baselines: () => [{ password: NEW_PASSWORD, confirm: NEW_PASSWORD }],
    runs: 30,
  },
  'routes/review': {
    actor: 'reviewer',
    url: () => '/review',
    baselines: () => [{ email: 'invited.filer@example.org', role: 'FILER', agencyId: String(ids.agencyA) }],
    runs: 70,
  },
  'routes/review_.filings.$id': {
    actor: 'reviewer',
    url: () => `/review/filings/${ids.submittedFiling}`,
    params: () => ({ id: String(ids.submittedFiling) }),
    baselines: () => [
      { decision: 'ACCEPTED', revisionNumber: String(ids.submittedRevision), note: '' },
      { decision: 'RETURNED', revisionNumber: String(ids.submittedRevision), note: 'The cost is missing.' },
    ],
    runs: 60,
  },
  'routes/review_.policies': {
    actor: 'reviewer',
    url: () => '/review/policies',
    baselines: () => [
      {
        jurisdictionId: String(ids.placeA),
        kind: 'COUNTY_REPORTING',
        title: 'Fuzz reporting policy',
        statute: 'G.S. 153A-104',
        adoptedOn: '2025-03-04',
        resolutionText: '',
        oathText: 'I certify these figures are true.',
        agencyId: String(ids.agencyA),
        requirementTitle: '',
        frequency: 'QUARTERLY',
        dueDaysAfterEnd: '30',
        acceptsLate: 'on',
        effectiveFrom: '2026-01-01',
        metricKeys: metricKeys[0],
      },
    ],
    extra: ['metricKeys'],
    runs: 80,
  },
  'routes/review_.requirements.$id': {
    actor: 'reviewer',
    url: () => `/review/requirements/${ids.requirementA}`,
    params: () => ({ id: String(ids.requirementA) }),
    baselines: () => [
      { frequency: 'QUARTERLY', dueDaysAfterEnd: '45', acceptsLate: 'on', effectiveFrom: '2026-01-01', metricKeys: metricKeys[0] },
      // The second form on the page: an extension of a period's deadline.
      { intent: 'extend', periodKey: '2025-Q3', until: '2026-12-31', reason: 'The records clerk was on leave.' },
      // Follow-through: a refusal to report (posted plain here; multipart with a letter in
      // refusals-notices.test.ts), a notice of non-compliance and its sending.
      { intent: 'refuse', periodKeys: '2025-Q3', declinedOn: '2025-11-03', statement: 'The sheriff declined to report in writing.' },
      { intent: 'notice', respondBy: '2027-01-15', language: 'en' },
      { intent: 'notice_sent', noticeId: '1', sentOn: '2026-12-01', sentHow: 'Certified mail' },
    ],
    extra: ['metricKeys', 'periodKeys'],
    runs: 60,
  },
  'routes/sign-in': {
    actor: 'anonymous',
    url: () => '/sign-in',
    baselines: () => [{ email: 'filer.cabarrus@example.org', password: PASSWORD, redirectTo: '/account' }],
    runs: 30,
  },
  'routes/sign-out': {
    actor: 'fresh',
    url: () => '/sign-out',
    baselines: () => [{ redirectTo: '/' }],
    runs: 20,
  },
  'routes/agency.$slug.applications': {
    actor: 'townHead',
    url: () => `/agency/${TOWN_AGENCY}/applications`,
    params: () => ({ slug: TOWN_AGENCY }),
    baselines: () => [{ model: 'TFM', ...Object.fromEntries(APPLICATION_ITEMS.filter((key) => key !== 'modelSought').map((key) => [key, `Our ${key}.`])) }, { model: 'JEM', reasons: 'Jail staffing.' }],
    extra: ['modelSought', 'agencyId'],
    runs: 40,
  },
  'routes/preapproval.applications.$id': {
    actor: 'townReviewer',
    url: () => `/preapproval/applications/${ids.application}`,
    params: () => ({ id: String(ids.application) }),
    baselines: () => [
      { intent: 'comment', name: 'A resident', body: 'The council should hear from us first.' },
      { intent: 'hide', commentId: String(ids.comment), reason: 'Names a private person.' },
      { intent: 'step', action: 'holdHearing', on: '2099-01-10', hearingOn: '2099-01-10', place: 'Town Hall', minutes: 'Twelve residents spoke.' },
      { intent: 'step', action: 'decide', on: '2099-01-20', decision: 'APPROVED_WITH_CONDITIONS', conditions: 'Quarterly reports.', votesFor: '3', votesAgainst: '2', votesAbstaining: '0' },
      { intent: 'step', action: 'return', on: '', reason: 'The draft MOA is missing.' },
    ],
    extra: ['reason', 'conditions', 'decision', 'items'],
    runs: 60,
  },
  'routes/review_.preapproval-flags.$id': {
    actor: 'townReviewer',
    url: () => `/review/preapproval-flags/${ids.flag}`,
    params: () => ({ id: String(ids.flag) }),
    baselines: () => [{ note: 'The council has asked the chief to appear on 2 February.' }],
    runs: 30,
  },
  'routes/review_.policies_.adopt.$template': {
    actor: 'reviewer',
    url: () => `/review/policies/adopt/county_reporting?place=${ids.placeA}`,
    params: () => ({ template: 'county_reporting' }),
    baselines: () => [
      { intent: 'preview', ...answersForm('county_reporting') },
      { intent: 'adopt', ...answersForm('county_reporting'), acknowledged: 'yes' },
      { intent: 'adopt', ...answersForm('county_reporting', { additionalClauses: ['The sheriff shall not honor detainers.'] }) },
    ],
    extra: ['metricKeys', 'agencies.1.name', 'agencies.1.id', 'templateId'],
    runs: 40,
  },
  'routes/review_.policies_.$id.amend': {
    actor: 'reviewer',
    url: () => `/review/policies/${ids.countyPolicy}/amend`,
    params: () => ({ id: String(ids.countyPolicy) }),
    baselines: () => [
      { intent: 'preview', ...answersForm('county_reporting', { adoptedOn: null, vote: null }) },
      { intent: 'adopt', ...answersForm('county_reporting', { adoptedOn: '2026-02-02', effectiveFrom: '2026-04-01', frequency: 'MONTHLY' }), acknowledged: 'yes' },
    ],
    extra: ['metricKeys', 'agencies.1.name', 'agencies.1.id'],
    runs: 40,
  },
  'routes/review_.policies_.draft.$format': {
    actor: 'reviewer',
    url: () => '/review/policies/draft/pdf',
    params: () => ({ format: 'pdf' }),
    baselines: () => [
      { templateId: 'county_reporting', ...answersForm('county_reporting') },
      { templateId: 'municipal_preapproval', ...answersForm('municipal_preapproval', { additionalClauses: ['The chief shall report each request.'] }) },
    ],
    extra: ['metricKeys', 'requiredItems'],
    runs: 30,
  },
};

/** A file's content with one CSV cell (or a stretch of text) replaced by hostile text. */
const hostileFile = (content: string) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant(content) },
    {
      weight: 2,
      arbitrary: fc.tuple(fc.nat(), hostileText).map(([at, text]) => {
        const cells = content.split(',');
        const i = at % Math.max(1, cells.length);
        cells[i] = text;
        return cells.join(',');
      }),
    },
    { weight: 1, arbitrary: hostileText },
  );

const fileName = (valid: string) => fc.oneof({ weight: 2, arbitrary: fc.constant(valid) }, { weight: 2, arbitrary: hostileText }, { weight: 1, arbitrary: hostileText.map((t) => `${t}.pdf`) });

function formRequest(target: FormTarget, pairs: FormPairs, cookie: string | undefined, file: { name: string; content: string } | null): Request {
  const headers: Record<string, string> = cookie ? { cookie } : {};
  const url = `http://portal.test${target.url()}`;
  if (target.multipart) {
    const body = new FormData();
    for (const [name, value] of pairs) body.append(name, value);
    if (file) body.append(target.file!().field, new Blob([file.content]), file.name);
    return new Request(url, { method: 'POST', body, headers });
  }
  return new Request(url, { method: 'POST', body: new URLSearchParams(pairs), headers });
}

describe('every route is fuzzed', () => {
  it('has an entry for every route with an action, every API endpoint and every address with parameters', async () => {
    const missing: string[] = [];
    for (const e of ENTRIES) {
      const module = await routeModule(e);
      if ('action' in module && e.id !== 'routes/api.v1.filings' && !FORM_TARGETS[e.id]) missing.push(`${e.id}: add it to FORM_TARGETS`);
      if (e.pattern.includes(':') && !URL_PARAMS[e.id]) missing.push(`${e.id}: add its parameters to URL_PARAMS`);
      if (e.id.startsWith('routes/api.') && !(e.id in API_QUERIES)) missing.push(`${e.id}: add its query names to API_QUERIES`);
    }
    expect(missing).toEqual([]);
    // And no entry names a route that is gone.
    const known = new Set(ENTRIES.map((e) => e.id));
    expect([...Object.keys(FORM_TARGETS), ...Object.keys(URL_PARAMS), ...Object.keys(API_QUERIES), ...Object.keys(PAGE_QUERIES)].filter((id) => !known.has(id))).toEqual([]);
  });
});

describe('form actions answer hostile forms without a server error and store nothing invalid', () => {
  for (const [id, target] of Object.entries(FORM_TARGETS)) {
    it(`${id} (${target.runs} cases)`, async () => {
      const handler = (await routeModule(entry(id))).action as Handler;
      // The valid form first: the person is let through, so the fuzzing reaches the route's checks.
      cases++;
      const baseline = await run(handler, formRequest(target, Object.entries(formOf(target.baselines()[0])), await cookieOf(target.actor), target.file?.() ?? null), target.params?.() ?? {});
      expect(reached(baseline), JSON.stringify(baseline)).toBe(true);
      const property = fc.asyncProperty(
        fc.oneof(...target.baselines().map((baseline) => mutatedForm(formOf(baseline), target.extra))),
        target.file ? fc.option(fc.record({ name: fileName(target.file().name), content: hostileFile(target.file().content) }), { nil: null, freq: 4 }) : fc.constant(null),
        async (pairs, file) => {
          cases++;
          const request = formRequest(target, pairs, await cookieOf(target.actor), target.file ? (file ?? target.file()) : null);
          try {
            const outcome = await run(handler, request, target.params?.() ?? {});
            if (outcome.status >= 500) record(id, `answered ${outcome.status}: ${JSON.stringify(outcome.body).slice(0, 200)}`, { form: pairs, file });
          } catch (error) {
            record(id, errorSummary(error), { form: pairs, file });
          }
        },
      );
      await fc.assert(property, fcOptions(target.runs));
      await assertStoredRowsValid(id);
      expect(failuresOf(id), `seed ${SEED}`).toEqual([]);
    }, 240_000);
  }
});

// ---------------------------------------------------------------------------------------------
// The filing API: hostile JSON bodies and credentials

describe('POST /api/v1/filings answers hostile bodies without a server error and stores nothing invalid', () => {
  const ROUTE = 'routes/api.v1.filings';
  const baselines = () => {
    const certification = { name: 'Alan Cloninger', title: 'Sheriff' };
    const values = demoValues(A, '2025-Q2', 1, metricKeys);
    return [
      { requirementId: ids.requirementA, periodKey: '2025-Q2', values, certification },
      { requirementId: ids.requirementA, periodKey: '2025-Q2', values, certification, amendmentReason: 'Corrected a figure.' },
      { requirementId: ids.requirementA, periodKey: '2025-Q3', nothingToReport: true, certification, amendmentReason: 'Nothing happened.' },
      { requirementId: ids.requirementA, periodKey: '2025-Q1', values, explanations: { sum: 'Because.' }, certification },
    ];
  };
  const credentials = fc.oneof(
    { weight: 12, arbitrary: fc.constant<string | null>('valid') },
    { weight: 1, arbitrary: fc.constantFrom<string | null>(null, 'Bearer ', 'Bearer opt_nope', 'Basic YTpi', `Bearer ${'x'.repeat(5000)}`, 'bearer valid') },
  );

  // Over HTTP, as agency systems send them: the portal's server answers these POSTs before Remix
  // (server/filings-api.ts), with the action's own function (the next test calls the action).
  it('with bodies made hostile (300 cases)', async () => {
    ids.lastFilingBeforeApi = (await db.prisma.filing.aggregate({ _max: { id: true } }))._max.id ?? 0;
    const property = fc.asyncProperty(
      fc.oneof(...baselines().map((body) => mutatedJson(body))),
      credentials,
      fc.constantFrom('application/json', 'text/plain', 'application/x-www-form-urlencoded', ''),
      async (body, credential, contentType) => {
        cases++;
        const headers: Record<string, string> = {};
        if (credential === 'valid') headers.authorization = `Bearer ${apiToken}`;
        else if (credential !== null) headers.authorization = credential;
        if (contentType) headers['content-type'] = contentType;
        try {
          const response = await fetch(`${app.origin}/api/v1/filings`, { method: 'POST', body, headers });
          const text = await response.text();
          if (response.status >= 500) record(ROUTE, `answered ${response.status}: ${text.slice(0, 200)}`, { body, credential });
          else if (!response.headers.get('content-type')?.startsWith('application/json')) record(ROUTE, `answered ${response.status} in ${response.headers.get('content-type')}`, { body, credential });
          else JSON.parse(text);
        } catch (error) {
          record(ROUTE, errorSummary(error), { body, credential });
        }
      },
    );
    await fc.assert(property, fcOptions(300));
    const empty = await emptyFilingsSince(db.prisma, ids.lastFilingBeforeApi);
    if (empty.length) record(ROUTE, `stored invalid row: ${empty.length} filing(s) without a revision left by refused calls`, { filingIds: empty.slice(0, 10) });
    await assertStoredRowsValid(ROUTE);
    expect(failuresOf(ROUTE), `seed ${SEED}`).toEqual([]);
  }, 240_000);

  it('with hostile values in each figure (100 cases)', async () => {
    const handler = (await routeModule(entry(ROUTE))).action as Handler;
    const property = fc.asyncProperty(fc.constantFrom(...metricKeys), hostileJson, fc.constantFrom('2025-Q2', '2025-Q1', '2025-Q4'), async (key, value, periodKey) => {
      cases++;
      const values: Record<string, unknown> = { ...demoValues(A, periodKey, 2, metricKeys), [key]: value };
      const body = JSON.stringify({ requirementId: ids.requirementA, periodKey, values, certification: { name: 'Alan Cloninger', title: 'Sheriff' }, amendmentReason: 'Fuzzing.' });
      const request = new Request('http://portal.test/api/v1/filings', { method: 'POST', body, headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' } });
      try {
        const outcome = await run(handler, request);
        if (outcome.status >= 500) record(ROUTE, `answered ${outcome.status}: ${JSON.stringify(outcome.body).slice(0, 200)}`, body);
      } catch (error) {
        record(ROUTE, errorSummary(error), body);
      }
    });
    await fc.assert(property, fcOptions(100));
    await assertStoredRowsValid(ROUTE);
    expect(failuresOf(ROUTE), `seed ${SEED}`).toEqual([]);
  }, 240_000);
});

// ---------------------------------------------------------------------------------------------
// Addresses: every route with parameters or a query, through Express and Remix as a browser sends them

/** Valid parameters of each route whose address has some. */
const URL_PARAMS: Record<string, () => Record<string, string>> = {
  'routes/admin.accounts.$id': () => ({ id: String(ids.targetUser) }),
  'routes/admin.imports.$id': () => ({ id: String(ids.pendingImport) }),
  'routes/agencies.$slug': () => ({ slug: A }),
  'routes/agencies_.$slug.reports.$filingId': () => ({ slug: A, filingId: String(ids.submittedFiling) }),
  'routes/agencies_.$slug.notices.$file': () => ({ slug: A, file: '1.pdf' }),
  'routes/agencies_.$slug.refusals.$id.file': () => ({ slug: A, id: '1' }),
  'routes/agency.$slug.tokens': () => ({ slug: A }),
  'routes/api.v1.agencies.$slug._index': () => ({ slug: A }),
  'routes/api.v1.agencies.$slug.breakdowns[.csv]': () => ({ slug: A }),
  'routes/api.v1.agencies.$slug.compliance[.csv]': () => ({ slug: A }),
  'routes/api.v1.agencies.$slug.figures[.csv]': () => ({ slug: A }),
  'routes/api.v1.agencies.$slug.history': () => ({ slug: A }),
  'routes/api.v1.agencies.$slug.reports.$filingId._index': () => ({ slug: A, filingId: String(ids.submittedFiling) }),
  'routes/api.v1.agencies.$slug.reports.$filingId.revisions[.csv]': () => ({ slug: A, filingId: String(ids.submittedFiling) }),
  'routes/api.v1.places.$state.$county._index': () => ({ state: 'nc', county: 'gaston-county' }),
  'routes/api.v1.places.$state.$county.compliance[.csv]': () => ({ state: 'nc', county: 'gaston-county' }),
  'routes/api.v1.places.$state.$county.figures[.csv]': () => ({ state: 'nc', county: 'gaston-county' }),
  'routes/api.v1.places.$state._index': () => ({ state: 'nc' }),
  'routes/api.v1.places.$state.counties[.csv]': () => ({ state: 'nc' }),
  'routes/api.v1.places.$state.filings[.csv]': () => ({ state: 'nc' }),
  'routes/api.v1.places.$state.overdue[.csv]': () => ({ state: 'nc' }),
  'routes/api.v1.places.$state.timeline[.csv]': () => ({ state: 'nc' }),
  'routes/alerts.confirm.$token': () => ({ token: 'A'.repeat(43) }),
  'routes/alerts.unsubscribe.$token': () => ({ token: 'A'.repeat(43) }),
  'routes/calendar.$file': () => ({ file: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics' }),
  'routes/data_.ice-lists.$id': () => ({ id: '1' }),
  'routes/feeds.$file': () => ({ file: 'nc.atom' }),
  'routes/feeds.$state.$file': () => ({ state: 'nc', file: 'gaston-county.atom' }),
  'routes/filings.$id': () => ({ id: String(ids.draftFiling) }),
  'routes/filings.$id.attachments': () => ({ id: String(ids.draftFiling) }),
  'routes/filings.$id.attachments.$attachmentId': () => ({ id: String(ids.draftFiling), attachmentId: '1' }),
  'routes/filings.template.$requirementId[.csv]': () => ({ requirementId: String(ids.requirementA) }),
  'routes/filings.upload.$requirementId': () => ({ requirementId: String(ids.requirementA) }),
  'routes/invite.$token': () => ({ token: inviteToken }),
  'routes/places.$state.$slug': () => ({ state: 'nc', slug: 'gaston-county' }),
  'routes/places.$state._index': () => ({ state: 'nc' }),
  'routes/reset-password.$token': () => ({ token: resetToken }),
  'routes/review_.filings.$id': () => ({ id: String(ids.submittedFiling) }),
  'routes/review_.requirements.$id': () => ({ id: String(ids.requirementA) }),
  'routes/sources.$id': () => ({ id: '1' }),
  'routes/agency.$slug.applications': () => ({ slug: TOWN_AGENCY }),
  'routes/policies.$id': () => ({ id: String(ids.countyPolicy) }),
  'routes/policies.$id_.versions.$n': () => ({ id: String(ids.countyPolicy), n: '1' }),
  'routes/policies.$id_.versions.$n_.download.$format': () => ({ id: String(ids.countyPolicy), n: '1', format: 'pdf' }),
  'routes/preapproval.applications.$id': () => ({ id: String(ids.application) }),
  'routes/preapproval.applications_.$id.feed': () => ({ id: String(ids.application) }),
  'routes/review_.preapproval-flags.$id': () => ({ id: String(ids.flag) }),
  'routes/review_.policies_.$id.amend': () => ({ id: String(ids.countyPolicy) }),
  'routes/review_.policies_.adopt.$template': () => ({ template: 'county_reporting' }),
  'routes/review_.policies_.draft.$format': () => ({ format: 'pdf' }),
};

/** The query names each API endpoint reads (docs/api.md, the OpenAPI description). */
const API_QUERIES: Record<string, string[]> = {
  'routes/api.v1.agencies.$slug._index': [],
  'routes/api.v1.agencies.$slug.breakdowns[.csv]': ['lang'],
  'routes/api.v1.agencies.$slug.compliance[.csv]': ['lang'],
  'routes/api.v1.agencies.$slug.figures[.csv]': ['lang'],
  'routes/api.v1.agencies.$slug.history': [],
  'routes/api.v1.agencies.$slug.reports.$filingId._index': [],
  'routes/api.v1.agencies.$slug.reports.$filingId.revisions[.csv]': ['lang'],
  'routes/api.v1.agreements': ['state', 'status', 'model'],
  'routes/api.v1.agreements[.csv]': ['state', 'lang'],
  'routes/api.v1.audit-log': [],
  'routes/api.v1.compare._index': ['metric', 'from', 'to'],
  'routes/api.v1.compare[.csv]': ['metric', 'from', 'to', 'lang'],
  'routes/api.v1.filings': [],
  'routes/api.v1.ice-lists': [],
  'routes/api.v1.me': [],
  'routes/api.v1.metrics': ['lang'],
  'routes/api.v1.metrics[.csv]': ['lang'],
  'routes/api.v1.openapi[.json]': [],
  'routes/api.v1.places.$state.$county._index': ['from', 'to'],
  'routes/api.v1.places.$state.$county.compliance[.csv]': ['lang'],
  'routes/api.v1.places.$state.$county.figures[.csv]': ['lang'],
  'routes/api.v1.places.$state._index': [],
  'routes/api.v1.places.$state.counties[.csv]': ['lang'],
  'routes/api.v1.places.$state.filings[.csv]': ['lang'],
  'routes/api.v1.places.$state.overdue[.csv]': ['lang'],
  'routes/api.v1.places.$state.timeline[.csv]': ['lang'],
};

/** Query names of the pages, where they read one. */
const PAGE_QUERIES: Record<string, string[]> = {
  'routes/compare': ['metric', 'from', 'to', 'county', 'agency'],
  'routes/search': ['q'],
  'routes/admin.events': ['kind', 'page'],
  'routes/admin.agencies': ['edit', 'created', 'saved'],
  'routes/admin.imports': ['imported', 'fetched', 'cancelled', 'fetchBusy'],
  'routes/audit': ['page', 'after'],
  'routes/sign-in': ['redirectTo'],
  'routes/language': ['lang', 'returnTo'],
  'routes/places.$state.$slug': ['from', 'to'],
  'routes/agencies.$slug': ['from', 'to'],
  'routes/filings.$id': ['submitted', 'attached', 'removed'],
  'routes/review_.filings._index': ['status', 'page'],
  'routes/review_.policies_.adopt.$template': ['place'],
  'routes/review_.compliance': ['status', 'agency', 'policy', 'requirement', 'from', 'to'],
  'routes/review_.compliance[.csv]': ['status', 'agency', 'policy', 'requirement', 'from', 'to'],
  'routes/review_.compliance_.summary': ['place', 'period'],
  'routes/review_.compliance_.summary[.pdf]': ['place', 'period'],
  'routes/preapproval.applications.$id': ['done'],
  'routes/alerts.subscribe': ['place'],
};

/** Who asks for each address: the person it serves, so the loader is reached. */
function urlActor(id: string): Actor | 'bearer' {
  // The pre-approval routes of the town's department and its council.
  if (id === 'routes/agency.$slug.applications') return 'townHead';
  if (id === 'routes/review_.preapproval-flags.$id') return 'townReviewer';
  if (id.startsWith('routes/admin')) return 'operator';
  if (id.startsWith('routes/review')) return 'reviewer';
  if (id.startsWith('routes/filings') || id.startsWith('routes/agency.') || id === 'routes/account') return 'head';
  if (id === 'routes/api.v1.me' || id === 'routes/api.v1.filings') return 'bearer';
  return 'anonymous';
}

function fillPattern(pattern: string, values: Record<string, string>): string {
  return pattern.replace(/:(\w+)/g, (_, name: string) => values[name] ?? 'x') || '/';
}

const URL_RUNS = 8;

describe('addresses with hostile parameters and queries answer without a server error', () => {
  const fuzzed = ENTRIES.filter((e) => e.pattern.includes(':') || e.id in API_QUERIES || e.id in PAGE_QUERIES);
  for (const route of fuzzed) {
    it(`${route.pattern} (${URL_RUNS} cases)`, async () => {
      const module = await routeModule(route);
      const names = [...route.pattern.matchAll(/:(\w+)/g)].map((m) => m[1]);
      const known = API_QUERIES[route.id] ?? PAGE_QUERIES[route.id] ?? [];
      const actor = urlActor(route.id);
      const hasLoader = 'loader' in module;
      const send = async (path: string, method: 'GET' | 'POST') => {
        const headers: Record<string, string> = {};
        if (actor === 'bearer') headers.authorization = `Bearer ${apiToken}`;
        else {
          const cookie = await cookieOf(actor);
          if (cookie) headers.cookie = cookie;
        }
        let body: string | undefined;
        if (method === 'POST') {
          headers.origin = app.origin;
          headers['content-type'] = route.id === 'routes/api.v1.filings' ? 'application/json' : 'application/x-www-form-urlencoded';
          const target = FORM_TARGETS[route.id];
          body = target ? new URLSearchParams(formOf(target.baselines()[0])).toString() : '{}';
        }
        return fetch(`${app.origin}${path}`, { method, headers, body, redirect: 'manual' });
      };
      // The valid address first: the person is let through, so the fuzzing reaches the loader.
      const valid = URL_PARAMS[route.id]?.() ?? {};
      const validPath = fillPattern(route.pattern, Object.fromEntries(names.map((name) => [name, encodeURIComponent(valid[name] ?? 'x')])));
      cases++;
      const first = await send(validPath, hasLoader ? 'GET' : 'POST');
      await first.arrayBuffer();
      expect(reached({ status: first.status, location: first.headers.get('location') }), `${validPath}: ${first.status}`).toBe(true);
      const property = fc.asyncProperty(
        // Ids are where PostgreSQL's integer overflowed: they get id-like values most often.
        fc.tuple(...names.map((name) => fc.option(/id$/i.test(name) ? fc.oneof({ weight: 3, arbitrary: idText.map(encodeSegment) }, hostileSegment) : hostileSegment, { nil: null, freq: 3 }))),
        hostileQuery(known),
        fc.boolean(),
        async (segments, query, post) => {
          cases++;
          const values = Object.fromEntries(names.map((name, i) => [name, segments[i] ?? encodeURIComponent(valid[name] ?? 'x')]));
          const path = fillPattern(route.pattern, values) + query;
          const method = !hasLoader || (post && 'action' in module) ? 'POST' : 'GET';
          try {
            const response = await send(path, method);
            const status = response.status;
            const text = await response.text();
            if (status >= 500) record(route.id, `${method} answered ${status}: ${text.replace(/\s+/g, ' ').slice(0, 160)}`, path);
          } catch (error) {
            record(route.id, `${method} failed: ${errorSummary(error)}`, path);
          }
        },
      );
      await fc.assert(property, fcOptions(URL_RUNS));
      expect(failuresOf(route.id).filter((f) => / answered | failed: /.test(f)), `seed ${SEED}`).toEqual([]);
    }, 120_000);
  }

  it('keeps every stored row valid and the audit chain whole', async () => {
    expect(await assertStoredRowsValid('addresses')).toEqual([]);
  });
});

describe('the fuzz suite', () => {
  it(`ran at least ${MIN_CASES} generated cases`, () => {
    if (FINDINGS_FILE) writeFindings();
    expect(cases).toBeGreaterThanOrEqual(MIN_CASES);
  });
});
