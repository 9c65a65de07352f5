/**
 * The daily reminder job: decides today's reminder mails and weekly digests (reminder-plan.ts)
 * and queues them in the outbox, in one transaction, under its own lock and job_run record
 * (jobs.server.ts). It sends nothing itself: the delivery job (delivery.server.ts) does, outside
 * any transaction. Each mail's dedupe key makes a second run, or two at once, queue nothing new.
 */
import type { Db, PrismaClient } from '~/db/prisma.server';
import { dateOnly, newYorkDate } from '~/reporting/calendar';
import { CALENDAR_SELECT, periodsOf } from '~/reporting/filings.server';
import { runExclusiveJob, type JobResult } from './jobs.server';
import { enqueueMail } from './outbox.server';
import { BEFORE_DAYS, planReminders, type MailLocale, type PlanActivity, type PlanPeriod, type PlanPerson } from './reminder-plan';
import { digestText, reminderText } from './reminder-text';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Where the mails' links point: PUBLIC_URL, else the local portal. */
export function mailOrigin(env: Record<string, string | undefined> = process.env): string {
  return env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : `http://localhost:${env.PORT || 3000}`;
}

export interface ReminderOptions {
  trigger: string;
  now?: () => Date;
  databaseUrl?: string;
}

/** Runs the reminder job once (across instances); returns the run, 'skipped' if another holds the lock. */
export async function runReminders(prisma: PrismaClient, options: ReminderOptions): Promise<JobResult> {
  const now = options.now ?? (() => new Date());
  return runExclusiveJob(prisma, { job: 'reminders', trigger: options.trigger, databaseUrl: options.databaseUrl, now }, async () => {
    const at = now();
    return prisma.$transaction(
      async (tx) => {
        const plan = planReminders({ now: at, ...(await planInput(tx, at)) });
        const origin = mailOrigin();
        let queued = 0;
        for (const reminder of plan.reminders) {
          const { subject, text } = reminderText(reminder, origin);
          if (await enqueueMail(tx, { dedupeKey: reminder.dedupeKey, kind: reminder.kind, to: reminder.to, subject, text })) queued++;
        }
        for (const digest of plan.digests) {
          const { subject, text } = digestText(digest, origin);
          if (await enqueueMail(tx, { dedupeKey: digest.dedupeKey, kind: 'digest', to: digest.to, subject, text })) queued++;
        }
        return { reminders: plan.reminders.length, digests: plan.digests.length, queued };
      },
      { timeout: 5 * 60_000, maxWait: 30_000 },
    );
  });
}

/** Whether a reminder run finished today (New York): the schedule then waits for tomorrow. */
export async function remindersRanToday(prisma: PrismaClient, now: Date = new Date()): Promise<boolean> {
  const last = await prisma.jobRun.findFirst({ where: { job: 'reminders', outcome: 'ok' }, orderBy: { startedAt: 'desc' }, select: { startedAt: true } });
  return Boolean(last && newYorkDate(last.startedAt) === newYorkDate(now));
}

/** Everything planReminders needs, read in the job's transaction. */
async function planInput(db: Db, now: Date): Promise<Omit<Parameters<typeof planReminders>[0], 'now'>> {
  const users = await db.user.findMany({
    where: { roles: { some: { role: { in: ['FILER', 'HEAD', 'REVIEWER'] } } } },
    select: {
      id: true,
      email: true,
      name: true,
      disabledAt: true,
      reminderMail: true,
      digestMail: true,
      mailLanguage: true,
      roles: { select: { role: true, agencyId: true, jurisdictionId: true } },
    },
    orderBy: { id: 'asc' },
  });
  const people: PlanPerson[] = users.map((user) => ({
    userId: user.id,
    email: user.email,
    name: user.name,
    disabled: user.disabledAt !== null,
    reminderMail: user.reminderMail,
    digestMail: user.digestMail,
    language: user.mailLanguage === 'es' || user.mailLanguage === 'en' ? (user.mailLanguage as MailLocale) : null,
    filesFor: user.roles.filter((r) => (r.role === 'FILER' || r.role === 'HEAD') && r.agencyId !== null).map((r) => r.agencyId!),
    reviews: user.roles.filter((r) => r.role === 'REVIEWER' && r.jurisdictionId !== null).map((r) => r.jurisdictionId!),
  }));
  const reviewed = [...new Set(people.filter((p) => !p.disabled).flatMap((p) => p.reviews))];
  const filers = [...new Set(people.flatMap((p) => p.filesFor))];
  // What the calendar needs and nothing more: at national scale (1,300 agencies, ten years of
  // monthly periods) loading every filing with its revisions and reviews, as the compliance
  // record does, overflowed Prisma's stack. Whether a period is filed is one small row each.
  const [requirements, filedRows] = await Promise.all([
    db.requirement.findMany({
      where: { agency: { OR: [{ id: { in: filers } }, { jurisdictionId: { in: reviewed } }] } },
      select: { ...CALENDAR_SELECT, agency: { select: { name: true, jurisdictionId: true, agreements: CALENDAR_SELECT.agency.select.agreements } } },
      orderBy: { id: 'asc' },
    }),
    db.$queryRaw<{ requirementId: number; periodKey: string }[]>`
      select f.requirement_id as "requirementId", f.period_key as "periodKey"
      from filing f join agency a on a.id = f.agency_id
      where (a.id = any(${filers}::int[]) or a.jurisdiction_id = any(${reviewed}::int[]))
        and exists (select 1 from filing_revision r where r.filing_id = f.id)`,
  ]);
  const filed = new Set(filedRows.map((row) => `${row.requirementId}/${row.periodKey}`));
  // Periods whose due date is up to the first reminder ahead: they end by then, so the calendar lists them.
  const lookahead = new Date(now.getTime() + (Math.max(...BEFORE_DAYS) + 1) * DAY_MS);
  const extensions = await db.filingExtension.findMany({
    where: { requirementId: { in: requirements.map((requirement) => requirement.id) } },
    orderBy: { grantedAt: 'asc' },
    select: { requirementId: true, periodKey: true, until: true },
  });
  // The latest grant governs (append-only history).
  const extendedUntil = new Map(extensions.map((e) => [`${e.requirementId}/${e.periodKey}`, dateOnly(e.until)]));
  const periods: PlanPeriod[] = [];
  for (const requirement of requirements) {
    for (const row of periodsOf(requirement, lookahead, false)) {
      const id = `${requirement.id}/${row.key}`;
      periods.push({
        agencyId: requirement.agencyId,
        agencyName: requirement.agency.name,
        jurisdictionId: requirement.agency.jurisdictionId,
        requirementId: requirement.id,
        requirementTitle: requirement.title,
        periodKey: row.key,
        periodStart: row.start,
        periodEnd: row.end,
        dueOn: row.dueOn,
        extendedUntil: extendedUntil.get(id) ?? null,
        filed: filed.has(id),
      });
    }
  }
  const { filed: filedLately, returned } = await recentActivity(db, reviewed, now);
  return { people, periods, filed: filedLately, returned };
}

/** What the weekly digest tells reviewers of their places: reports filed and returned in the last 7 days. */
async function recentActivity(db: Db, reviewed: number[], now: Date): Promise<{ filed: PlanActivity[]; returned: PlanActivity[] }> {
  const since = new Date(now.getTime() - 7 * DAY_MS);
  const filingSelect = {
    id: true,
    periodStart: true,
    periodEnd: true,
    requirement: { select: { title: true } },
    agency: { select: { id: true, name: true, jurisdictionId: true } },
  } as const;
  const activity = (filing: { id: number; periodStart: Date; periodEnd: Date; requirement: { title: string }; agency: { id: number; name: string; jurisdictionId: number | null } }, at: Date): PlanActivity => ({
    agencyId: filing.agency.id,
    agencyName: filing.agency.name,
    jurisdictionId: filing.agency.jurisdictionId,
    requirementTitle: filing.requirement.title,
    periodStart: dateOnly(filing.periodStart),
    periodEnd: dateOnly(filing.periodEnd),
    filingId: filing.id,
    at: at.toISOString(),
  });
  const inReviewedPlaces = { agency: { jurisdictionId: { in: reviewed } } };
  const [revisions, returns] = await Promise.all([
    db.filingRevision.findMany({
      where: { certifiedAt: { gt: since, lte: now }, filing: inReviewedPlaces },
      orderBy: { certifiedAt: 'asc' },
      select: { certifiedAt: true, filing: { select: filingSelect } },
    }),
    db.filingReview.findMany({
      where: { decision: 'RETURNED', at: { gt: since, lte: now }, filing: inReviewedPlaces },
      orderBy: { at: 'asc' },
      select: { at: true, filing: { select: filingSelect } },
    }),
  ]);
  return {
    filed: revisions.map((revision) => activity(revision.filing, revision.certifiedAt)),
    returned: returns.map((review) => activity(review.filing, review.at)),
  };
}
