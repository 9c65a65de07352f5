/**
 * The server's mail schedule (started by server/index.ts, like the ICE fetch's):
 * - the reminder job once a day: each instance looks hourly and runs it when no run finished
 *   today (New York); the job's lock makes a second instance's attempt a recorded skip;
 * - delivery every MAIL_DELIVERY_INTERVAL_MS (15 s) when SMTP_URL is set and some queued mail
 *   is due (a look with nothing to send records no run). Without SMTP_URL mail stays queued and
 *   /admin/jobs says so.
 * MAIL_SCHEDULE=off turns both off (tests, or an instance that must not run jobs).
 */
import type { PrismaClient } from '~/db/prisma.server';
import { runMailDelivery } from './delivery.server';
import { remindersRanToday, runReminders } from './reminders.server';

export function mailScheduled(env: Record<string, string | undefined> = process.env): boolean {
  return !/^(off|0|false|no)$/i.test(env.MAIL_SCHEDULE?.trim() ?? '');
}

export function deliveryIntervalMs(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.MAIL_DELIVERY_INTERVAL_MS);
  return env.MAIL_DELIVERY_INTERVAL_MS?.trim() && Number.isInteger(value) && value >= 1000 ? value : 15_000;
}

export function startMailSchedule(
  prisma: () => PrismaClient,
  options: { firstCheckMs?: number; remindersEveryMs?: number; log?: (line: string) => void } = {},
): { stop: () => void } | null {
  const log = options.log ?? console.log;
  if (!mailScheduled()) {
    log('Mail: reminders and delivery are off (MAIL_SCHEDULE=off).');
    return null;
  }
  const smtp = Boolean(process.env.SMTP_URL?.trim());
  if (!smtp) log('Mail: SMTP_URL is unset; reminders are queued but not sent (see /admin/jobs).');
  let delivering = false;
  const deliver = async () => {
    if (!smtp || delivering) return;
    delivering = true;
    try {
      const due = await prisma().outboxMail.count({ where: { sentAt: null, failedAt: null, nextAttemptAt: { lte: new Date() } } });
      if (due > 0) await runMailDelivery(prisma(), { trigger: 'schedule' });
    } catch (error) {
      console.error('Mail: the scheduled delivery failed:', error);
    } finally {
      delivering = false;
    }
  };
  let reminding = false;
  const remind = async () => {
    if (reminding) return;
    reminding = true;
    try {
      if (!(await remindersRanToday(prisma()))) {
        const result = await runReminders(prisma(), { trigger: 'schedule' });
        if (result.outcome === 'failed') console.error(`Mail: the reminder run failed: ${result.error}`);
        await deliver();
      }
    } catch (error) {
      console.error('Mail: the scheduled reminder run failed:', error);
    } finally {
      reminding = false;
    }
  };
  // unref: the timers never keep a stopping process alive.
  const timers = [
    setTimeout(remind, options.firstCheckMs ?? 60_000),
    setInterval(remind, options.remindersEveryMs ?? 60 * 60 * 1000),
    setInterval(deliver, deliveryIntervalMs()),
  ];
  for (const timer of timers) timer.unref();
  return {
    stop() {
      for (const timer of timers) clearTimeout(timer);
    },
  };
}
