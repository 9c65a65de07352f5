/**
 * The alert job's schedule (started by server/index.ts beside the mail schedule): every
 * ALERT_SCAN_INTERVAL_MS (60 s) each instance runs the scan; its own lock and the outbox's dedupe
 * keys make that safe on any number of instances (scan.server.ts). A run that queued or expired
 * something, or failed, is recorded in job_run (job "alerts") for /admin/jobs; empty looks are not.
 * Off with MAIL_SCHEDULE=off, like the mail jobs; the delivery job sends what it queues.
 */
import type { PrismaClient } from '~/db/prisma.server';
import { mailScheduled } from '~/mail/schedule.server';
import { runAlertScan } from './scan.server';

export function alertScanIntervalMs(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.ALERT_SCAN_INTERVAL_MS);
  return env.ALERT_SCAN_INTERVAL_MS?.trim() && Number.isInteger(value) && value >= 1000 ? value : 60_000;
}

/** One scheduled look: the scan, recorded when it did something or failed. */
export async function scheduledAlertScan(prisma: PrismaClient, now: () => Date = () => new Date()) {
  const startedAt = now();
  try {
    const result = await runAlertScan(prisma, { now: startedAt });
    if (result.queued || result.expired) {
      await prisma.jobRun.create({
        data: { job: 'alerts', trigger: 'schedule', startedAt, finishedAt: now(), outcome: 'ok', detail: { queued: result.queued, expired: result.expired, ...result.events } },
      });
    }
    return result;
  } catch (error) {
    console.error('Alerts: the scheduled scan failed:', error);
    await prisma.jobRun
      .create({ data: { job: 'alerts', trigger: 'schedule', startedAt, finishedAt: now(), outcome: 'failed', error: error instanceof Error ? error.message : String(error) } })
      .catch(() => {});
    return null;
  }
}

export function startAlertSchedule(prisma: () => PrismaClient): { stop: () => void } | null {
  if (!mailScheduled()) return null;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await scheduledAlertScan(prisma());
    } finally {
      running = false;
    }
  };
  // unref: the timer never keeps a stopping process alive.
  const timer = setInterval(tick, alertScanIntervalMs());
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
