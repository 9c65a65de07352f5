/**
 * Reviewers recording reporting policies at /review/policies, and agencies filing reports by
 * machine at POST /api/v1/filings, against the demo database (real NC counties, ICE's real
 * lists, the demo accounts). The API must answer exactly as the form's services do.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { PrismaPg } from '@prisma/adapter-pg';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { authenticateApiToken, createApiToken } from '~/auth/api-tokens.server';
import { createPrismaClient, disconnectPrisma } from '~/db/prisma.server';
import { SerialClient } from '~/db/serial-client.server';
import { PrismaClient } from '~/generated/prisma/client';
import { translator } from '~/i18n/i18n';
import { readAuditLog, verifyAuditLog } from '~/reporting/audit-log.server';
import { describeFilingMessage } from '~/reporting/filing-messages';
import { fileByApi } from '~/reporting/filings-api.server';
import { openFiling, saveDraft } from '~/reporting/filings.server';
import { action as filingsApi, loader as filingsApiLoader } from '~/routes/api.v1.filings';
import { action, loader } from '~/routes/review_.policies/route';
import { METRIC_CATALOGUE_VERSION } from '~/reporting/metrics';
import { prepareDatabase } from '../../scripts/db/prepare';
import { FILINGS_API_PATH, filingsApiHandler } from '../../server/filings-api';
import { cookieFor, get, run } from '../support/requests';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const URL_PATH = '/review/policies';
const JEM_KEYS = ['detainers_received', 'detainers_honored', 'detainers_declined', 'transfers_to_ice', 'people_encountered', 'gross_cost'];
const GOOD_VALUES = { detainers_received: '14', detainers_honored: '9', detainers_declined: '3', transfers_to_ice: 8, people_encountered: '40', gross_cost: '$12,500.5' };

let db: TestDatabase;
let gastonReviewer: string;
let cabarrusReviewer: string;
let gastonFiler: string;
let gastonHeadId: number;
const place = { gaston: 0, cabarrus: 0 };
const sheriff = { gaston: 0, cabarrus: 0 };

beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.url, () => {}, true);
  process.env.DATABASE_URL = db.url;
  const user = (email: string) => db.prisma.user.findUniqueOrThrow({ where: { email } });
  place.gaston = (await db.prisma.jurisdiction.findUniqueOrThrow({ where: { fips: '37071' } })).id;
  place.cabarrus = (await db.prisma.jurisdiction.findUniqueOrThrow({ where: { fips: '37025' } })).id;
  sheriff.gaston = (await db.prisma.agency.findUniqueOrThrow({ where: { slug: 'nc-gaston-county-sheriffs-office' } })).id;
  sheriff.cabarrus = (await db.prisma.agency.findUniqueOrThrow({ where: { slug: 'nc-cabarrus-county-sheriffs-office' } })).id;
  gastonReviewer = await cookieFor(db.prisma, (await user('reviewer.gaston@example.org')).id);
  gastonHeadId = (await user('filer.gaston@example.org')).id;
  gastonFiler = await cookieFor(db.prisma, gastonHeadId);
  const cabarrus = await db.prisma.user.create({
    data: { email: 'clerk@cabarrus.example', name: 'Cabarrus Clerk', roles: { create: { role: 'REVIEWER', jurisdictionId: place.cabarrus } } },
  });
  cabarrusReviewer = await cookieFor(db.prisma, cabarrus.id);
});
afterAll(async () => {
  await disconnectPrisma();
  await db.drop();
});

/** The policy form as a browser posts it (metricKeys repeated, the checkbox only when ticked). */
function policyForm(fields: Record<string, string | string[] | undefined>, cookie?: string) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
  }
  return new Request(`http://portal.test${URL_PATH}`, { method: 'POST', body, headers: cookie ? { cookie } : {} });
}

const gastonPolicy = (overrides: Record<string, string | string[] | undefined> = {}) => ({
  jurisdictionId: String(place.gaston),
  kind: 'COUNTY_REPORTING',
  title: 'Quarterly 287(g) reporting',
  statute: 'G.S. 153A-104',
  adoptedOn: '2024-12-02',
  resolutionText: 'Resolved, that the Sheriff report quarterly.',
  oathText: 'I certify that this report is true and complete.',
  agencyId: String(sheriff.gaston),
  requirementTitle: '',
  frequency: 'QUARTERLY',
  dueDaysAfterEnd: '30',
  acceptsLate: 'on',
  effectiveFrom: '2025-01-01',
  metricKeys: JEM_KEYS,
  ...overrides,
});

type ActionBody = { created: { id: number; title: string } | null; errors: Record<string, string>; values: Record<string, unknown> | null };

function apiRequest(body: unknown, token?: string) {
  return new Request('http://portal.test/api/v1/filings', {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
}

const certification = { name: 'Chad Hawkins', title: 'Sheriff' };

describe('/review/policies', () => {
  it("records a Gaston reviewer's quarterly policy for the Sheriff's Office, with its requirement and first version", async () => {
    const result = await run(action, policyForm(gastonPolicy(), gastonReviewer));
    expect(result.status).toBe(200);
    const body = result.body as ActionBody;
    expect(body.errors).toEqual({});
    expect(body.created).toMatchObject({ title: 'Quarterly 287(g) reporting' });

    const policy = await db.prisma.policy.findUniqueOrThrow({ where: { id: body.created!.id }, include: { requirements: { include: { versions: true } } } });
    expect(policy).toMatchObject({ jurisdictionId: place.gaston, kind: 'COUNTY_REPORTING', statute: 'G.S. 153A-104', resolutionText: 'Resolved, that the Sheriff report quarterly.' });
    expect(policy.requirements).toHaveLength(1);
    // An empty report name takes the policy's title.
    expect(policy.requirements[0]).toMatchObject({ agencyId: sheriff.gaston, title: 'Quarterly 287(g) reporting' });
    expect(policy.requirements[0].versions).toMatchObject([{ frequency: 'QUARTERLY', dueDaysAfterEnd: 30, acceptsLate: true, metricKeys: JEM_KEYS, catalogueVersion: METRIC_CATALOGUE_VERSION }]);

    // The list shows it with the rules in force.
    const page = await run(loader, get(URL_PATH, gastonReviewer));
    expect(page.status).toBe(200);
    const listed = (page.body as { places: { id: number; policies: { id: number; requirements: { agency: { name: string }; rules: unknown }[] }[] }[] }).places;
    expect(listed.map((p) => p.id)).toEqual([place.gaston]);
    const shown = listed[0].policies.find((p) => p.id === policy.id)!;
    expect(shown.requirements).toMatchObject([
      { agency: { name: "Gaston County Sheriff's Office" }, rules: { frequency: 'QUARTERLY', dueDaysAfterEnd: 30, acceptsLate: true, metricCount: 6, effectiveFrom: '2025-01-01' } },
    ]);
  });

  it('expands a breakdown checkbox into its cells', async () => {
    const result = await run(action, policyForm(gastonPolicy({ title: 'With sex breakdown', metricKeys: [...JEM_KEYS, 'group:transferred_by_sex'] }), gastonReviewer));
    const created = (result.body as ActionBody).created!;
    const version = await db.prisma.requirementVersion.findFirstOrThrow({ where: { requirement: { policyId: created.id } } });
    expect(version.metricKeys).toEqual([...JEM_KEYS, 'transferred_by_sex.female', 'transferred_by_sex.male', 'transferred_by_sex.other_or_unknown']);
  });

  it("refuses a Gaston reviewer's crafted jurisdictionId of Cabarrus, writing nothing", async () => {
    const before = await db.prisma.policy.count();
    const crafted = await run(action, policyForm(gastonPolicy({ jurisdictionId: String(place.cabarrus), agencyId: String(sheriff.cabarrus) }), gastonReviewer));
    expect(crafted.status).toBe(403);
    // Their own place with another place's agency: refused by the service, next to the field.
    const mixed = await run(action, policyForm(gastonPolicy({ agencyId: String(sheriff.cabarrus) }), gastonReviewer));
    expect(mixed.status).toBe(400);
    expect((mixed.body as ActionBody).errors.agencyId).toBe("Cabarrus County Sheriff's Office is not based in the policy's county or town.");
    expect(await db.prisma.policy.count()).toBe(before);
  });

  it('refuses filers (403) and sends anonymous visitors to sign in', async () => {
    expect((await run(loader, get(URL_PATH, gastonFiler))).status).toBe(403);
    expect((await run(action, policyForm(gastonPolicy(), gastonFiler))).status).toBe(403);
    const anonymous = await run(loader, get(URL_PATH));
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toBe(`/sign-in?redirectTo=${encodeURIComponent(URL_PATH)}`);
    expect((await run(action, policyForm(gastonPolicy()))).location).toMatch(/^\/sign-in\?redirectTo=/);
  });

  it("refuses a metric that does not apply to the agency's agreements, next to the field, keeping what was typed", async () => {
    const before = await db.prisma.policy.count();
    const result = await run(action, policyForm(gastonPolicy({ title: 'Typed title', metricKeys: [...JEM_KEYS, 'task_force_stops'] }), gastonReviewer));
    expect(result.status).toBe(400);
    const body = result.body as ActionBody;
    expect(body.errors).toEqual({ metricKeys: `"task_force_stops" (Task-force stops) does not apply to Gaston County Sheriff's Office's agreements (JEM).` });
    expect(body.values).toMatchObject({ title: 'Typed title', acceptsLate: true, metricKeys: [...JEM_KEYS, 'task_force_stops'] });

    // Fields the schema cannot read are named too (before the database checks run), as typed.
    const unread = await run(action, policyForm(gastonPolicy({ dueDaysAfterEnd: 'soon', acceptsLate: undefined, kind: '', agencyId: '99999999999' }), gastonReviewer));
    expect(unread.status).toBe(400);
    expect((unread.body as ActionBody).errors).toEqual({ kind: 'Choose the kind of policy.', agencyId: 'Choose the agency.', dueDaysAfterEnd: 'Enter the days allowed after the period ends.' });
    expect((unread.body as ActionBody).values).toMatchObject({ dueDaysAfterEnd: 'soon', acceptsLate: false, kind: '' });
    expect(await db.prisma.policy.count()).toBe(before);
  });
});

describe('POST /api/v1/filings', () => {
  let token: string;
  let requirementId: number;
  let cabarrusRequirementId: number;

  beforeAll(async () => {
    token = (await createApiToken(db.prisma, { agencyId: sheriff.gaston, name: 'Jail system', createdById: gastonHeadId })).token;
    const gaston = await run(action, policyForm(gastonPolicy({ title: 'API reporting' }), gastonReviewer));
    requirementId = (await db.prisma.requirement.findFirstOrThrow({ where: { policyId: (gaston.body as ActionBody).created!.id } })).id;
    const cabarrus = await run(
      action,
      policyForm(gastonPolicy({ title: 'Cabarrus reporting', jurisdictionId: String(place.cabarrus), agencyId: String(sheriff.cabarrus) }), cabarrusReviewer),
    );
    expect((cabarrus.body as ActionBody).errors).toEqual({});
    cabarrusRequirementId = (await db.prisma.requirement.findFirstOrThrow({ where: { policyId: (cabarrus.body as ActionBody).created!.id } })).id;
  });

  it('files a report for an ended period: 201, a revision by API and its audit entry', async () => {
    const result = await run(filingsApi, apiRequest({ requirementId, periodKey: '2025-Q3', values: GOOD_VALUES, nothingToReport: false, explanations: {}, certification }, token));
    expect(result.status).toBe(201);
    const { data } = result.body as { data: { filingId: number; revision: number; periodKey: string } };
    expect(data).toMatchObject({ revision: 1, periodKey: '2025-Q3' });

    const revision = await db.prisma.filingRevision.findUniqueOrThrow({ where: { filingId_number: { filingId: data.filingId, number: 1 } } });
    expect(revision).toMatchObject({
      channel: 'API',
      submittedById: gastonHeadId,
      certifiedName: 'Chad Hawkins',
      values: { ...GOOD_VALUES, transfers_to_ice: '8', gross_cost: '12500.50' },
    });
    const entries = (await readAuditLog(db.prisma)).filter((entry) => entry.subject === `filing:${data.filingId}`);
    expect(entries.map((entry) => [entry.kind, entry.actor, (entry.data as { channel?: string }).channel])).toEqual([
      ['submission', `user:${gastonHeadId}`, 'API'],
      ['certification', `user:${gastonHeadId}`, undefined],
    ]);
    expect(await verifyAuditLog(db.prisma)).toMatchObject({ valid: true });
  });

  it('refuses a rule-breaking body with 422, naming the fields, and writes nothing', async () => {
    const auditBefore = await db.prisma.auditEntry.count();
    const revisionsBefore = await db.prisma.filingRevision.count();
    const result = await run(
      filingsApi,
      apiRequest({ requirementId, periodKey: '2025-Q2', values: { ...GOOD_VALUES, detainers_honored: '15', people_encountered: true }, certification: { name: ' ', title: 'Sheriff' } }, token),
    );
    // Values the schema cannot even look at come back first, on their own.
    expect(result).toMatchObject({ status: 422, body: { error: { status: 422, issues: [{ fields: ['values.people_encountered'], message: 'Enter a number.', code: 'value_not_text' }] } } });

    const ruled = await run(
      filingsApi,
      apiRequest({ requirementId, periodKey: '2025-Q2', values: { ...GOOD_VALUES, detainers_honored: '15' }, certification: { name: ' ', title: 'Sheriff' } }, token),
    );
    expect(ruled.status).toBe(422);
    const issues = (ruled.body as { error: { issues: { fields: string[]; message: string }[] } }).error.issues;
    expect(issues).toEqual([
      { fields: ['certification.name'], message: 'Enter the name of the person certifying the report.', code: 'certified_name_required' },
      {
        fields: ['values.detainers_honored', 'values.detainers_received'],
        message: expect.stringMatching(/^Detainers honored \(15\) cannot be more than detainers received \(14\)/),
        code: 'rule_cannot_exceed',
        rule: 'detainers_honored_within_received',
      },
    ]);
    expect(await db.prisma.auditEntry.count()).toBe(auditBefore);
    expect(await db.prisma.filingRevision.count()).toBe(revisionsBefore);
    // Nor was the period opened: a refused call leaves nothing behind.
    const period = { requirementId_periodKey: { requirementId, periodKey: '2025-Q2' } };
    expect(await db.prisma.filing.findUnique({ where: period })).toBeNull();

    // A draft typed on the web form is not overwritten by a refused call either.
    const opened = await openFiling(db.prisma, { requirementId, periodKey: '2025-Q2' });
    await saveDraft(db.prisma, { filingId: opened.id, values: { detainers_received: '3' }, explanations: {}, nothingToReport: false, userId: gastonHeadId });
    const typed = await db.prisma.filing.findUniqueOrThrow({ where: period });
    const again = await run(
      filingsApi,
      apiRequest({ requirementId, periodKey: '2025-Q2', values: { ...GOOD_VALUES, detainers_honored: '15' }, certification }, token),
    );
    expect(again.status).toBe(422);
    expect(await db.prisma.filing.findUniqueOrThrow({ where: period })).toEqual(typed);
    expect(await db.prisma.auditEntry.count()).toBe(auditBefore);
  });

  it("refuses Cabarrus's requirement with Gaston's token (403), no token (401), malformed JSON or shape (400), an unexpected period (409)", async () => {
    const body = { requirementId: cabarrusRequirementId, periodKey: '2025-Q3', values: GOOD_VALUES, certification };
    expect(await run(filingsApi, apiRequest(body, token))).toMatchObject({ status: 403, body: { error: { status: 403 } } });
    expect(await run(filingsApi, apiRequest({ ...body, requirementId: 999_999 }, token))).toMatchObject({ status: 403 });
    expect(await run(filingsApi, apiRequest({ ...body, requirementId: 99_999_999_999 }, token))).toMatchObject({ status: 400 });
    expect(await run(filingsApi, apiRequest(body))).toMatchObject({ status: 401, body: { error: { status: 401 } } });
    expect(await run(filingsApi, apiRequest(body, 'opt_not-a-real-token'))).toMatchObject({ status: 401 });
    expect(await run(filingsApi, apiRequest('{"requirementId": 1,', token))).toMatchObject({ status: 400, body: { error: { message: 'The body is not valid JSON.' } } });
    const shape = await run(filingsApi, apiRequest({ requirementId: '1', periodKey: '2025-Q3', values: [], certification: 'me' }, token));
    expect(shape).toMatchObject({ status: 400, body: { error: { status: 400 } } });
    expect((shape.body as { error: { issues: { fields: string[] }[] } }).error.issues.map((issue) => issue.fields[0])).toEqual(['requirementId', 'values', 'certification']);
    expect(await run(filingsApi, apiRequest({ ...body, requirementId, periodKey: '2019-Q1' }, token))).toMatchObject({
      status: 409,
      body: { error: { message: 'No report is expected for period "2019-Q1" of this requirement.', issues: [{ fields: ['periodKey'], code: 'period_not_expected' }] } },
    });
    expect((await run(filingsApiLoader as never, get('/api/v1/filings'))).status).toBe(405);
    expect(await db.prisma.filingRevision.count({ where: { filing: { requirementId: cabarrusRequirementId } } })).toBe(0);
  });

  it('files a report in six SQL statements, whatever the report holds', async () => {
    const counting = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url, max: 2 }), log: [{ emit: 'event', level: 'query' }] });
    const statements: string[] = [];
    counting.$on('query', (event) => statements.push(event.query));
    const file = async (periodKey: string) => {
      const request = apiRequest({ requirementId, periodKey, values: GOOD_VALUES, certification }, token);
      statements.length = 0;
      const principal = await authenticateApiToken(counting, request);
      expect(await fileByApi(counting, principal!, await request.json(), new Date('2026-07-15T12:00:00Z'))).toMatchObject({ status: 201 });
      return [...statements];
    };
    try {
      // The first may also record the token's use.
      await file('2025-Q4');
      // The token and its agency; the requirement, the period's filing, the calendar; then in one
      // transaction: the filing opened with its draft, what the checks read, the revision with its
      // figures, counted revision and audit entries (chained by the database as it commits), the commit.
      expect(await file('2026-Q1')).toHaveLength(6);
    } finally {
      await counting.$disconnect();
    }
  });

  it("files through the app's client on its pg pool, Prisma left out", async () => {
    // The portal's client (createPrismaClient): sql.server.ts sends a submission's statements
    // straight to its pool. Prisma's adapter asks pg for rows as arrays; these are the others.
    const portal = createPrismaClient(db.url, { max: 2 });
    const sent = { direct: [] as string[], prisma: 0 };
    const original = SerialClient.prototype.query;
    const query = vi.spyOn(SerialClient.prototype, 'query').mockImplementation(function (this: SerialClient, ...args: unknown[]) {
      const [first] = args as [{ text?: string; rowMode?: string } | string];
      if (typeof first === 'object' && first.rowMode === 'array') sent.prisma += 1;
      else sent.direct.push(typeof first === 'string' ? first : (first.text ?? ''));
      return original.apply(this, args);
    });
    try {
      const request = apiRequest({ requirementId, periodKey: '2026-Q3', values: GOOD_VALUES, certification }, token);
      const principal = await authenticateApiToken(portal, request);
      sent.direct.length = 0;
      expect(await fileByApi(portal, principal!, await request.json())).toMatchObject({ status: 201 });
      expect(sent.prisma).toBe(0);
      // planFiling's read; begin; the filing opened with its draft; what the checks read; the
      // revision with its figures, counted revision and audit entries; commit (the token before).
      expect(sent.direct.map((text) => text.trim().split(/\s+/)[0].toLowerCase())).toEqual(['select', 'begin', 'insert', 'select', 'with', 'commit']);
    } finally {
      query.mockRestore();
      await portal.$disconnect();
    }
  });

  it("is answered by the portal's own server as by the route's action, over HTTP", async () => {
    // server/app.ts answers these POSTs before Remix, with the action's own answerFilingPost.
    const app = express().post(FILINGS_API_PATH, filingsApiHandler(() => db.prisma));
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const overHttp = async (request: Request) => {
      const response = await fetch(`${origin}/api/v1/filings`, { method: 'POST', headers: request.headers, body: await request.arrayBuffer() });
      return { status: response.status, body: await response.json(), cacheControl: response.headers.get('cache-control'), challenge: response.headers.get('www-authenticate') };
    };
    const byAction = async (request: Request) => {
      const response = (await filingsApi({ request, params: {}, context: { clientIp: null } } as never)) as Response;
      return { status: response.status, body: await response.json(), cacheControl: response.headers.get('cache-control'), challenge: response.headers.get('www-authenticate') };
    };
    const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part) : Buffer.from(part))));
    const refused = { requirementId: cabarrusRequirementId, periodKey: '2025-Q3', values: GOOD_VALUES, certification };
    try {
      // Every refusal, both ways: nothing is written, so each request can be sent twice.
      const requests = () => [
        apiRequest(refused),
        apiRequest(refused, 'opt_not-a-real-token'),
        apiRequest(refused, token),
        apiRequest('{"requirementId": 1,', token),
        apiRequest({ requirementId: '1', values: [] }, token),
        apiRequest({ ...refused, requirementId, periodKey: '2019-Q1' }, token),
        apiRequest({ ...refused, requirementId, periodKey: '2025-Q4', values: { ...GOOD_VALUES, detainers_honored: '15' } }, token),
        // A byte-order mark is dropped, as a Fetch Request's text() drops it; bytes that are not UTF-8 are not JSON.
        new Request('http://portal.test/api/v1/filings', { method: 'POST', body: bytes([0xef, 0xbb, 0xbf], JSON.stringify(refused)), headers: { authorization: `Bearer ${token}` } }),
        new Request('http://portal.test/api/v1/filings', { method: 'POST', body: bytes('{"periodKey": "', [0xff, 0xfe, 0x00], '"}'), headers: { authorization: `Bearer ${token}` } }),
      ];
      const answers = await Promise.all(requests().map(overHttp));
      expect(answers.map((answer) => answer.status)).toEqual([401, 401, 403, 400, 400, 409, 422, 403, 400]);
      expect(answers).toEqual(await Promise.all(requests().map(byAction)));
      expect(answers[0]).toMatchObject({ cacheControl: 'no-store', challenge: 'Bearer' });

      // A report filed over HTTP is one the action then sees as filed (an amendment needs its reason).
      const body = { requirementId, periodKey: '2026-Q2', values: GOOD_VALUES, certification };
      expect(await overHttp(apiRequest(body, token))).toMatchObject({ status: 201, body: { data: { revision: 1, periodKey: '2026-Q2' } } });
      expect(await byAction(apiRequest(body, token))).toMatchObject({ status: 422, body: { error: { issues: [{ code: 'amendment_reason_required' }] } } });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('gives the same message for the same bad value as the form’s saveDraft', async () => {
    const bad = { ...GOOD_VALUES, gross_cost: '1.234', detainers_declined: 'three' };
    const api = await run(filingsApi, apiRequest({ requirementId, periodKey: '2025-Q1', values: bad, certification }, token));
    expect(api.status).toBe(422);
    const apiIssues = (api.body as { error: { issues: { fields: string[]; message: string }[] } }).error.issues;

    const filing = await openFiling(db.prisma, { requirementId, periodKey: '2025-Q1' });
    const { issues: formIssues } = await saveDraft(db.prisma, { filingId: filing.id, values: { ...bad, transfers_to_ice: '8' }, explanations: {}, nothingToReport: false, userId: gastonHeadId });
    for (const key of ['gross_cost', 'detainers_declined']) {
      const fromApi = apiIssues.find((issue) => issue.fields.includes(`values.${key}`))!.message;
      const fromForm = describeFilingMessage(translator('en'), formIssues.find((issue) => issue.fields.includes(key))!.message);
      expect(fromApi).toBe(fromForm);
    }
    expect(apiIssues.map((issue) => issue.message)).toEqual(['"three" is not a number.', 'Use dollars and cents: at most 2 decimals.']);
  });
});
