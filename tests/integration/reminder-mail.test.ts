/**
 * Reminder mail end to end (issue 15, point 1), against a REAL SMTP listener (smtp-server)
 * started here, not a mock of the mail library:
 * - the reminder job and delivery, run twice at once, send each mail exactly once; a person who
 *   turned reminders off gets none; mail goes in the language they chose;
 * - `scripts/mail-run.ts` killed with SIGKILL while the SMTP server holds a message's DATA
 *   unanswered (so by SMTP's rules it was not delivered): no transaction is open meanwhile, and
 *   the next run sends what is left, every mail exactly once in total;
 * - operators' /admin/jobs lists the runs, the skipped and the interrupted ones included.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '~/db/prisma.server';
import { runMailDelivery } from '~/mail/delivery.server';
import { enqueueMail } from '~/mail/outbox.server';
import { runReminders } from '~/mail/reminders.server';
import { addDays, endOfDayInNewYork } from '~/reporting/calendar';
import { expectedFilingsOfAgencies } from '~/reporting/filings.server';
import * as accountRoute from '~/routes/account';
import * as adminJobsRoute from '~/routes/admin.jobs';
import { prepareDatabase } from '../../scripts/db/prepare';
import { testRequestHandler } from '../support/page-handler';
import { cookieFor, get, post, run, TEST_CONTEXT } from '../support/requests';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

type Handler = Parameters<typeof run>[0];

interface Received {
  messageId: string;
  to: string;
  raw: string;
}

let db: TestDatabase;
let smtp: SMTPServer;
let smtpUrl = '';
const received: Received[] = [];
/** Set to hold the n-th message of a phase: its DATA is read and never answered. */
let hold: { at: number; seen: number; held: () => void } | null = null;
let delayMs = 0;

const header = (raw: string, name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(raw)?.[1]?.trim() ?? '';

beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.url, () => {}, true);
  process.env.DATABASE_URL = db.url;
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        if (hold && ++hold.seen === hold.at) {
          hold.held();
          return; // never answered: the client waits for "250 OK"
        }
        setTimeout(() => {
          received.push({ messageId: header(raw, 'Message-ID'), to: header(raw, 'To'), raw });
          callback();
        }, delayMs);
      });
    },
  });
  smtp.on('error', () => {});
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as { port: number };
  smtpUrl = `smtp://127.0.0.1:${port}`;
  process.env.SMTP_URL = smtpUrl;
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await disconnectPrisma();
  await db.drop();
});

const userId = async (email: string) => (await db.prisma.user.findUniqueOrThrow({ where: { email } })).id;

/** Every outbox row sent, and received exactly once (by its fixed Message-ID). */
async function expectEachMailReceivedOnce() {
  const rows = await db.prisma.outboxMail.findMany({ orderBy: { id: 'asc' } });
  expect(rows.length).toBeGreaterThan(0);
  expect(rows.filter((row) => row.sentAt === null)).toEqual([]);
  const counts = new Map<string, number>();
  for (const mail of received) counts.set(mail.messageId.replace(/@.*$/, ''), (counts.get(mail.messageId.replace(/@.*$/, '')) ?? 0) + 1);
  expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(rows.map((row) => [`<outbox-${row.id}`, 1])));
  return rows;
}

describe('reminder mail through a real SMTP server', () => {
  let fixedNow: Date;
  let operatorCookie = '';

  it('runs twice at once and sends each mail exactly once, honouring settings and language', async () => {
    const gastonUser = await userId('filer.gaston@example.org');
    const cabarrusUser = await userId('filer.cabarrus@example.org');
    operatorCookie = await cookieFor(db.prisma, await userId('admin@example.org'));
    const agency = async (slug: string) => (await db.prisma.agency.findUniqueOrThrow({ where: { slug } })).id;
    const gaston = await agency('nc-gaston-county-sheriffs-office');
    const cabarrus = await agency('nc-cabarrus-county-sheriffs-office');

    // A day when a Gaston period is due tomorrow: the day before its due date, noon in New York.
    const expected = await expectedFilingsOfAgencies(db.prisma, [gaston, cabarrus], new Date());
    const unfiled = (agencyId: number) => expected.get(agencyId)!.flatMap((item) => item.periods.filter((period) => !period.latestRevision));
    const target = unfiled(gaston)[0];
    expect(target, 'the demo gives Gaston an unfiled period').toBeDefined();
    fixedNow = new Date(new Date(endOfDayInNewYork(addDays(target.dueOn, -1))).getTime() - 12 * 60 * 60 * 1000);
    // Cabarrus has the same period unfiled, so turning its reminders off is what keeps its mail away.
    expect(unfiled(cabarrus).map((period) => period.dueOn)).toContain(target.dueOn);

    // Settings on /account, as the people would save them (a plain form).
    const settings = async (id: number, fields: Record<string, string>) => {
      const outcome = await run(accountRoute.action as Handler, post('/account', { intent: 'mail-settings', reminderMailShown: '1', ...fields }, await cookieFor(db.prisma, id)));
      expect(outcome.status).toBe(200);
    };
    await settings(cabarrusUser, { mailLanguage: 'en' });
    await settings(gastonUser, { reminderMail: 'on', mailLanguage: 'es' });
    expect(await db.prisma.user.findUniqueOrThrow({ where: { id: cabarrusUser }, select: { reminderMail: true } })).toEqual({ reminderMail: false });

    delayMs = 50;
    const once = async () => {
      const reminders = await runReminders(db.prisma, { trigger: 'test', now: () => fixedNow });
      const delivery = await runMailDelivery(db.prisma, { trigger: 'test' });
      return { reminders, delivery };
    };
    const [first, second] = await Promise.all([once(), once()]);
    expect([first.reminders.outcome, second.reminders.outcome, first.delivery?.outcome, second.delivery?.outcome]).not.toContain('failed');
    // They overlapped: one of the two found a job under way and recorded a skip.
    expect(await db.prisma.jobRun.count({ where: { outcome: 'skipped' } })).toBeGreaterThan(0);

    const rows = await expectEachMailReceivedOnce();
    const reminderRows = rows.filter((row) => row.kind === 'reminder_before');
    const key = new RegExp(`^reminder_before_1:\\d+:${target.key}:${gastonUser}$`);
    expect(reminderRows.filter((row) => row.toAddress === 'filer.gaston@example.org' && key.test(row.dedupeKey))).toHaveLength(1);
    expect(rows.filter((row) => row.toAddress === 'filer.cabarrus@example.org')).toEqual([]);
    // In the language Gaston's filer chose; a plain-text part in every mail.
    expect(reminderRows.find((row) => row.toAddress === 'filer.gaston@example.org')!.subject).toMatch(/^Informe que vence mañana/);
    for (const mail of received) expect(mail.raw).toMatch(/Content-Type: text\/plain/i);

    // Running again decides the same mails: nothing new is queued or sent.
    const again = await runReminders(db.prisma, { trigger: 'test', now: () => fixedNow });
    expect(again).toMatchObject({ outcome: 'ok', detail: { queued: 0 } });
    expect(await db.prisma.outboxMail.count()).toBe(rows.length);
  });

  it('survives a kill -9 mid-delivery: no transaction held while SMTP waits, then every mail exactly once', async () => {
    const before = received.length;
    for (let i = 1; i <= 4; i++) {
      await enqueueMail(db.prisma, { dedupeKey: `test:kill:${i}`, kind: 'test', to: `person${i}@example.org`, subject: `Test ${i}`, text: `Plain text ${i}` });
    }
    expect(await db.prisma.outboxMail.count({ where: { sentAt: null } })).toBe(4);

    delayMs = 0;
    let held!: () => void;
    const heldPromise = new Promise<void>((resolve) => (held = resolve));
    hold = { at: 3, seen: 0, held };
    // node with tsx's loader, one process: SIGKILL reaches the very process that holds the lock.
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join('scripts', 'mail-run.ts')], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: db.url, SMTP_URL: smtpUrl, MAIL_SCHEDULE: 'off' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    await Promise.race([heldPromise, exited.then(() => Promise.reject(new Error(`mail:run ended before the held message:\n${output}`)))]);

    // The SMTP server sits on a message's DATA: no database session is inside a transaction.
    const open = await db.prisma.$queryRaw<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and pid <> pg_backend_pid() and xact_start is not null`;
    expect(open[0].n).toBe(0);
    const running = await db.prisma.jobRun.findFirstOrThrow({ where: { job: 'mail_delivery', outcome: 'running' } });

    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    hold = null;
    // Two accepted before the held one, and marked sent; the held one was not delivered and stays
    // queued, with whatever else the child's own reminder run (today's real date) queued.
    expect(received.length - before).toBe(2);
    expect(await db.prisma.outboxMail.count({ where: { sentAt: { not: null } } })).toBe(received.length);
    const left = await db.prisma.outboxMail.count({ where: { sentAt: null } });
    expect(left).toBeGreaterThanOrEqual(2);

    // The killed run's lock went with its connection: the next run gets it (PostgreSQL may take a moment to notice).
    let result = await runMailDelivery(db.prisma, { trigger: 'test' });
    for (let tries = 0; result?.outcome === 'skipped' && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      result = await runMailDelivery(db.prisma, { trigger: 'test' });
    }
    expect(result).toMatchObject({ outcome: 'ok', detail: { sent: left } });
    await expectEachMailReceivedOnce();
    expect(await db.prisma.jobRun.findUniqueOrThrow({ where: { id: running.id } })).toMatchObject({ outcome: 'failed', error: expect.stringMatching(/interrupted/) });
  });

  it('retries a refused mail with back-off and gives up after the last attempt', async () => {
    await enqueueMail(db.prisma, { dedupeKey: 'test:refused', kind: 'test', to: 'nobody@example.org', subject: 'Refused', text: 'x' });
    const refusing = { sendMail: () => Promise.reject(new Error('550 mailbox unavailable')) };
    const first = await runMailDelivery(db.prisma, { trigger: 'test', transport: refusing, settings: { maxAttempts: 2, backoffMs: 0 } });
    expect(first).toMatchObject({ outcome: 'ok', detail: { sent: 0, retrying: 1, gaveUp: 0 } });
    const second = await runMailDelivery(db.prisma, { trigger: 'test', transport: refusing, settings: { maxAttempts: 2, backoffMs: 0 } });
    expect(second).toMatchObject({ outcome: 'ok', detail: { sent: 0, retrying: 0, gaveUp: 1 } });
    const row = await db.prisma.outboxMail.findUniqueOrThrow({ where: { dedupeKey: 'test:refused' } });
    expect(row).toMatchObject({ attempts: 2, lastError: '550 mailbox unavailable', sentAt: null });
    expect(row.failedAt).not.toBeNull();
  });

  it("lists the runs and the mail given up on operators' /admin/jobs", async () => {
    const outcome = await run(adminJobsRoute.loader as Handler, get('/admin/jobs', operatorCookie));
    expect(outcome.status).toBe(200);
    const body = outcome.body as { runs: { job: string; outcome: string }[]; failed: { subject: string }[]; smtpConfigured: boolean };
    expect(body.smtpConfigured).toBe(true);
    const seen = new Set(body.runs.map((r) => `${r.job}:${r.outcome}`));
    for (const expected of ['reminders:ok', 'mail_delivery:ok', 'mail_delivery:failed']) expect(seen).toContain(expected);
    expect(body.runs.some((r) => r.outcome === 'skipped')).toBe(true);
    expect(body.failed.map((mail) => mail.subject)).toEqual(['Refused']);
    // And the page itself, as an operator's browser gets it.
    const handle = testRequestHandler({ 'routes/admin.jobs': { path: 'admin/jobs', module: adminJobsRoute } });
    const page = await handle(new Request('http://portal.test/admin/jobs', { headers: { cookie: operatorCookie } }), TEST_CONTEXT);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('mail_delivery');
    expect(html).toContain('skipped');
    expect(html).toContain('550 mailbox unavailable');
  });
});
