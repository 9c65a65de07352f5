/**
 * Background jobs that must run once across every portal instance (the reminder run, mail
 * delivery), and the job_run record operators read on /admin/jobs.
 *
 * The lock is a session-level PostgreSQL advisory lock (pg_try_advisory_lock) held on a
 * connection of its own for the whole run, not a transaction: mail delivery talks to an SMTP
 * server for as long as it needs and must hold no transaction meanwhile. The lock lives and dies
 * with that connection, so an instance killed mid-run (kill -9, a lost machine) releases it the
 * moment PostgreSQL sees the connection close. A run that finds the lock taken records itself
 * as 'skipped' and does nothing.
 */
import pg from 'pg';
import type { PrismaClient } from '~/db/prisma.server';

export type JobName = 'reminders' | 'mail_delivery';

/** pg advisory lock ids (the importer's is 287_001, the audit check's 287_003, ICE fetch 287_010). */
export const JOB_LOCKS: Record<JobName, number> = { reminders: 287_020, mail_delivery: 287_021 };

export type JobDetail = Record<string, number | string | boolean>;

export interface JobResult {
  runId: number;
  outcome: 'ok' | 'failed' | 'skipped';
  detail: JobDetail;
  error?: string;
}

/** Passed to a job's body: `lost()` is true once the lock's connection broke (stop at once: another instance may start). */
export interface JobContext {
  runId: number;
  lost: () => boolean;
}

export interface RunJobOptions {
  job: JobName;
  /** schedule, cli:<user>, test, ... */
  trigger: string;
  /** The database the lock is taken in: the one `prisma` talks to. Default DATABASE_URL. */
  databaseUrl?: string;
  now?: () => Date;
}

/**
 * Runs `body` under the job's lock and records the run. A run already holding the lock
 * elsewhere makes this one 'skipped'. Runs left 'running' by a crashed instance are closed as
 * failed when the next run gets the lock (it holds the lock, so none of them is really running).
 */
export async function runExclusiveJob(prisma: PrismaClient, options: RunJobOptions, body: (context: JobContext) => Promise<JobDetail>): Promise<JobResult> {
  const now = options.now ?? (() => new Date());
  const url = options.databaseUrl ?? process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: the job needs it for its lock connection.');
  const lockClient = new pg.Client({ connectionString: url, keepAlive: true });
  let lost = false;
  // A broken lock connection must not end the process (an unhandled 'error' would): the run stops instead.
  lockClient.on('error', () => {
    lost = true;
  });
  await lockClient.connect();
  try {
    const { rows } = await lockClient.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [JOB_LOCKS[options.job]]);
    if (!rows[0]?.locked) {
      const at = now();
      const skipped = await prisma.jobRun.create({
        data: { job: options.job, trigger: options.trigger, startedAt: at, finishedAt: at, outcome: 'skipped', detail: { reason: 'another run holds the lock' } },
        select: { id: true },
      });
      return { runId: skipped.id, outcome: 'skipped', detail: { reason: 'another run holds the lock' } };
    }
    await prisma.jobRun.updateMany({
      where: { job: options.job, outcome: 'running' },
      data: { outcome: 'failed', finishedAt: now(), error: 'interrupted: the instance running it stopped' },
    });
    const run = await prisma.jobRun.create({ data: { job: options.job, trigger: options.trigger, startedAt: now() }, select: { id: true } });
    let result: JobResult;
    try {
      const detail = await body({ runId: run.id, lost: () => lost });
      result = { runId: run.id, outcome: lost ? 'failed' : 'ok', detail, ...(lost ? { error: 'the lock connection broke during the run' } : {}) };
    } catch (error) {
      console.error(`Job ${options.job}:`, error);
      result = { runId: run.id, outcome: 'failed', detail: {}, error: error instanceof Error ? error.message : String(error) };
    }
    await prisma.jobRun.update({
      where: { id: run.id },
      data: { outcome: result.outcome, finishedAt: now(), detail: result.detail, error: result.error ?? null },
    });
    return result;
  } finally {
    // Ending the session releases its advisory locks; an explicit unlock first keeps it tidy.
    await lockClient.query('select pg_advisory_unlock_all()').catch(() => {});
    await lockClient.end().catch(() => {});
  }
}

/** The last runs of every job and the mail that is failed or still queued, for /admin/jobs. */
export async function jobsOverview(prisma: PrismaClient) {
  const [runs, failed, queued, queuedCount] = await Promise.all([
    prisma.jobRun.findMany({ orderBy: { id: 'desc' }, take: 30 }),
    prisma.outboxMail.findMany({
      where: { failedAt: { not: null }, sentAt: null },
      orderBy: { failedAt: 'desc' },
      take: 50,
      select: { id: true, kind: true, toAddress: true, subject: true, attempts: true, lastError: true, failedAt: true },
    }),
    prisma.outboxMail.findMany({
      where: { sentAt: null, failedAt: null },
      orderBy: { id: 'asc' },
      take: 50,
      select: { id: true, kind: true, toAddress: true, subject: true, attempts: true, lastError: true, nextAttemptAt: true, createdAt: true },
    }),
    prisma.outboxMail.count({ where: { sentAt: null, failedAt: null } }),
  ]);
  return {
    smtpConfigured: Boolean(process.env.SMTP_URL?.trim()),
    runs: runs.map((run) => ({
      id: run.id,
      job: run.job,
      trigger: run.trigger,
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      outcome: run.outcome,
      detail: Object.entries((run.detail ?? {}) as Record<string, unknown>)
        .map(([key, value]) => `${key}: ${String(value)}`)
        .join(', '),
      error: run.error,
    })),
    failed: failed.map((mail) => ({ ...mail, failedAt: mail.failedAt!.toISOString() })),
    queued: queued.map((mail) => ({ ...mail, nextAttemptAt: mail.nextAttemptAt.toISOString(), createdAt: mail.createdAt.toISOString() })),
    queuedCount,
  };
}

/** The operator home's line: mail waiting and mail given up. */
export async function mailCounts(prisma: PrismaClient): Promise<{ queued: number; failed: number }> {
  const [queued, failed] = await Promise.all([
    prisma.outboxMail.count({ where: { sentAt: null, failedAt: null } }),
    prisma.outboxMail.count({ where: { sentAt: null, failedAt: { not: null } } }),
  ]);
  return { queued, failed };
}
