/**
 * The private calendar feed of due dates (/calendar/<token>.ics): a filer makes a link on
 * /account, the feed lists what /filings lists as due, overdue or returned, and the link stops
 * working when revoked, replaced, or when its owner is disabled or no longer files.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '~/auth/session.server';
import { disconnectPrisma } from '~/db/prisma.server';
import * as accountRoute from '~/routes/account';
import * as calendarRoute from '~/routes/calendar.$file';
import * as filingsRoute from '~/routes/filings._index';
import { prepareDatabase } from '../../scripts/db/prepare';
import { testRequestHandler } from '../support/page-handler';
import { cookieFor, get, post, run, TEST_CONTEXT } from '../support/requests';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

type Handler = Parameters<typeof run>[0];

let db: TestDatabase;
let gaston: { id: number; cookie: string };
let cabarrus: { id: number; cookie: string };
let reviewerCookie = '';

beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.url, () => {}, true);
  process.env.DATABASE_URL = db.url;
  const user = async (email: string) => {
    const { id } = await db.prisma.user.findUniqueOrThrow({ where: { email } });
    return { id, cookie: await cookieFor(db.prisma, id) };
  };
  gaston = await user('filer.gaston@example.org');
  cabarrus = await user('filer.cabarrus@example.org');
  reviewerCookie = (await user('reviewer.gaston@example.org')).cookie;
});
afterAll(async () => {
  await disconnectPrisma();
  await db.drop();
});

const handle = testRequestHandler({ 'routes/account': { path: 'account', module: accountRoute } });
const accountPage = async (cookie: string) => {
  const response = await handle(new Request('http://portal.test/account', { headers: { cookie } }), TEST_CONTEXT);
  expect(response.status).toBe(200);
  return response.text();
};

const accountAction = accountRoute.action as Handler;
const accountLoader = accountRoute.loader as Handler;

async function createLink(cookie: string): Promise<string> {
  const outcome = await run(accountAction, post('/account', { intent: 'calendar-create' }, cookie));
  expect(outcome.status).toBe(200);
  const url = (outcome.body as { calendarUrl: string }).calendarUrl;
  expect(url).toMatch(/^http:\/\/portal\.test\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
  return url;
}

/** Fetches the feed as a calendar app would (no cookie); thrown responses included. */
async function fetchFeed(url: string): Promise<Response> {
  const file = new URL(url).pathname.replace('/calendar/', '');
  try {
    return (await calendarRoute.loader({ request: new Request(url), params: { file }, context: TEST_CONTEXT })) as Response;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

interface VEvent {
  UID: string;
  DTSTART: string;
  SUMMARY: string;
  URL: string;
}
function events(text: string): VEvent[] {
  const unfolded = text.replace(/\r\n /g, '');
  return unfolded
    .split('BEGIN:VEVENT\r\n')
    .slice(1)
    .map((block) => {
      const fields = Object.fromEntries(block.split('\r\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)]));
      return { UID: fields.UID, DTSTART: fields['DTSTART;VALUE=DATE'], SUMMARY: fields.SUMMARY, URL: fields.URL };
    });
}

interface Overview {
  agencies: { name: string; requirements: { periods: { requirementId: number; key: string; label: string; dueOn: string; status: string; returned: boolean }[] }[] }[];
}

/** What /filings lists as needing the filer: due, overdue or returned. */
async function dueOnFilings(cookie: string) {
  const outcome = await run(filingsRoute.loader as Handler, get('/filings', cookie));
  expect(outcome.status).toBe(200);
  return (outcome.body as Overview).agencies.flatMap((agency) =>
    agency.requirements.flatMap((requirement) =>
      requirement.periods
        .filter((period) => period.status === 'due' || period.status === 'overdue' || period.returned)
        .map((period) => ({ agency: agency.name, ...period })),
    ),
  );
}

describe('calendar feed of due dates', () => {
  let gastonUrl = '';

  it('is offered on /account to people who file, and to nobody else', async () => {
    const filer = await run(accountLoader, get('/account', gaston.cookie));
    expect((filer.body as { calendarFeed?: { live: string | null } }).calendarFeed).toEqual({ live: null });
    const reviewer = await run(accountLoader, get('/account', reviewerCookie));
    expect((reviewer.body as { calendarFeed?: unknown }).calendarFeed).toBeUndefined();
    expect((await run(accountAction, post('/account', { intent: 'calendar-create' }, reviewerCookie))).status).toBe(403);
    expect(await db.prisma.calendarFeedToken.count()).toBe(0);
    expect(await accountPage(gaston.cookie)).toContain('Calendar of due dates');
    expect(await accountPage(reviewerCookie)).not.toContain('Calendar of due dates');
  });

  it('is made once, stored only as a hash, and lists what /filings lists as due', async () => {
    gastonUrl = await createLink(gaston.cookie);
    const token = /\/calendar\/(.+)\.ics$/.exec(gastonUrl)![1];
    const stored = await db.prisma.calendarFeedToken.findFirstOrThrow({ where: { userId: gaston.id } });
    expect(stored.tokenHash).toBe(sha256(token));
    const account = await run(accountLoader, get('/account', gaston.cookie));
    expect(JSON.stringify(account.body)).not.toContain(token);
    expect((account.body as { calendarFeed: { live: string | null } }).calendarFeed.live).not.toBeNull();

    const response = await fetchFeed(gastonUrl);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(response.headers.get('cache-control')).toMatch(/^private/);
    const text = await response.text();
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);

    const expected = await dueOnFilings(gaston.cookie);
    // The demo policy asks for quarters since 2025, none filed: several are overdue.
    expect(expected.length).toBeGreaterThan(1);
    const listed = events(text);
    expect(listed.map((event) => event.UID).sort()).toEqual(expected.map((period) => `due-${period.requirementId}-${period.key}@portal.test`).sort());
    for (const period of expected) {
      const event = listed.find((e) => e.UID === `due-${period.requirementId}-${period.key}@portal.test`)!;
      expect(event.DTSTART).toBe(period.dueOn.replaceAll('-', ''));
      expect(event.SUMMARY).toBe(`Report due: ${period.agency} ${period.label}`.replace(/,/g, '\\,').replace(/;/g, '\\;'));
      expect(event.URL).toMatch(/^http:\/\/portal\.test\/filings/);
    }
    // The same request again: same UIDs (calendar apps update rather than duplicate).
    expect(events(await (await fetchFeed(gastonUrl)).text()).map((e) => e.UID)).toEqual(listed.map((e) => e.UID));
  });

  it("never shows another person's agencies", async () => {
    const cabarrusUrl = await createLink(cabarrus.cookie);
    const gastonAgency = (await dueOnFilings(gaston.cookie))[0].agency;
    const cabarrusDue = await dueOnFilings(cabarrus.cookie);
    expect(cabarrusDue.every((period) => period.agency !== gastonAgency)).toBe(true);
    const text = await (await fetchFeed(cabarrusUrl)).text();
    expect(text).not.toContain(gastonAgency.replace(/,/g, '\\,'));
    expect(events(text).map((e) => e.UID).sort()).toEqual(cabarrusDue.map((p) => `due-${p.requirementId}-${p.key}@portal.test`).sort());
    const gastonText = await (await fetchFeed(gastonUrl)).text();
    for (const period of cabarrusDue) expect(gastonText).not.toContain(`due-${period.requirementId}-${period.key}@`);
  });

  it('answers 404 for an unknown or malformed token', async () => {
    expect((await fetchFeed('http://portal.test/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics')).status).toBe(404);
    expect((await fetchFeed('http://portal.test/calendar/nope.ics')).status).toBe(404);
    expect((await fetchFeed(gastonUrl.replace('.ics', '.txt'))).status).toBe(404);
  });

  it('stops working when revoked, and a new link replaces the old', async () => {
    const revoked = await run(accountAction, post('/account', { intent: 'calendar-revoke' }, gaston.cookie));
    expect(revoked.body).toEqual({ calendarRevoked: true });
    expect((await fetchFeed(gastonUrl)).status).toBe(404);

    const first = await createLink(gaston.cookie);
    const second = await createLink(gaston.cookie);
    expect((await fetchFeed(first)).status).toBe(404);
    expect((await fetchFeed(second)).status).toBe(200);
    expect(await db.prisma.calendarFeedToken.count({ where: { userId: gaston.id, revokedAt: null } })).toBe(1);
    gastonUrl = second;
  });

  it('stops working while its owner is disabled', async () => {
    await db.prisma.user.update({ where: { id: gaston.id }, data: { disabledAt: new Date() } });
    expect((await fetchFeed(gastonUrl)).status).toBe(404);
    await db.prisma.user.update({ where: { id: gaston.id }, data: { disabledAt: null } });
    expect((await fetchFeed(gastonUrl)).status).toBe(200);
  });

  it('stops working once its owner no longer files for an agency', async () => {
    const url = await createLink(cabarrus.cookie);
    expect((await fetchFeed(url)).status).toBe(200);
    await db.prisma.roleAssignment.deleteMany({ where: { userId: cabarrus.id, role: { in: ['FILER', 'HEAD'] } } });
    expect((await fetchFeed(url)).status).toBe(404);
  });
});
