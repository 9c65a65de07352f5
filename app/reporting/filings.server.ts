/**
 * Filings: which reports an agency owes (the calendar over its requirements and agreements),
 * drafts saved exactly as typed, and certified submissions and amendments, each recorded in
 * the audit chain in the same transaction. Permission checks are the caller's.
 */
import { createHash } from 'node:crypto';
import type { Db } from '~/db/prisma.server';
import { Prisma } from '~/generated/prisma/client';
import type { Filing, FilingRevision } from '~/generated/prisma/client';
import { attachmentAuditEntry, sealDraftAttachments } from './attachments.server';
import { pendingAuditInsert, type NewAuditEntry } from './audit-log.server';
import { type ActiveRange, dateOnly, type ExpectedPeriod, expectedPeriods, newYorkDate, type PeriodStatus, periodStatus, type RequirementVersion as CalendarVersion } from './calendar';
import { translator } from '~/i18n/i18n';
import { checkDraft, metricsForKeys, periodHasEnded, stringRecord, valuesSha256, type FilingIssue } from './filing-checks';
import { describeFilingMessage, filingMessage, type FilingMessage } from './filing-messages';
import { filingWindow } from './locks';
import { netLocalCost } from './metrics';
import { inSqlTransaction, sqlOf, type Sql } from '~/db/sql.server';
import { countedRevisionNumber, reviewState, type ReviewOfRevision, type ReviewState } from './counting';
import { historyOf, MIN_EXPLANATION_LENGTH, OUTLIER_HISTORY_PERIODS } from './rules';

export type { FilingIssue } from './filing-checks';

/**
 * A filing the service will not accept as it stands; nothing was written. The issues carry
 * message codes for the caller to put in its reader's language; the error's own message, for
 * logs and developers, is in English.
 */
export class FilingRefusedError extends Error {
  constructor(readonly issues: FilingIssue[]) {
    const english = translator('en');
    super(
      issues
        .map((issue) => {
          const text = describeFilingMessage(english, issue.message);
          return issue.fields.length > 0 ? `${issue.fields.join(', ')}: ${text}` : text;
        })
        .join('\n'),
    );
    this.name = 'FilingRefusedError';
  }
}

export const MIN_AMENDMENT_REASON_LENGTH = 10;

/** Long enough for 50 submissions queued on a pool of 10 behind the audit chain's lock. */
const SUBMIT_TRANSACTION = { timeout: 60_000, maxWait: 60_000 };

/** A refusal of one thing, not about a figure (reviews.server.ts refuses decisions with it too). */
export function refuse(fields: string[], message: FilingMessage): FilingRefusedError {
  return new FilingRefusedError([{ source: 'filing', rule: null, fields, message, severity: 'error', explainable: false, blocking: true }]);
}

/* ---------------------------------------------------------------------- */
/* The calendar from the database                                          */
/* ---------------------------------------------------------------------- */

/** A date column as Prisma reads it (midnight UTC), or as json_build_object writes it (YYYY-MM-DD). */
type Day = Date | string;
const day = (value: Day) => (typeof value === 'string' ? value.slice(0, 10) : dateOnly(value));

interface AgreementDates {
  status: 'PENDING' | 'ACTIVE' | 'ENDED';
  signedOn: Day | null;
  firstListedOn: Day;
  endedOn: Day | null;
}

/** When the agency's agreements were in force. A pending application obliges no report yet. */
function activeRanges(agreements: AgreementDates[]): ActiveRange[] {
  return agreements
    .filter((agreement) => agreement.status !== 'PENDING')
    .map((agreement) => ({
      from: day(agreement.signedOn ?? agreement.firstListedOn),
      to: agreement.endedOn ? day(agreement.endedOn) : null,
    }))
    .filter((range) => range.to === null || range.to >= range.from); // bad dates would throw in the calendar
}

interface VersionRules {
  id: number;
  effectiveFrom: Day;
  frequency: CalendarVersion['frequency'];
  dueDaysAfterEnd: number;
  acceptsLate: boolean;
}

function calendarVersions(versions: VersionRules[]): CalendarVersion[] {
  return versions.map((version) => ({
    id: String(version.id),
    effectiveFrom: day(version.effectiveFrom),
    frequency: version.frequency,
    dueDaysAfterEnd: version.dueDaysAfterEnd,
    acceptsLate: version.acceptsLate,
  }));
}

export const CALENDAR_SELECT = {
  id: true,
  agencyId: true,
  title: true,
  policy: { select: { id: true, title: true } },
  versions: { select: { id: true, effectiveFrom: true, frequency: true, dueDaysAfterEnd: true, acceptsLate: true } },
  agency: { select: { agreements: { select: { status: true, signedOn: true, firstListedOn: true, endedOn: true } } } },
} satisfies Prisma.RequirementSelect;

export function periodsOf(requirement: { versions: VersionRules[]; agency: { agreements: AgreementDates[] } }, now: Date, includeCurrent: boolean) {
  return expectedPeriods({
    versions: calendarVersions(requirement.versions),
    active: activeRanges(requirement.agency.agreements),
    through: newYorkDate(now),
    includeCurrent,
  });
}

export interface ExpectedFiling extends ExpectedPeriod {
  status: PeriodStatus;
  filing: { id: number; draftSavedAt: Date | null } | null;
  latestRevision: { id: number; number: number; certifiedAt: Date; nothingToReport: boolean } | null;
  /** When the first revision was certified (it judges timeliness); null when nothing was submitted. */
  firstCertifiedAt: Date | null;
  /** Where the newest revision stands with the reviewers ('returned': the agency must amend it). */
  review: ReviewState;
}

export interface RequirementFilings {
  requirement: { id: number; title: string; policyId: number; policyTitle: string };
  periods: ExpectedFiling[];
}

/**
 * The periods each of the agency's requirements expects up to today in New York (ended
 * periods only), each with where it stands and the filing and latest revision if any.
 * "On time" is judged by the first revision: an amendment does not make a report late.
 */
export async function expectedFilings(db: Db, agencyId: number, now: Date = new Date()): Promise<RequirementFilings[]> {
  return (await expectedFilingsOfAgencies(db, [agencyId], now)).get(agencyId) ?? [];
}

/**
 * expectedFilings for several agencies at once, in a fixed number of queries however many
 * agencies and requirements there are (a county's or a reviewer's page). Every agency asked
 * about is in the map, with an empty list when it has no requirement.
 */
export async function expectedFilingsOfAgencies(db: Db, agencyIds: number[], now: Date = new Date()): Promise<Map<number, RequirementFilings[]>> {
  const result = new Map<number, RequirementFilings[]>(agencyIds.map((id) => [id, []]));
  if (!agencyIds.length) return result;
  const requirements = await db.requirement.findMany({ where: { agencyId: { in: agencyIds } }, select: CALENDAR_SELECT, orderBy: { id: 'asc' } });
  const filings = await db.filing.findMany({
    where: { requirementId: { in: requirements.map((requirement) => requirement.id) } },
    select: {
      id: true,
      requirementId: true,
      periodKey: true,
      draftSavedAt: true,
      revisions: { orderBy: { number: 'asc' }, select: { id: true, number: true, certifiedAt: true, nothingToReport: true } },
      reviews: { select: { revisionNumber: true, decision: true, at: true } },
    },
  });
  const byRequirementAndKey = new Map(filings.map((filing) => [`${filing.requirementId}/${filing.periodKey}`, filing]));
  for (const requirement of requirements) {
    result.get(requirement.agencyId)!.push({
      requirement: { id: requirement.id, title: requirement.title, policyId: requirement.policy.id, policyTitle: requirement.policy.title },
      periods: periodsOf(requirement, now, false).map((period) => {
        const filing = byRequirementAndKey.get(`${requirement.id}/${period.key}`);
        const first = filing?.revisions[0];
        const latest = filing?.revisions[filing.revisions.length - 1];
        return {
          ...period,
          status: periodStatus(period, first ? first.certifiedAt.toISOString() : null, now.toISOString()),
          filing: filing ? { id: filing.id, draftSavedAt: filing.draftSavedAt } : null,
          latestRevision: latest ?? null,
          firstCertifiedAt: first?.certifiedAt ?? null,
          review: filing ? reviewState(filing.revisions.map((revision) => revision.number), filing.reviews) : 'not_submitted',
        };
      }),
    });
  }
  return result;
}

/** A filing as openFiling returns it. */
export type OpenedFiling = Pick<Filing, 'id' | 'requirementId' | 'agencyId' | 'periodKey' | 'periodStart' | 'periodEnd' | 'dueAt' | 'versionId'>;

/** The columns of OpenedFiling, of the filing aliased `f`. */
const OPENED_COLUMNS = Prisma.sql`f.id, f.requirement_id as "requirementId", f.agency_id as "agencyId", f.period_key as "periodKey",
  f.period_start as "periodStart", f.period_end as "periodEnd", f.due_at as "dueAt", f.version_id as "versionId"`;

/** A filing the calendar expects and nobody opened yet, as opening it will create it. */
export interface NewFiling {
  requirementId: number;
  agencyId: number;
  periodKey: string;
  /** YYYY-MM-DD */
  periodStart: string;
  /** YYYY-MM-DD */
  periodEnd: string;
  dueAt: Date;
  versionId: number;
}

/** The period's filing if it was opened, else the one opening it would create. */
export type PlannedFiling = { opened: OpenedFiling } | { create: NewFiling };

/**
 * Where a period of a requirement stands, writing nothing: its filing if opened, else the
 * calendar's dates and governing version for it. The period under way may be opened too
 * (drafting ahead), but not a period the calendar does not expect. With `agencyId`, a
 * requirement of another agency is refused as if it did not exist (requirement_not_found).
 */
export async function planFiling(db: Db, input: { requirementId: number; periodKey: string; now?: Date; agencyId?: number }): Promise<PlannedFiling> {
  // One statement: the requirement's agency and the period's filing if it exists, else what the
  // calendar needs (the requirement's versions, its agency's agreements).
  const [found] = await sqlOf(db).query<
    Omit<OpenedFiling, 'id'> & { id: number | null; requirementAgencyId: number; versions: VersionRules[] | null; agreements: AgreementDates[] | null }
  >(Prisma.sql`
    select q.agency_id as "requirementAgencyId", ${OPENED_COLUMNS},
      case when f.id is null then (select json_agg(json_build_object('id', v.id, 'effectiveFrom', v.effective_from, 'frequency', v.frequency,
          'dueDaysAfterEnd', v.due_days_after_end, 'acceptsLate', v.accepts_late))
        from requirement_version v where v.requirement_id = q.id) end as versions,
      case when f.id is null then (select json_agg(json_build_object('status', a.status, 'signedOn', a.signed_on,
          'firstListedOn', a.first_listed_on, 'endedOn', a.ended_on))
        from agreement a where a.agency_id = q.agency_id) end as agreements
    from requirement q
    left join filing f on f.requirement_id = q.id and f.period_key = ${input.periodKey}
    where q.id = ${input.requirementId}`);
  if (!found || (input.agencyId !== undefined && found.requirementAgencyId !== input.agencyId)) {
    throw refuse(['requirementId'], filingMessage('requirement_not_found'));
  }
  const { requirementAgencyId, versions, agreements, id, ...opened } = found;
  if (id !== null) return { opened: { id, ...opened } };

  const period = periodsOf({ versions: versions ?? [], agency: { agreements: agreements ?? [] } }, input.now ?? new Date(), true).find(
    (candidate) => candidate.key === input.periodKey,
  );
  if (!period) throw refuse(['periodKey'], filingMessage('period_not_expected', { period: input.periodKey }));
  return {
    create: {
      requirementId: input.requirementId,
      agencyId: requirementAgencyId,
      periodKey: period.key,
      periodStart: period.start,
      periodEnd: period.end,
      dueAt: new Date(period.dueAt),
      versionId: Number(period.versionId),
    },
  };
}

/** The columns of a new filing row, as `insert into filing (…) values (…)` lists them. created_at is given, as Prisma gives it, rather than left to the column's default (which would depend on the session's time zone). */
const newFilingValues = (filing: NewFiling) =>
  Prisma.sql`${filing.requirementId}, ${filing.agencyId}, ${filing.periodKey}, ${filing.periodStart}::date, ${filing.periodEnd}::date, ${filing.dueAt}, ${filing.versionId}, ${new Date()}`;

/**
 * The filing for one period of a requirement, created on first use with the calendar's dates
 * and governing version (planFiling says which periods may be opened, and with `agencyId`
 * refuses another agency's requirement).
 */
export async function openFiling(db: Db, input: { requirementId: number; periodKey: string; now?: Date; agencyId?: number }): Promise<OpenedFiling> {
  const plan = await planFiling(db, input);
  if ('opened' in plan) return plan.opened;
  const sql = sqlOf(db);
  const [created] = await sql.query<OpenedFiling>(Prisma.sql`
    insert into filing as f (requirement_id, agency_id, period_key, period_start, period_end, due_at, version_id, created_at)
    values (${newFilingValues(plan.create)})
    on conflict (requirement_id, period_key) do nothing
    returning ${OPENED_COLUMNS}`);
  if (created) return created;
  // Opened by someone else meanwhile: theirs is the filing.
  const [theirs] = await sql.query<OpenedFiling>(
    Prisma.sql`select ${OPENED_COLUMNS} from filing f where f.requirement_id = ${input.requirementId} and f.period_key = ${input.periodKey}`,
  );
  return theirs;
}

/* ---------------------------------------------------------------------- */
/* Drafts and submissions                                                  */
/* ---------------------------------------------------------------------- */

/** What the checks of a draft and of a submission read about a filing, in one statement. */
interface FilingForChecks {
  id: number;
  requirementId: number;
  agencyId: number;
  periodKey: string;
  periodStart: Date;
  periodEnd: Date;
  dueAt: Date;
  draftValues: unknown;
  draftExplanations: unknown;
  draftNothing: boolean;
  metricKeys: string[];
  /** The metric catalogue the requirement version was made with: its keys are that catalogue's. */
  catalogueVersion: number;
  acceptsLate: boolean;
  /** Days after the due date the period locks; null: never. */
  lockDaysAfterDue: number | null;
  /** The latest extension's new last day (YYYY-MM-DD), if a reviewer granted one. */
  extendedUntil: string | null;
  oathText: string;
  /** Its revisions so far, oldest first. */
  revisions: { id: number; number: number }[];
  /** Reviewers' decisions on them, when as milliseconds since 1970 (UTC). */
  reviews: { revisionNumber: number; decision: ReviewOfRevision['decision']; atMs: number }[];
  /**
   * The latest revision's values (null: nothing to report) of the agency's earlier periods of
   * this requirement that have one, at most the OUTLIER_HISTORY_PERIODS the rules compare
   * with, oldest first.
   */
  history: (Record<string, unknown> | null)[];
  /** Whether attachments wait on the draft to be sealed into the next revision. */
  hasDraftAttachments: boolean;
}

/**
 * The filing with everything its checks read. After the filing row is locked (a submission,
 * or a review, or an attachment change, holds it), this sees the latest committed revisions,
 * reviews and attachments: a new statement takes a new snapshot.
 */
async function loadForChecks(sql: Sql, filingId: number): Promise<FilingForChecks> {
  const [filing] = await sql.query<FilingForChecks>(Prisma.sql`
    select f.id, f.requirement_id as "requirementId", f.agency_id as "agencyId", f.period_key as "periodKey",
      f.period_start as "periodStart", f.period_end as "periodEnd", f.due_at as "dueAt",
      f.draft_values as "draftValues", f.draft_explanations as "draftExplanations", f.draft_nothing as "draftNothing",
      v.metric_keys as "metricKeys", v.catalogue_version as "catalogueVersion", v.accepts_late as "acceptsLate", p.oath_text as "oathText",
      v.lock_days_after_due as "lockDaysAfterDue",
      (select to_char(x.until, 'YYYY-MM-DD') from filing_extension x where x.requirement_id = f.requirement_id and x.period_key = f.period_key
        order by x.id desc limit 1) as "extendedUntil",
      coalesce((select json_agg(json_build_object('id', r.id, 'number', r.number) order by r.number)
        from filing_revision r where r.filing_id = f.id), '[]') as revisions,
      coalesce((select json_agg(json_build_object('revisionNumber', w.revision_number, 'decision', w.decision, 'atMs', extract(epoch from w.at) * 1000))
        from filing_review w where w.filing_id = f.id), '[]') as reviews,
      coalesce((select json_agg(earlier.values order by earlier.period_start)
        from (select e.period_start, case when latest.nothing_to_report then null else latest."values" end as values
          from filing e
          cross join lateral (select r."values", r.nothing_to_report from filing_revision r where r.filing_id = e.id order by r.number desc limit 1) latest
          where e.requirement_id = f.requirement_id and e.period_start < f.period_start
          order by e.period_start desc limit ${OUTLIER_HISTORY_PERIODS}) earlier), '[]') as history,
      exists (select 1 from attachment a where a.filing_id = f.id and a.revision_number is null) as "hasDraftAttachments"
    from filing f
    join requirement_version v on v.id = f.version_id
    join requirement q on q.id = f.requirement_id
    join policy p on p.id = q.policy_id
    where f.id = ${filingId}`);
  if (!filing) throw refuse(['filingId'], filingMessage('filing_not_found'));
  return filing;
}

/** The rules' history from what loadForChecks read. */
function historyFor(filing: FilingForChecks): Record<string, string[]> {
  return historyOf(filing.history.map((values) => ({ values })));
}

export interface DraftInput {
  filingId: number;
  /** As typed: kept exactly, even when they cannot be read. */
  values: Record<string, string>;
  /** Rule id → the filer's explanation. */
  explanations: Record<string, string>;
  nothingToReport: boolean;
  userId: number;
  now?: Date;
}

type DraftFields = Pick<DraftInput, 'values' | 'explanations' | 'nothingToReport'>;

/** The draft columns' values, as `set` lists them. */
const draftColumns = (draft: DraftFields, userId: number, now: Date) =>
  Prisma.sql`draft_values = ${JSON.stringify(stringRecord(draft.values))}::jsonb, draft_explanations = ${JSON.stringify(stringRecord(draft.explanations))}::jsonb,
    draft_nothing = ${draft.nothingToReport}, draft_saved_at = ${now}, draft_saved_by_id = ${userId}`;

/**
 * Writes the draft as typed, opening the filing first when given a new one (or writing the
 * draft of the one someone opened meanwhile). Returns the filing's id, null when there is no
 * such filing. Locks the filing's row until the transaction ends.
 */
async function writeDraft(sql: Sql, filing: number | NewFiling, draft: DraftFields, userId: number, now: Date): Promise<number | null> {
  if (typeof filing === 'number') {
    const updated = await sql.execute(Prisma.sql`update filing set ${draftColumns(draft, userId, now)} where id = ${filing}`);
    return updated === 1 ? filing : null;
  }
  const [row] = await sql.query<{ id: number }>(Prisma.sql`
    insert into filing (requirement_id, agency_id, period_key, period_start, period_end, due_at, version_id, created_at,
      draft_values, draft_explanations, draft_nothing, draft_saved_at, draft_saved_by_id)
    values (${newFilingValues(filing)}, ${JSON.stringify(stringRecord(draft.values))}::jsonb, ${JSON.stringify(stringRecord(draft.explanations))}::jsonb,
      ${draft.nothingToReport}, ${now}, ${userId})
    on conflict (requirement_id, period_key) do update set ${draftColumns(draft, userId, now)}
    returning id`);
  return row.id;
}

/**
 * Saves the draft as typed, always, then tells what is wrong with it. Never throws for values
 * that cannot be read: those come back as issues naming the fields.
 */
export async function saveDraft(db: Db, input: DraftInput): Promise<{ issues: FilingIssue[] }> {
  const sql = sqlOf(db);
  if ((await writeDraft(sql, input.filingId, input, input.userId, input.now ?? new Date())) === null) throw refuse(['filingId'], filingMessage('filing_not_found'));
  const filing = await loadForChecks(sql, input.filingId);
  const check = checkDraft({
    metrics: metricsForKeys(filing.metricKeys, filing.catalogueVersion),
    values: stringRecord(input.values),
    explanations: stringRecord(input.explanations),
    nothingToReport: input.nothingToReport,
    history: historyFor(filing),
  });
  return { issues: check.issues };
}

interface SubmitFields {
  certifiedName: string;
  certifiedTitle: string;
  userId: number;
  channel: 'WEB' | 'CSV' | 'API';
  /** Required for every revision after the first (at least 10 characters). */
  amendmentReason?: string | null;
  now?: Date;
}

export type SubmitInput = SubmitFields &
  (
    | {
        filingId: number;
        /**
         * Saved as the draft first, in the submission's transaction (the API): what is
         * certified is what was sent, and a refused submission leaves the draft as it was.
         */
        draft?: DraftFields;
      }
    /** A filing planFiling said to create: opened in the submission's transaction, so a refusal leaves nothing behind. */
    | { newFiling: NewFiling; draft: DraftFields }
  );

/** The audit entries of a new revision: the submission (or amendment), and the oath as its own record. */
function revisionAuditEntries({
  filing,
  revision,
  actor,
  isAmendment,
  values,
}: {
  filing: FilingForChecks;
  revision: Pick<FilingRevision, 'number' | 'certifiedName' | 'certifiedTitle' | 'channel' | 'certifiedAt' | 'oathText'>;
  actor: string;
  isAmendment: boolean;
  values: Record<string, string>;
}): NewAuditEntry[] {
  const { number, certifiedName, certifiedTitle } = revision;
  return [
    {
      kind: isAmendment ? 'amendment' : 'submission',
      actor,
      subject: `filing:${filing.id}`,
      data: {
        revision: number,
        periodKey: filing.periodKey,
        agencyId: filing.agencyId,
        requirementId: filing.requirementId,
        channel: revision.channel,
        nothingToReport: filing.draftNothing,
        valuesSha256: valuesSha256(values),
        certifiedName,
        certifiedTitle,
      },
    },
    // Who swore to what, when.
    {
      kind: 'certification',
      actor,
      subject: `filing:${filing.id}`,
      data: {
        revision: number,
        certifiedName,
        certifiedTitle,
        certifiedAt: revision.certifiedAt.toISOString(),
        oathSha256: createHash('sha256').update(revision.oathText, 'utf8').digest('hex'),
      },
    },
  ];
}

/** The columns of FilingRevision, of the revision aliased `r`. */
const REVISION_COLUMNS = Prisma.sql`r.id, r.filing_id as "filingId", r.number, r."values", r.explanations, r.nothing_to_report as "nothingToReport",
  r.amendment_reason as "amendmentReason", r.certified_name as "certifiedName", r.certified_title as "certifiedTitle", r.oath_text as "oathText",
  r.certified_at as "certifiedAt", r.submitted_by_id as "submittedById", r.channel::text as channel, r.created_at as "createdAt"`;

/**
 * Certifies the saved draft (or `draft`, saved first, in a filing opened first if new) as the
 * next revision. In one transaction, with the filing row locked so two submissions of one
 * filing cannot both become the same revision: re-checks the draft as saved, refuses with
 * FilingRefusedError if anything blocks (nothing is written), then writes the revision, its
 * figures, the counted revision, sealed attachments and the audit entries together.
 */
export async function submitFiling(db: Db, input: SubmitInput): Promise<FilingRevision> {
  const now = input.now ?? new Date();
  return inSqlTransaction(
    db,
    async (tx) => {
      // Locks the row first (writing the draft does too), then reads in a new statement, which
      // sees what a submission or review that held the lock before us committed.
      const filingId =
        'newFiling' in input
          ? await writeDraft(tx, input.newFiling, input.draft, input.userId, now)
          : input.draft
            ? await writeDraft(tx, input.filingId, input.draft, input.userId, now)
            : ((await tx.query<{ id: number }>(Prisma.sql`select id from filing where id = ${input.filingId} for update`))[0]?.id ?? null);
      if (filingId === null) throw refuse(['filingId'], filingMessage('filing_not_found'));
      const filing = await loadForChecks(tx, filingId);
      const number = (filing.revisions.at(-1)?.number ?? 0) + 1;
      const isAmendment = number > 1;

      const problems: FilingIssue[] = [];
      const add = (fields: string[], message: FilingMessage) => problems.push(...refuse(fields, message).issues);
      const periodEnd = dateOnly(filing.periodEnd);
      if (!periodHasEnded(periodEnd, now)) add(['periodKey'], filingMessage('period_not_ended', { end: periodEnd }));
      // Amendments are always accepted: correcting a report must never be blocked by its deadline.
      if (!isAmendment && !filing.acceptsLate && now > filing.dueAt) {
        add(['periodKey'], filingMessage('period_late', { due: newYorkDate(filing.dueAt) }));
      }
      if (!isAmendment) {
        const window = filingWindow({
          dueOn: newYorkDate(filing.dueAt),
          lockDays: filing.lockDaysAfterDue,
          extendedUntil: filing.extendedUntil,
          now: now.toISOString(),
        });
        if (!window.open) add(['periodKey'], filingMessage('period_locked', { locked: window.lockedOn }));
      }
      const reason = (input.amendmentReason ?? '').trim();
      if (isAmendment && [...reason].length < MIN_AMENDMENT_REASON_LENGTH) {
        add(['amendmentReason'], filingMessage('amendment_reason_required', { min: MIN_AMENDMENT_REASON_LENGTH }));
      }
      const certifiedName = input.certifiedName.trim();
      const certifiedTitle = input.certifiedTitle.trim();
      if (certifiedName === '') add(['certifiedName'], filingMessage('certified_name_required'));
      if (certifiedTitle === '') add(['certifiedTitle'], filingMessage('certified_title_required'));

      const explanations = stringRecord(filing.draftExplanations);
      const check = checkDraft({
        metrics: metricsForKeys(filing.metricKeys, filing.catalogueVersion),
        values: stringRecord(filing.draftValues),
        explanations,
        nothingToReport: filing.draftNothing,
        history: historyFor(filing),
      });
      problems.push(...check.issues.filter((issue) => issue.blocking));
      if (problems.length > 0 || check.values === null) throw new FilingRefusedError(problems);

      const values = check.values;
      // Only explanations of issues the values still raise, so a reviewer reads none that are stale.
      const kept = Object.fromEntries(
        check.ruleIssues
          .filter((issue) => issue.explainable && [...(explanations[issue.rule] ?? '').trim()].length >= MIN_EXPLANATION_LENGTH)
          .map((issue) => [issue.rule, explanations[issue.rule].trim()]),
      );
      // The figures one per row for the public totals, net local cost derived here and only here.
      const net = netLocalCost(values);
      const figures = Object.entries(net === null ? values : { ...values, net_local_cost: net });
      // Which revision public figures count now (counting.ts), the new one included: it has no
      // review yet, so it is the one unless the rule says otherwise.
      const counted = countedRevisionNumber(
        [...filing.revisions.map((revision) => revision.number), number],
        filing.reviews.map(({ revisionNumber, decision, atMs }) => ({ revisionNumber, decision, at: new Date(atMs) })),
      );
      const countedEarlier = filing.revisions.find((revision) => revision.number === counted)?.id ?? null;
      const actor = `user:${input.userId}`;
      const certified = { number, certifiedName, certifiedTitle, channel: input.channel, certifiedAt: now, oathText: filing.oathText };
      const entries = revisionAuditEntries({ filing, revision: certified, actor, isAmendment, values });
      // Attachments to seal are audited after these entries, so then the entries go in after them.
      const auditNow = !filing.hasDraftAttachments;
      // One statement: the revision, its figures, the filing's counted revision and (without
      // attachments) the audit entries, which are chained into the log as the transaction commits.
      const [revision] = await tx.query<FilingRevision>(Prisma.sql`
        with r as (
          insert into filing_revision (filing_id, number, "values", explanations, nothing_to_report, amendment_reason, certified_name,
            certified_title, oath_text, certified_at, submitted_by_id, channel, created_at)
          values (${filing.id}, ${number}, ${JSON.stringify(values)}::jsonb, ${JSON.stringify(kept)}::jsonb, ${filing.draftNothing},
            ${isAmendment ? reason : null}, ${certifiedName}, ${certifiedTitle}, ${filing.oathText}, ${now}, ${input.userId},
            ${input.channel}::"SubmissionChannel", ${new Date()})
          returning *
        ), figures as (
          insert into revision_value (revision_id, metric_key, value)
          select r.id, figure.key, figure.value::numeric from r, unnest(${figures.map(([key]) => key)}::text[], ${figures.map(([, value]) => value)}::text[]) as figure(key, value)
          returning 1
        ), counted as (
          update filing set counted_revision_id = ${counted === number ? Prisma.sql`(select id from r)` : Prisma.sql`${countedEarlier}::int`}
          where id = ${filing.id}
          returning 1
        )${auditNow ? Prisma.sql`, audit as (${pendingAuditInsert(entries)})` : Prisma.empty}
        select ${REVISION_COLUMNS} from r`); // PostgreSQL runs every data-modifying part of a WITH, read or not
      if (!auditNow) {
        const sealed = await sealDraftAttachments(tx, { filingId: filing.id, revisionNumber: number });
        const attachments = sealed.map((attachment) => attachmentAuditEntry(attachment, { filingId: filing.id, revisionNumber: number, actor }));
        await tx.execute(pendingAuditInsert([...entries, ...attachments]));
      }
      return revision;
    },
    SUBMIT_TRANSACTION,
  );
}
