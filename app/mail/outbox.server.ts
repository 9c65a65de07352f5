/**
 * The mail outbox (issue 15): mail is decided in the transaction that decides it (a reminder
 * run, a subscription, an alert) and written here; the delivery job sends it afterwards, outside
 * any transaction, so a crash loses nothing decided and a slow mail server holds no locks.
 * The dedupe key names what makes a mail unique (e.g. `reminder_before:<filing>:<user>`): a job
 * that runs again, or twice at once, decides the same mail only once.
 */
import type { Db } from '~/db/prisma.server';

export interface OutboxInput {
  /** Unique per mail that must go out once (see above). */
  dedupeKey: string;
  /** reminder_before, reminder_after, digest, alert_confirm, alert, ... */
  kind: string;
  to: string;
  subject: string;
  /** Every mail has a plain-text part; html is optional. */
  text: string;
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post. */
  headers?: Record<string, string>;
}

/** Queues a mail unless one with the same dedupe key was queued before. True if queued now. */
export async function enqueueMail(db: Db, mail: OutboxInput): Promise<boolean> {
  const inserted = await db.$executeRaw`
    insert into outbox_mail (dedupe_key, kind, to_address, subject, text, html, headers)
    values (${mail.dedupeKey}, ${mail.kind}, ${mail.to}, ${mail.subject}, ${mail.text}, ${mail.html ?? null},
      ${JSON.stringify(mail.headers ?? {})}::jsonb)
    on conflict (dedupe_key) do nothing`;
  return inserted === 1;
}
