/**
 * The alert job (issue 15, point 5): finds what happened since it last looked (new reports,
 * periods gone overdue, agreements new, ended or pending on ICE's lists, steps of pre-approval
 * applications) and queues one mail per event and confirmed subscriber of the place, in one
 * transaction with the watermark it moves. Nothing is added to the services that make the
 * events: a report filed, an import or a council's step is alerted whatever path made it.
 *
 * Exactly once: the outbox's dedupe key `alert:<event>:<subscription>` makes a second run (or
 * two at once, or a run after a crash) queue nothing new; the scan also takes an advisory lock,
 * so concurrent runs wait for each other rather than both doing the work. Each window reaches a
 * few minutes back before the watermark: a row is stamped when its transaction starts, and a
 * transaction that started before the last run but committed after it is seen the next time.
 * Only events after a subscription was confirmed are alerted.
 */
import type { Db, PrismaClient } from '~/db/prisma.server';
import { formatDate, translator, type MessageKey } from '~/i18n/i18n';
import { enqueueMail } from '~/mail/outbox.server';
import { agencyPath, reportPath } from '~/paths';
import { holdsEndOfNewYorkDay } from '~/reporting/calendar';
import { expectedFilingsOfAgencies } from '~/reporting/filings.server';
import { periodLabel } from '~/reporting/period-label';
import { alertMail, unsubscribeHeaders, type AlertEvent } from './alert-text';
import { expireUnconfirmed, mailOrigin, newUnsubscribeLink, placeLabel, subscriptionLocale } from './subscriptions.server';

/** How far each window reaches back before the watermark (see above). */
export const SCAN_OVERLAP_MS = 10 * 60 * 1000;
const LOCK_CLASS = 0x616c7274; // "alrt", as subscriptions.server.ts
const SCAN_LOCK = 1;

type EventType = 'report' | 'overdue' | 'agreement' | 'application';
const EVENT_TYPES: EventType[] = ['report', 'overdue', 'agreement', 'application'];

/** A confirmed subscriber an agency's event concerns. */
interface Audience {
  agencyId: number;
  subscriptionId: number;
  email: string;
  locale: string;
  origin: string;
  confirmedAt: Date;
  placeName: string;
  placeState: string;
}

/**
 * Who follows each agency: the agency's own place, a county for the agencies of its towns, and
 * a town for the agencies of its counties (a sheriff's agreement reaches the town's residents),
 * as the place pages show them.
 */
async function audienceOf(db: Db, agencyIds: number[]): Promise<Map<number, Audience[]>> {
  const byAgency = new Map<number, Audience[]>();
  if (!agencyIds.length) return byAgency;
  const rows = await db.$queryRaw<Audience[]>`
    select ag.id as "agencyId", s.id as "subscriptionId", s.email, s.locale, s.origin, s.confirmed_at as "confirmedAt",
      j.name as "placeName", j.state_code as "placeState"
    from agency ag
    join lateral (
      select ag.jurisdiction_id as jid
      union select mc.county_id from municipality_county mc where mc.municipality_id = ag.jurisdiction_id
      union select p.parent_id from jurisdiction p where p.id = ag.jurisdiction_id and p.kind = 'MUNICIPALITY' and p.parent_id is not null
      union select mc.municipality_id from municipality_county mc where mc.county_id = ag.jurisdiction_id
      union select c.id from jurisdiction c where c.parent_id = ag.jurisdiction_id and c.kind = 'MUNICIPALITY'
    ) reach on true
    join alert_subscription s on s.jurisdiction_id = reach.jid and s.confirmed_at is not null
    join jurisdiction j on j.id = s.jurisdiction_id
    where ag.id = any(${agencyIds}::int[])
    order by s.id`;
  for (const row of rows) byAgency.set(row.agencyId, [...(byAgency.get(row.agencyId) ?? []), row]);
  return byAgency;
}

/** An event found in a window, before it is worded for each subscriber. */
interface FoundEvent {
  /** Unique per event: the dedupe key is `alert:<key>:<subscription>`. */
  key: string;
  agencyId: number;
  at: Date;
  event: (locale: 'en' | 'es', origin: string) => AlertEvent;
}

interface Window {
  from: Date;
  to: Date;
}

const ymd = (date: Date) => date.toISOString().slice(0, 10);

async function newReports(db: Db, { from, to }: Window): Promise<FoundEvent[]> {
  const rows = await db.$queryRaw<{ id: number; at: Date; filingId: number; agencyId: number; agency: string; slug: string; start: Date; end: Date }[]>`
    select r.id, r.created_at as at, f.id as "filingId", ag.id as "agencyId", ag.name as agency, ag.slug, f.period_start as start, f.period_end as "end"
    from filing_revision r join filing f on f.id = r.filing_id join agency ag on ag.id = f.agency_id
    where r.number = 1 and r.created_at > ${from} and r.created_at <= ${to}
    order by r.id`;
  return rows.map((row) => ({
    key: `report:${row.id}`,
    agencyId: row.agencyId,
    at: row.at,
    event: (locale, origin) => ({ kind: 'report', agency: row.agency, period: periodLabel(ymd(row.start), ymd(row.end), locale), url: `${origin}${reportPath(row.slug, row.filingId)}` }),
  }));
}

async function agreementEvents(db: Db, { from, to }: Window): Promise<FoundEvent[]> {
  const rows = await db.$queryRaw<{ id: number; at: Date; fromStatus: string | null; toStatus: string; effectiveOn: Date; agencyId: number; agency: string; slug: string; model: string }[]>`
    select e.id, e.created_at as at, e.from_status::text as "fromStatus", e.to_status::text as "toStatus", e.effective_on as "effectiveOn",
      ag.id as "agencyId", ag.name as agency, ag.slug, a.model::text as model
    from agreement_event e join agreement a on a.id = e.agreement_id join agency ag on ag.id = a.agency_id
    where e.created_at > ${from} and e.created_at <= ${to} and e.from_status is distinct from e.to_status
    order by e.id`;
  const kindOf = { ACTIVE: 'agreement_new', ENDED: 'agreement_ended', PENDING: 'agreement_pending' } as const;
  return rows.flatMap((row) => {
    const kind = kindOf[row.toStatus as keyof typeof kindOf];
    if (!kind) return [];
    return [
      {
        key: `agreement:${row.id}`,
        agencyId: row.agencyId,
        at: row.at,
        event: (locale: 'en' | 'es', origin: string) => ({
          kind,
          agency: row.agency,
          model: translator(locale)(`model.${row.model}` as MessageKey),
          date: formatDate(ymd(row.effectiveOn), locale),
          url: `${origin}${agencyPath({ slug: row.slug })}`,
        }),
      },
    ];
  });
}

async function applicationEvents(db: Db, { from, to }: Window): Promise<FoundEvent[]> {
  const rows = await db.$queryRaw<{ id: number; at: Date; stage: string; effectiveOn: Date; applicationId: number; agencyId: number; agency: string; model: string }[]>`
    select e.id, e.at, e.to_stage::text as stage, e.effective_on as "effectiveOn", p.id as "applicationId",
      ag.id as "agencyId", ag.name as agency, p.model::text as model
    from application_event e join preapproval_application p on p.id = e.application_id join agency ag on ag.id = p.agency_id
    where e.at > ${from} and e.at <= ${to}
    order by e.id`;
  return rows.map((row) => ({
    key: `application:${row.id}`,
    agencyId: row.agencyId,
    at: row.at,
    event: (locale, origin) => {
      const t = translator(locale);
      return {
        kind: 'application',
        agency: row.agency,
        model: t(`model.${row.model}` as MessageKey),
        stage: t(`preapproval.stage.${row.stage}` as MessageKey),
        date: formatDate(ymd(row.effectiveOn), locale),
        url: `${origin}/preapproval/applications/${row.applicationId}`,
      };
    },
  }));
}

/**
 * Periods that went overdue in the window (their due moment passed, nothing submitted), of the
 * agencies someone follows: the same statuses /filings and the public record show.
 */
async function overduePeriods(db: Db, { from, to }: Window, agencyIds: number[]): Promise<FoundEvent[]> {
  // Deadlines end at the last instant of a New York day: a window that holds none (most runs:
  // the scan comes every minute) cannot see a period go overdue, so it skips the calendar work.
  if (!agencyIds.length || !holdsEndOfNewYorkDay(from, to)) return [];
  const [expected, agencies] = await Promise.all([
    expectedFilingsOfAgencies(db, agencyIds, to),
    db.agency.findMany({ where: { id: { in: agencyIds } }, select: { id: true, name: true, slug: true } }),
  ]);
  const byId = new Map(agencies.map((agency) => [agency.id, agency]));
  return [...expected].flatMap(([agencyId, requirements]) =>
    requirements.flatMap(({ requirement, periods }) =>
      periods
        .filter((period) => period.status === 'overdue' && new Date(period.dueAt) > from && new Date(period.dueAt) <= to)
        .map((period) => ({
          key: `overdue:${requirement.id}:${period.key}`,
          agencyId,
          at: new Date(period.dueAt),
          event: (locale: 'en' | 'es', origin: string) => ({
            kind: 'overdue' as const,
            agency: byId.get(agencyId)!.name,
            period: periodLabel(period.start, period.end, locale),
            due: formatDate(period.dueOn, locale),
            url: `${origin}${agencyPath(byId.get(agencyId)!)}`,
          }),
        })),
    ),
  );
}

export interface AlertScanResult {
  /** Mails queued by this run. */
  queued: number;
  /** Unconfirmed subscriptions deleted. */
  expired: number;
  events: Record<EventType, number>;
}

/**
 * One run of the alert job: moves each event type's watermark to `now` and queues the alerts
 * of what happened since (see the file's comment). Safe to run at any time, repeatedly, and on
 * several instances at once. The mail delivery job sends what it queues.
 */
export async function runAlertScan(db: PrismaClient, { now = new Date() }: { now?: Date } = {}): Promise<AlertScanResult> {
  const expired = await expireUnconfirmed(db, now);
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_CLASS}::int, ${SCAN_LOCK}::int)`;
      const marks = new Map((await tx.alertWatermark.findMany()).map((row) => [row.eventType, row.scannedTo]));
      // Before the first run: from the first confirmation (nothing earlier could be alerted).
      const first = await tx.alertSubscription.aggregate({ _min: { confirmedAt: true }, where: { confirmedAt: { not: null } } });
      // Nobody to alert: nothing to look for (the first confirmation starts the watermarks).
      if (first._min.confirmedAt === null) return { queued: 0, expired, events: { report: 0, overdue: 0, agreement: 0, application: 0 } };
      const start = first._min.confirmedAt;
      const windowOf = (type: EventType): Window => {
        const mark = marks.get(type) ?? start;
        return { from: new Date(Math.min(mark.getTime(), now.getTime()) - SCAN_OVERLAP_MS), to: now };
      };
      const followed = await tx.$queryRaw<{ id: number }[]>`
        select distinct ag.id from agency ag join alert_subscription s on s.confirmed_at is not null and s.jurisdiction_id in (
          select ag.jurisdiction_id
          union select mc.county_id from municipality_county mc where mc.municipality_id = ag.jurisdiction_id
          union select p.parent_id from jurisdiction p where p.id = ag.jurisdiction_id and p.kind = 'MUNICIPALITY'
          union select mc.municipality_id from municipality_county mc where mc.county_id = ag.jurisdiction_id
          union select c.id from jurisdiction c where c.parent_id = ag.jurisdiction_id and c.kind = 'MUNICIPALITY')`;
      const found: Record<EventType, FoundEvent[]> = {
        report: await newReports(tx, windowOf('report')),
        overdue: await overduePeriods(tx, windowOf('overdue'), followed.map((row) => row.id)),
        agreement: await agreementEvents(tx, windowOf('agreement')),
        application: await applicationEvents(tx, windowOf('application')),
      };
      const all = EVENT_TYPES.flatMap((type) => found[type]);
      const audience = await audienceOf(tx, [...new Set(all.map((event) => event.agencyId))]);
      let queued = 0;
      for (const found of all) {
        for (const subscriber of audience.get(found.agencyId) ?? []) {
          if (found.at < subscriber.confirmedAt) continue;
          const dedupeKey = `alert:${found.key}:${subscriber.subscriptionId}`;
          // Already queued by an earlier run: no second link, no second mail.
          if (await tx.outboxMail.findUnique({ where: { dedupeKey }, select: { id: true } })) continue;
          const locale = subscriptionLocale(subscriber.locale);
          const origin = mailOrigin(subscriber.origin);
          const unsubscribeUrl = await newUnsubscribeLink(tx, { id: subscriber.subscriptionId, origin: subscriber.origin });
          const mail = alertMail(translator(locale), found.event(locale, origin), { place: placeLabel({ name: subscriber.placeName, stateCode: subscriber.placeState }), unsubscribeUrl });
          if (await enqueueMail(tx, { dedupeKey, kind: 'alert', to: subscriber.email, ...mail, headers: unsubscribeHeaders(unsubscribeUrl) })) queued += 1;
        }
      }
      for (const type of EVENT_TYPES) {
        await tx.alertWatermark.upsert({ where: { eventType: type }, create: { eventType: type, scannedTo: now }, update: { scannedTo: now } });
      }
      return { queued, expired, events: { report: found.report.length, overdue: found.overdue.length, agreement: found.agreement.length, application: found.application.length } };
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}
