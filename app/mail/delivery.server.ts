/**
 * The mail delivery job: sends the outbox's queued mail (outbox.server.ts) through SMTP.
 *
 * - Outside any database transaction: each mail is read, sent, then marked with a statement of
 *   its own, so a slow or stuck mail server holds no locks and no connection of the pool.
 * - Marked sent right after the SMTP server accepted it (its answer to DATA). A run killed while
 *   a mail's DATA is unanswered leaves it queued, and the next run sends it: by SMTP's rules it
 *   was not delivered. The one window left, between the server's "250 OK" and the update a few
 *   milliseconds later, would send that one mail twice; its Message-ID is fixed per outbox row,
 *   so mail clients show such a copy once.
 * - A failure is retried with back-off (MAIL_RETRY_BACKOFF_MS, doubled per attempt); after
 *   MAIL_MAX_ATTEMPTS the mail is given up (failed_at) and operators see it on /admin/jobs.
 * - Once across instances: runExclusiveJob's lock (jobs.server.ts).
 */
import os from 'node:os';
import nodemailer from 'nodemailer';
import type { PrismaClient } from '~/db/prisma.server';
import { runExclusiveJob, type JobDetail, type JobResult } from './jobs.server';

export interface DeliverySettings {
  maxAttempts: number;
  backoffMs: number;
  /** Mails read per query; a run goes on until no queued mail is due. */
  batch: number;
}

export function deliverySettings(env: Record<string, string | undefined> = process.env): DeliverySettings {
  const int = (name: string, fallback: number, min: number) => {
    const value = Number(env[name]);
    return env[name]?.trim() && Number.isInteger(value) && value >= min ? value : fallback;
  };
  return { maxAttempts: int('MAIL_MAX_ATTEMPTS', 8, 1), backoffMs: int('MAIL_RETRY_BACKOFF_MS', 60_000, 0), batch: 50 };
}

/** What sends one message: nodemailer's transport in the portal, the same in tests (to a real SMTP listener). */
export interface MailTransport {
  sendMail(message: nodemailer.SendMailOptions): Promise<unknown>;
  close?(): void;
}

export interface DeliveryOptions {
  trigger: string;
  /** Default: a transport for SMTP_URL; without SMTP_URL nothing is sent (see below). */
  transport?: MailTransport;
  from?: string;
  settings?: Partial<DeliverySettings>;
  now?: () => Date;
  databaseUrl?: string;
}

/** The next try after `attempts` failures: backoff × 2^(attempts−1), at most a day. */
export function retryDelayMs(attempts: number, backoffMs: number): number {
  return Math.min(backoffMs * 2 ** Math.max(0, attempts - 1), 24 * 60 * 60 * 1000);
}

/**
 * Sends every queued mail that is due, once across instances. Without SMTP_URL (and no
 * transport given) it does not run at all: the mail stays queued, and /admin/jobs says so.
 */
export async function runMailDelivery(prisma: PrismaClient, options: DeliveryOptions): Promise<JobResult | null> {
  const smtpUrl = process.env.SMTP_URL?.trim();
  if (!options.transport && !smtpUrl) return null;
  const settings = { ...deliverySettings(), ...options.settings };
  const now = options.now ?? (() => new Date());
  const from = options.from ?? process.env.MAIL_FROM ?? 'Oversight Portal <no-reply@localhost>';
  const host = (() => {
    const match = /@([^>\s]+)>?\s*$/.exec(from);
    return match?.[1] ?? os.hostname();
  })();
  return runExclusiveJob(prisma, { job: 'mail_delivery', trigger: options.trigger, databaseUrl: options.databaseUrl, now }, async ({ lost }): Promise<JobDetail> => {
    const transport: MailTransport = options.transport ?? nodemailer.createTransport(smtpUrl!);
    let sent = 0;
    let retrying = 0;
    let gaveUp = 0;
    let afterId = 0;
    try {
      for (;;) {
        const due = await prisma.outboxMail.findMany({
          where: { sentAt: null, failedAt: null, nextAttemptAt: { lte: now() }, id: { gt: afterId } },
          orderBy: { id: 'asc' },
          take: settings.batch,
        });
        if (due.length === 0) break;
        for (const mail of due) {
          afterId = mail.id;
          // The lock went with its connection: another instance may be sending now.
          if (lost()) return { sent, retrying, gaveUp, stopped: 'lock lost' };
          try {
            await transport.sendMail({
              from,
              to: mail.toAddress,
              subject: mail.subject,
              text: mail.text,
              ...(mail.html ? { html: mail.html } : {}),
              headers: (mail.headers ?? {}) as Record<string, string>,
              messageId: `<outbox-${mail.id}@${host}>`,
            });
          } catch (error) {
            const attempts = mail.attempts + 1;
            const giveUp = attempts >= settings.maxAttempts;
            await prisma.outboxMail.update({
              where: { id: mail.id },
              data: {
                attempts,
                lastError: (error instanceof Error ? error.message : String(error)).slice(0, 1000),
                nextAttemptAt: new Date(now().getTime() + retryDelayMs(attempts, settings.backoffMs)),
                failedAt: giveUp ? now() : null,
              },
            });
            if (giveUp) gaveUp++;
            else retrying++;
            continue;
          }
          // Right after the server's acceptance: nothing else runs in between.
          await prisma.outboxMail.update({ where: { id: mail.id }, data: { sentAt: now(), attempts: mail.attempts + 1, lastError: null } });
          sent++;
        }
      }
    } finally {
      transport.close?.();
    }
    return { sent, retrying, gaveUp };
  });
}
