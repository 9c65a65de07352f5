/**
 * Alerts for residents (issue 15, point 5) against real PostgreSQL: a resident follows Gaston
 * County by email, gets one confirmation mail, confirms by POST (opening the link confirms
 * nothing), gets exactly one alert for a new report however often the job runs, and stops them
 * with RFC 8058's one-click POST; erasing deletes the rows. Sign-ups never tell whether an address
 * is subscribed, are throttled, and refuse hostile addresses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAlertScan } from '~/alerts/scan.server';
import { disconnectPrisma } from '~/db/prisma.server';
import { importIceList } from '~/registry/ice-import.server';
import { openFiling, saveDraft, submitFiling } from '~/reporting/filings.server';
import { createPolicy } from '~/reporting/policies.server';
import * as confirmRoute from '~/routes/alerts.confirm.$token';
import * as subscribeRoute from '~/routes/alerts.subscribe';
import * as unsubscribeRoute from '~/routes/alerts.unsubscribe.$token';
import { ICE_LISTS_DIR } from '../../seeds/ice-registry';
import { seedNcJurisdictions } from '../../seeds/nc-jurisdictions';
import { get, post, run, TEST_CONTEXT } from '../support/requests';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

type Handler = Parameters<typeof run>[0];
const GASTON = 'nc-gaston-county-sheriffs-office';
const certify = { certifiedName: 'Chad Hawkins', certifiedTitle: 'Sheriff', channel: 'WEB' as const };

let db: TestDatabase;
let requirementId = 0;
let filerId = 0;
let gastonAgencyId = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  await seedNcJurisdictions(db.prisma);
  const name = 'participating-2025-07-18.xlsx';
  await importIceList(db.prisma, { bytes: fs.readFileSync(path.join(ICE_LISTS_DIR, name)), fileName: name, importedBy: 'test' });
  const gaston = await db.prisma.agency.findUniqueOrThrow({ where: { slug: GASTON } });
  gastonAgencyId = gaston.id;
  const county = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { fips: '37071' } });
  // A town of the county (seedNcJurisdictions makes the counties only), as the places import makes it.
  await db.prisma.jurisdiction.create({
    data: { kind: 'MUNICIPALITY', name: 'Belmont', searchName: 'belmont', slug: 'belmont', stateCode: 'NC', fips: '3704840', placeType: 'city', parentId: county.id, countyLinks: { create: { countyId: county.id } } },
  });
  filerId = (await db.prisma.user.create({ data: { email: 'filer@gaston.example', name: 'Filer' } })).id;
  const policy = await createPolicy(db.prisma, {
    jurisdictionId: county.id,
    kind: 'COUNTY_REPORTING',
    title: '287(g) reporting',
    statute: 'G.S. 153A-104',
    adoptedOn: '2024-12-02',
    oathText: 'I certify that this report is true.',
    requirements: [
      { agencyId: gaston.id, title: 'Quarterly report', effectiveFrom: '2025-01-01', frequency: 'QUARTERLY', dueDaysAfterEnd: 30, acceptsLate: true, metricKeys: ['gross_cost', 'detainers_received'] },
    ],
  });
  requirementId = policy.requirements[0].id;
});
afterAll(async () => {
  await disconnectPrisma();
  await db.drop();
});

/** A sign-up as the place page's form sends it (from TEST_CONTEXT's client address). */
async function signUp(fields: Record<string, string>, place = 'nc/gaston-county') {
  return run(subscribeRoute.action as Handler, post(`/alerts/subscribe?place=${encodeURIComponent(place)}`, { place, ...fields }));
}
/** The same from another client address, as the action returns it. */
async function signUpFrom(ip: string, fields: Record<string, string>) {
  const request = post('/alerts/subscribe?place=nc%2Fgaston-county', { place: 'nc/gaston-county', ...fields });
  try {
    const result = await subscribeRoute.action({ request, params: {}, context: { ...TEST_CONTEXT, clientIp: ip } });
    return result as unknown;
  } catch (thrown) {
    return thrown;
  }
}

const mailTo = (to: string, kind?: string) => db.prisma.outboxMail.findMany({ where: { toAddress: to, ...(kind ? { kind } : {}) }, orderBy: { id: 'asc' } });
const linkIn = (text: string, kind: 'confirm' | 'unsubscribe') => {
  const match = new RegExp(`http://portal\\.test/alerts/${kind}/([A-Za-z0-9_-]{43})`).exec(text);
  expect(match, text).not.toBeNull();
  return match![1];
};

async function fileQ(periodKey: string) {
  const now = new Date('2025-11-20T15:00:00Z');
  const filing = await openFiling(db.prisma, { requirementId, periodKey, now });
  await saveDraft(db.prisma, { filingId: filing.id, values: { gross_cost: '1200', detainers_received: '3' }, explanations: {}, nothingToReport: false, userId: filerId });
  return submitFiling(db.prisma, { filingId: filing.id, userId: filerId, ...certify, now });
}

describe('following Gaston County by email', () => {
  const email = 'Resident@Example.org';
  const address = 'resident@example.org';
  let unsubscribeToken = '';

  it('shows the form on the county page and on /alerts/subscribe; a state or an unknown place cannot be followed', async () => {
    const page = await run(subscribeRoute.loader as Handler, get('/alerts/subscribe?place=nc%2Fgaston-county'));
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ place: { label: 'Gaston County, NC', path: '/places/nc/gaston-county', key: 'nc/gaston-county' } });
    for (const place of ['nc/state', 'nc/nowhere', '../etc', '']) {
      expect((await run(subscribeRoute.loader as Handler, get(`/alerts/subscribe?place=${encodeURIComponent(place)}`))).status, place).toBe(404);
    }
  });

  it('a sign-up queues one confirmation mail, and a second one the same answer and a fresh link', async () => {
    const first = await signUp({ email });
    expect(first).toMatchObject({ status: 200, body: { state: 'sent' } });
    const rows = await db.prisma.alertSubscription.findMany({ where: { email: address } });
    expect(rows).toHaveLength(1);
    expect(rows[0].confirmedAt).toBeNull();
    const mails = await mailTo(address, 'alert_confirm');
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Confirm alerts for Gaston County, NC');
    const token = linkIn(mails[0].text, 'confirm');
    // Only the hash is stored.
    expect(JSON.stringify(rows)).not.toContain(token);

    const again = await signUp({ email: address });
    expect(again).toMatchObject({ status: 200, body: first.body });
    const after = await mailTo(address, 'alert_confirm');
    expect(after).toHaveLength(2);
    // The older link stopped working: only the newest confirms.
    expect((await run(confirmRoute.loader as Handler, get(`/alerts/confirm/${token}`), { token })).status).toBe(404);
  });

  it('opening the confirmation link confirms nothing; its POST does', async () => {
    const [, latest] = await mailTo(address, 'alert_confirm');
    const token = linkIn(latest.text, 'confirm');
    const page = await run(confirmRoute.loader as Handler, get(`/alerts/confirm/${token}`), { token });
    expect(page).toMatchObject({ status: 200, body: { view: 'open', place: { label: 'Gaston County, NC' } } });
    expect((await db.prisma.alertSubscription.findFirstOrThrow({ where: { email: address } })).confirmedAt).toBeNull();
    const confirmed = await run(confirmRoute.action as Handler, post(`/alerts/confirm/${token}`, {}), { token });
    expect(confirmed).toMatchObject({ status: 200, body: { view: 'confirmed' } });
    expect((await db.prisma.alertSubscription.findFirstOrThrow({ where: { email: address } })).confirmedAt).not.toBeNull();
    // Once confirmed, signing up again sends nothing, with the same answer.
    expect(await signUp({ email: address })).toMatchObject({ status: 200, body: { state: 'sent' } });
    expect(await mailTo(address, 'alert_confirm')).toHaveLength(2);
  });

  it('a new report is alerted exactly once, however often the job runs, with a one-click unsubscribe', async () => {
    const revision = await fileQ('2025-Q1');
    const first = await runAlertScan(db.prisma);
    expect(first.events.report).toBeGreaterThanOrEqual(1);
    const second = await runAlertScan(db.prisma);
    expect(second.queued).toBe(0);
    // Two at once: they wait for each other, and still nothing new.
    const both = await Promise.all([runAlertScan(db.prisma), runAlertScan(db.prisma)]);
    expect(both.map((result) => result.queued)).toEqual([0, 0]);

    const alerts = await mailTo(address, 'alert');
    expect(alerts).toHaveLength(1);
    const [alert] = alerts;
    const subscription = await db.prisma.alertSubscription.findFirstOrThrow({ where: { email: address } });
    expect(alert.dedupeKey).toBe(`alert:report:${revision.id}:${subscription.id}`);
    expect(alert.subject).toBe("New report: Gaston County Sheriff's Office, January–March 2025");
    expect(alert.text).toContain(`http://portal.test/agencies/${GASTON}/reports/${revision.filingId}`);
    unsubscribeToken = linkIn(alert.text, 'unsubscribe');
    expect(alert.headers).toEqual({
      'List-Unsubscribe': `<http://portal.test/alerts/unsubscribe/${unsubscribeToken}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    // One link, for the one mail.
    expect(await db.prisma.alertLink.count({ where: { subscriptionId: subscription.id } })).toBe(1);
  });

  it("an agreement's end reaches the county's followers; a change of nothing that matters does not", async () => {
    const agreement = await db.prisma.agreement.findFirstOrThrow({ where: { agencyId: gastonAgencyId } });
    await db.prisma.agreementEvent.create({
      data: { agreementId: agreement.id, kind: 'ENDED', fromStatus: 'ACTIVE', toStatus: 'ENDED', effectiveOn: new Date('2026-01-07'), source: 'test' },
    });
    // A change that is no new, ended or pending agreement is not alerted.
    await db.prisma.agreementEvent.create({
      data: { agreementId: agreement.id, kind: 'CHANGED', fromStatus: 'ACTIVE', toStatus: 'ACTIVE', effectiveOn: new Date('2026-01-07'), source: 'test' },
    });
    const result = await runAlertScan(db.prisma);
    expect(result.queued).toBe(1);
    const ended = (await mailTo(address, 'alert')).at(-1)!;
    expect(ended.subject).toBe("287(g) agreement ended: Gaston County Sheriff's Office");
    expect(ended.text).toContain('Jail Enforcement Model');
    expect(ended.text).toContain('January 7, 2026');
    expect((await runAlertScan(db.prisma)).queued).toBe(0);
  });

  it('the one-click POST (RFC 8058) unsubscribes: no more alerts, and the queued ones are gone', async () => {
    const token = unsubscribeToken;
    const page = await run(unsubscribeRoute.loader as Handler, get(`/alerts/unsubscribe/${token}`), { token });
    expect(page).toMatchObject({ status: 200, body: { view: 'open', place: { label: 'Gaston County, NC' } } });
    const oneClick = new Request(`http://portal.test/alerts/unsubscribe/${token}`, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(await run(unsubscribeRoute.action as Handler, oneClick, { token })).toMatchObject({ status: 200, body: { view: 'unsubscribed' } });
    expect(await db.prisma.alertSubscription.count({ where: { email: address } })).toBe(0);
    expect(await mailTo(address, 'alert')).toHaveLength(0);

    await fileQ('2025-Q2');
    await runAlertScan(db.prisma);
    expect(await mailTo(address, 'alert')).toHaveLength(0);
    // The link is used up; the answer says so, nothing else.
    expect((await run(unsubscribeRoute.action as Handler, post(`/alerts/unsubscribe/${token}`, {}), { token })).status).toBe(404);
  });

  it('erasing deletes every subscription of the address and all its mail', async () => {
    const other = 'erase.me@example.org';
    for (const place of ['nc/gaston-county', 'nc/belmont']) {
      expect((await signUp({ email: other }, place)).status).toBe(200);
      const mail = (await mailTo(other, 'alert_confirm')).at(-1)!;
      const token = linkIn(mail.text, 'confirm');
      expect((await run(confirmRoute.action as Handler, post(`/alerts/confirm/${token}`, {}), { token })).status).toBe(200);
    }
    await fileQ('2025-Q3');
    await runAlertScan(db.prisma);
    // Belmont lies in Gaston County: its followers hear of the county's sheriff too.
    const alerts = await mailTo(other, 'alert');
    expect(alerts.map((mail) => mail.text.split('\n').find((line) => line.startsWith('You get this'))).sort()).toEqual([
      'You get this because you follow Belmont, NC on the Oversight Portal. Unsubscribe or erase your address:',
      'You get this because you follow Gaston County, NC on the Oversight Portal. Unsubscribe or erase your address:',
    ]);
    const token = linkIn(alerts[0].text, 'unsubscribe');
    expect(await run(unsubscribeRoute.action as Handler, post(`/alerts/unsubscribe/${token}`, { intent: 'erase' }), { token })).toMatchObject({
      status: 200,
      body: { view: 'erased' },
    });
    expect(await db.prisma.alertSubscription.count({ where: { email: other } })).toBe(0);
    expect(await db.prisma.outboxMail.count({ where: { toAddress: other } })).toBe(0);
    expect(await db.prisma.signInFailure.count({ where: { key: { contains: other } } })).toBe(0);
  });
});

describe('sign-ups that must be refused or must not tell', () => {
  it('refuses hostile addresses with 400 and stores nothing', async () => {
    const before = await db.prisma.alertSubscription.count();
    const hostile = [
      '',
      'not-an-address',
      'a@b',
      'nul\u0000@example.org',
      `${'a'.repeat(10_000)}@example.org`,
      'victim@example.org\r\nBcc: everyone@example.org',
      'victim@example.org\nSubject: hi',
      '"quoted spaces"@example.org',
    ];
    for (const email of hostile) {
      const outcome = await signUp({ email });
      expect(outcome.status, JSON.stringify(email.slice(0, 40))).toBe(400);
    }
    expect(await db.prisma.alertSubscription.count()).toBe(before);
    expect(await db.prisma.outboxMail.count({ where: { OR: [{ toAddress: { contains: '\n' } }, { toAddress: { contains: 'Bcc' } }] } })).toBe(0);
    // A place that is not one, or a state.
    expect((await signUp({ email: 'ok@example.org' }, 'nc/state')).status).toBe(404);
  });

  it('throttles a network, and mails one address only a few times, with the same answer', async () => {
    const results: unknown[] = [];
    for (let i = 0; i < 25; i += 1) results.push(await signUpFrom('192.0.2.50', { email: `many${i}@example.org` }));
    const statuses = results.map((result) => (result && typeof result === 'object' && 'init' in result ? ((result as { init?: { status?: number } }).init?.status ?? 200) : 200));
    expect(statuses.filter((status) => status === 429)).toHaveLength(5);

    const target = 'bombed@example.org';
    for (let i = 0; i < 6; i += 1) {
      const outcome = await signUpFrom(`203.0.113.${100 + i}`, { email: target });
      expect(outcome).toMatchObject({ state: 'sent' });
    }
    expect(await mailTo(target, 'alert_confirm')).toHaveLength(3);
  });

  it('alerts a period gone overdue once, and each step of a pre-approval application', async () => {
    const county = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { fips: '37071' } });
    const follower = 'overdue@example.org';
    const subscription = await db.prisma.alertSubscription.create({
      data: { email: follower, jurisdictionId: county.id, locale: 'es', origin: 'http://portal.test', confirmTokenHash: 'f'.repeat(64), confirmedAt: new Date('2026-01-20T12:00:00Z') },
    });
    // Q4 2025 is due 2026-01-30 (New York) and nothing was filed for it.
    await db.prisma.alertWatermark.upsert({ where: { eventType: 'overdue' }, create: { eventType: 'overdue', scannedTo: new Date('2026-01-30T00:00:00Z') }, update: { scannedTo: new Date('2026-01-30T00:00:00Z') } });
    const before = await runAlertScan(db.prisma, { now: new Date('2026-01-30T12:00:00Z') });
    expect(before.events.overdue).toBe(0);
    const after = await runAlertScan(db.prisma, { now: new Date('2026-02-01T00:00:00Z') });
    expect(after.events.overdue).toBe(1);
    await runAlertScan(db.prisma, { now: new Date('2026-02-01T00:05:00Z') });
    const overdue = (await mailTo(follower, 'alert')).filter((mail) => mail.dedupeKey.startsWith('alert:overdue:'));
    expect(overdue.map((mail) => [mail.dedupeKey, mail.subject])).toEqual([
      [`alert:overdue:${requirementId}:2025-Q4:${subscription.id}`, "Informe atrasado: Gaston County Sheriff's Office, octubre–diciembre de 2025"],
    ]);
    expect(overdue[0].text).toContain('que vencía el 30 de enero de 2026');
    expect(overdue[0].text).toContain('Darse de baja o borrar su dirección:');

    const policy = await db.prisma.policy.findFirstOrThrow({ where: { jurisdictionId: county.id } });
    const application = await db.prisma.preapprovalApplication.create({ data: { policyId: policy.id, agencyId: gastonAgencyId, model: 'TFM', stage: 'PUBLIC_NOTICE' } });
    await db.prisma.applicationEvent.create({ data: { applicationId: application.id, fromStage: 'COMPLETENESS_REVIEW', toStage: 'PUBLIC_NOTICE', effectiveOn: new Date('2026-02-03') } });
    await runAlertScan(db.prisma);
    await runAlertScan(db.prisma);
    const steps = (await mailTo(follower, 'alert')).filter((mail) => mail.dedupeKey.startsWith('alert:application:'));
    expect(steps.map((mail) => mail.subject)).toEqual(["Solicitud de aprobación previa de Gaston County Sheriff's Office: Aviso público y período de comentarios"]);
    expect(steps[0].text).toContain(`http://portal.test/preapproval/applications/${application.id}`);
  });

  it('deletes subscriptions never confirmed after 7 days', async () => {
    expect((await signUp({ email: 'late@example.org' })).status).toBe(200);
    const row = await db.prisma.alertSubscription.findFirstOrThrow({ where: { email: 'late@example.org' } });
    await runAlertScan(db.prisma, { now: new Date(row.createdAt.getTime() + 6 * 86_400_000) });
    expect(await db.prisma.alertSubscription.count({ where: { email: 'late@example.org' } })).toBe(1);
    const result = await runAlertScan(db.prisma, { now: new Date(row.createdAt.getTime() + 8 * 86_400_000) });
    expect(result.expired).toBeGreaterThanOrEqual(1);
    expect(await db.prisma.alertSubscription.count({ where: { email: 'late@example.org' } })).toBe(0);
    expect(await mailTo('late@example.org')).toHaveLength(0);
  });
});
