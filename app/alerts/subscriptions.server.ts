/**
 * Residents follow a county or a town by email (issue 15, point 5), with no account: double
 * opt-in (a confirmation mail whose link shows a button: a mail scanner fetching the link
 * confirms nothing), one-click unsubscribe in every alert (RFC 8058), and erasure of the address
 * by its owner. The address is stored only for this; rows are deleted, never marked. Nothing
 * answered here tells whether an address is subscribed: sign-ups get the same answer either way.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import { publicOrigin } from '~/auth/invitations.server';
import { newToken, sha256 } from '~/auth/session.server';
import { addressBucket } from '~/auth/throttle';
import type { Db, PrismaClient } from '~/db/prisma.server';
import { inTransaction } from '~/db/transaction.server';
import { isLocale, translator, type Locale } from '~/i18n/i18n';
import { enqueueMail } from '~/mail/outbox.server';
import { confirmMail } from './alert-text';

/** A confirmation link works this long; an address never confirmed is deleted after it. */
export const CONFIRM_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Sign-ups: per network (a /64 for IPv6) and per address, so nobody can mail-bomb a mailbox. */
export const SIGN_UP_LIMITS = { windowMs: 60 * 60 * 1000, perAddress: 20, perEmail: 3 };

export const SubscribeForm = z.object({
  place: z.string('form.invalid').regex(/^[a-z]{2}\/[a-z0-9-]{1,100}$/, 'form.invalid'),
  email: z.string('alerts.emailRequired').trim().min(1, 'alerts.emailRequired').max(254, 'alerts.emailInvalid').pipe(z.email('alerts.emailInvalid')),
});

export interface FollowedPlace {
  id: number;
  name: string;
  stateCode: string;
  slug: string;
}

/** The county or town behind "nc/gaston-county", or null (states and unknown places cannot be followed). */
export async function followablePlace(db: Db, place: string): Promise<FollowedPlace | null> {
  const match = /^([a-z]{2})\/([a-z0-9-]{1,100})$/.exec(place);
  if (!match) return null;
  const row = await db.jurisdiction.findUnique({
    where: { stateCode_slug: { stateCode: match[1].toUpperCase(), slug: match[2] } },
    select: { id: true, name: true, stateCode: true, slug: true, kind: true },
  });
  if (!row || (row.kind !== 'COUNTY' && row.kind !== 'MUNICIPALITY')) return null;
  return { id: row.id, name: row.name, stateCode: row.stateCode, slug: row.slug };
}

export const placeLabel = (place: { name: string; stateCode: string }) => `${place.name}, ${place.stateCode}`;

/** Where links in mail point: PUBLIC_URL when set, else the address the person used. */
export const mailOrigin = (stored: string) => (process.env.PUBLIC_URL ? new URL(process.env.PUBLIC_URL).origin : stored);

const normalize = (email: string) => email.trim().toLowerCase();

/** The first argument of the advisory locks taken here ("alrt"), apart from other uses. */
const LOCK_CLASS = 0x616c7274;
const lockId = (key: string) => crypto.createHash('sha256').update(key).digest().readInt32BE(0);

export type SubscribeOutcome = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Asks for alerts: a new subscription (or a fresh link for one not yet confirmed) and its
 * confirmation mail, queued in the same transaction. An address already confirmed gets nothing
 * more, and the answer is the same. Too many sign-ups from one network are refused with a wait;
 * too many for one address are silently not mailed (the answer must not differ by address).
 */
export async function subscribe(
  db: PrismaClient,
  request: Request,
  input: { email: string; place: FollowedPlace; locale: Locale; ip: string | null },
  now: Date = new Date(),
): Promise<SubscribeOutcome> {
  const email = normalize(input.email);
  const network = addressBucket(input.ip);
  const keys = [...(network ? [`alerts-ip:${network}`] : []), `alerts-to:${email}`];
  const since = new Date(now.getTime() - SIGN_UP_LIMITS.windowMs);
  // Counts older than the window are of no use, and those keyed by an address must not linger.
  await db.signInFailure.deleteMany({ where: { createdAt: { lt: since }, key: { startsWith: 'alerts-' } } });
  return db.$transaction(
    async (tx) => {
      for (const id of [...new Set(keys.map(lockId))].sort((a, b) => a - b)) {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_CLASS}::int, ${id}::int)`;
      }
      // Sign-ups are counted in the throttle's table under their own keys (pruned with it).
      const counted = await tx.signInFailure.groupBy({ by: ['key'], where: { key: { in: keys }, createdAt: { gt: since } }, _count: true });
      const count = (key: string) => counted.find((row) => row.key === key)?._count ?? 0;
      if (network && count(`alerts-ip:${network}`) >= SIGN_UP_LIMITS.perAddress) {
        return { ok: false as const, retryAfterSeconds: Math.ceil(SIGN_UP_LIMITS.windowMs / 1000) };
      }
      await tx.signInFailure.createMany({ data: keys.map((key) => ({ key, createdAt: now })) });
      if (count(`alerts-to:${email}`) >= SIGN_UP_LIMITS.perEmail) return { ok: true as const };

      const existing = await tx.alertSubscription.findUnique({ where: { email_jurisdictionId: { email, jurisdictionId: input.place.id } } });
      if (existing?.confirmedAt) return { ok: true as const };
      const token = newToken();
      const origin = publicOrigin(request);
      const row = existing
        ? await tx.alertSubscription.update({
            where: { id: existing.id },
            // A fresh link, valid CONFIRM_DAYS from now; the old one stops working.
            data: { confirmTokenHash: sha256(token), createdAt: now, locale: input.locale, origin },
          })
        : await tx.alertSubscription.create({
            data: { email, jurisdictionId: input.place.id, locale: input.locale, origin, confirmTokenHash: sha256(token), createdAt: now },
          });
      const mail = confirmMail(translator(input.locale), { place: placeLabel(input.place), url: `${mailOrigin(origin)}/alerts/confirm/${token}`, days: CONFIRM_DAYS });
      await enqueueMail(tx, { dedupeKey: `alert_confirm:${row.id}:${sha256(token).slice(0, 16)}`, kind: 'alert_confirm', to: email, ...mail });
      return { ok: true as const };
    },
    { maxWait: 15_000, timeout: 15_000 },
  );
}

/** Tokens are 256 random bits in base64url: anything else is not one, no query needed. */
const isToken = (token: string) => /^[A-Za-z0-9_-]{43}$/.test(token);

export interface SubscriptionView {
  place: FollowedPlace;
  confirmed: boolean;
}

/** The subscription a confirmation link is for, while the link works; else null. */
export async function confirmationFor(db: Db, token: string, now: Date = new Date()): Promise<(SubscriptionView & { id: number }) | null> {
  if (!isToken(token)) return null;
  const row = await db.alertSubscription.findUnique({
    where: { confirmTokenHash: sha256(token) },
    select: { id: true, confirmedAt: true, createdAt: true, jurisdiction: { select: { id: true, name: true, stateCode: true, slug: true } } },
  });
  if (!row) return null;
  if (!row.confirmedAt && row.createdAt.getTime() < now.getTime() - CONFIRM_DAYS * DAY_MS) return null;
  return { id: row.id, place: row.jurisdiction, confirmed: row.confirmedAt !== null };
}

/** Confirms (POST only: see the file's comment). Confirming twice is fine; a dead link is null. */
export async function confirmSubscription(db: Db, token: string, now: Date = new Date()): Promise<SubscriptionView | null> {
  const found = await confirmationFor(db, token, now);
  if (!found) return null;
  if (!found.confirmed) await db.alertSubscription.updateMany({ where: { id: found.id, confirmedAt: null }, data: { confirmedAt: now } });
  return { place: found.place, confirmed: true };
}

/**
 * A new unsubscribe link for a mail about to be queued. Each alert carries its own: the raw
 * token exists only in that mail, its hash here.
 */
export async function newUnsubscribeLink(db: Db, subscription: { id: number; origin: string }): Promise<string> {
  const token = newToken();
  await db.alertLink.create({ data: { tokenHash: sha256(token), subscriptionId: subscription.id } });
  return `${mailOrigin(subscription.origin)}/alerts/unsubscribe/${token}`;
}

/** The subscription an unsubscribe link is for, or null (unknown, or already unsubscribed). */
export async function unsubscribeLinkFor(db: Db, token: string): Promise<(SubscriptionView & { id: number; email: string }) | null> {
  if (!isToken(token)) return null;
  const link = await db.alertLink.findUnique({
    where: { tokenHash: sha256(token) },
    select: { subscription: { select: { id: true, email: true, confirmedAt: true, jurisdiction: { select: { id: true, name: true, stateCode: true, slug: true } } } } },
  });
  if (!link) return null;
  const { subscription } = link;
  return { id: subscription.id, email: subscription.email, place: subscription.jurisdiction, confirmed: subscription.confirmedAt !== null };
}

/**
 * Stops one place's alerts: the subscription is deleted (its links with it), and so is every
 * mail of it still in the outbox, sent or not: nothing more goes out, and the address is not
 * kept for it.
 */
export async function unsubscribe(db: Db, token: string): Promise<FollowedPlace | null> {
  return inTransaction(db, async (tx) => {
    const found = await unsubscribeLinkFor(tx, token);
    if (!found) return null;
    await deleteMailOf(tx, [found.id]);
    await tx.alertSubscription.deleteMany({ where: { id: found.id } });
    return found.place;
  });
}

/** Erases the address behind the link: every place it follows, and all mail to it about alerts. */
export async function eraseAddress(db: Db, token: string): Promise<boolean> {
  return inTransaction(db, async (tx) => {
    const found = await unsubscribeLinkFor(tx, token);
    if (!found) return false;
    const all = await tx.alertSubscription.findMany({ where: { email: found.email }, select: { id: true } });
    await deleteMailOf(tx, all.map((row) => row.id));
    await tx.$executeRaw`delete from outbox_mail where kind in ('alert', 'alert_confirm') and to_address = ${found.email}`;
    await tx.alertSubscription.deleteMany({ where: { email: found.email } });
    // The sign-up counts keyed by the address go too: they would be the address kept elsewhere.
    await tx.signInFailure.deleteMany({ where: { key: `alerts-to:${found.email}` } });
    return true;
  });
}

/** Every outbox mail of these subscriptions (dedupe keys alert:<event>:<id>, alert_confirm:<id>:<n>). */
async function deleteMailOf(tx: Db, ids: number[]) {
  for (const id of ids) {
    await tx.$executeRaw`delete from outbox_mail
      where (kind = 'alert' and dedupe_key like ${`alert:%:${id}`}) or (kind = 'alert_confirm' and dedupe_key like ${`alert\\_confirm:${id}:%`})`;
  }
}

/** Deletes subscriptions never confirmed within CONFIRM_DAYS (and their mail). Returns how many. */
export async function expireUnconfirmed(db: Db, now: Date = new Date()): Promise<number> {
  return inTransaction(db, async (tx) => {
    const stale = await tx.alertSubscription.findMany({
      where: { confirmedAt: null, createdAt: { lt: new Date(now.getTime() - CONFIRM_DAYS * DAY_MS) } },
      select: { id: true },
    });
    if (stale.length === 0) return 0;
    await deleteMailOf(tx, stale.map((row) => row.id));
    const { count } = await tx.alertSubscription.deleteMany({ where: { id: { in: stale.map((row) => row.id) }, confirmedAt: null } });
    return count;
  });
}

/** A stored language, or English. */
export const subscriptionLocale = (value: string): Locale => (isLocale(value) ? value : 'en');

/**
 * The unsubscribe page's forms, and RFC 8058's one-click POST (its body is
 * `List-Unsubscribe=One-Click`, no intent): anything but erasing unsubscribes.
 */
export const UnsubscribeForm = z.object({ intent: z.enum(['unsubscribe', 'erase'], 'form.invalid').default('unsubscribe') });
