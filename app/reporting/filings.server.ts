/**
 * Filings: which reports an agency owes (the calendar over its requirements and agreements),
 * drafts saved exactly as typed, and certified submissions and amendments, each recorded in
 * the audit chain in the same transaction. Permission checks are the caller's.
 */
import { createHash } from 'node:crypto';
import type { Db } from '~/db/prisma.server';
import { Prisma } from '~/generated/prisma/client';
import type { FilingRevision } from '~/generated/prisma/client';
import { attachmentAuditEntry, sealDraftAttachments } from './attachments.server';
import { appendAuditEntries, type NewAuditEntry } from './audit-log.server';
import { type ActiveRange, dateOnly, type ExpectedPeriod, expectedPeriods, newYorkDate, type PeriodStatus, periodStatus, type RequirementVersion as CalendarVersion } from './calendar';
import { translator } from '~/i18n/i18n';
import { checkDraft, metricsForKeys, periodHasEnded, stringRecord, valuesSha256, type FilingIssue } from './filing-checks';
import { describeFilingMessage, filingMessage, type FilingMessage } from './filing-messages';
import { netLocalCost } from './metrics';
import { inTransaction } from '~/db/transaction.server';
import { recountFiling } from './counted-revision.server';
import { reviewState, type ReviewState } from './counting';
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

interface AgreementDates {
  status: 'PENDING' | 'ACTIVE' | 'ENDED';
  signedOn: Date | null;
  firstListedOn: Date;
  endedOn: Date | null;
}

/** When the agency's agreements were in force. A pending application obliges no report yet. */
function activeRanges(agreements: AgreementDates[]): ActiveRange[] {
  return agreements
    .filter((agreement) => agreement.status !== 'PENDING')
    .map((agreement) => ({
      from: dateOnly(agreement.signedOn ?? agreement.firstListedOn),
      to: agreement.endedOn ? dateOnly(agreement.endedOn) : null,
    }))
    .filter((range) => range.to === null || range.to >= range.from); // bad dates would throw in the calendar
}

function calendarVersions(versions: { id: number; effectiveFrom: Date; frequency: CalendarVersion['frequency']; dueDaysAfterEnd: number; acceptsLate: boolean }[]): CalendarVersion[] {
  return versions.map((version) => ({
    id: String(version.id),
    effectiveFrom: dateOnly(version.effectiveFrom),
    frequency: version.frequency,
    dueDaysAfterEnd: version.dueDaysAfterEnd,
    acceptsLate: version.acceptsLate,
  }));
}

const CALENDAR_SELECT = {
  id: true,
  agencyId: true,
  title: true,
  policy: { select: { id: true, title: true } },
  versions: { select: { id: true, effectiveFrom: true, frequency: true, dueDaysAfterEnd: true, acceptsLate: true } },
  agency: { select: { agreements: { select: { status: true, signedOn: true, firstListedOn: true, endedOn: true } } } },
} satisfies Prisma.RequirementSelect;

function periodsOf(requirement: Prisma.RequirementGetPayload<{ select: typeof CALENDAR_SELECT }>, now: Date, includeCurrent: boolean) {
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
          review: filing ? reviewState(filing.revisions.map((revision) => revision.number), filing.reviews) : 'not_submitted',
        };
      }),
    });
  }
  return result;
}

/**
 * The filing for one period of a requirement, created on first use with the calendar's dates
 * and governing version. The period under way may be opened too (drafting ahead), but not a
 * period the calendar does not expect.
 */
export async function openFiling(db: Db, input: { requirementId: number; periodKey: string; now?: Date }) {
  const existing = await db.filing.findUnique({ where: { requirementId_periodKey: { requirementId: input.requirementId, periodKey: input.periodKey } } });
  if (existing) return existing;

  const requirement = await db.requirement.findUnique({ where: { id: input.requirementId }, select: CALENDAR_SELECT });
  if (!requirement) throw refuse(['requirementId'], filingMessage('requirement_not_found'));
  const period = periodsOf(requirement, input.now ?? new Date(), true).find((candidate) => candidate.key === input.periodKey);
  if (!period) throw refuse(['periodKey'], filingMessage('period_not_expected', { period: input.periodKey }));

  try {
    return await db.filing.create({
      data: {
        requirementId: requirement.id,
        agencyId: requirement.agencyId,
        periodKey: period.key,
        periodStart: new Date(`${period.start}T00:00:00Z`),
        periodEnd: new Date(`${period.end}T00:00:00Z`),
        dueAt: new Date(period.dueAt),
        versionId: Number(period.versionId),
      },
    });
  } catch (error) {
    // Opened by someone else meanwhile: theirs is the filing.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      return db.filing.findUniqueOrThrow({ where: { requirementId_periodKey: { requirementId: input.requirementId, periodKey: input.periodKey } } });
    }
    throw error;
  }
}

/* ---------------------------------------------------------------------- */
/* Drafts and submissions                                                  */
/* ---------------------------------------------------------------------- */

/** The agency's earlier periods of this requirement (latest revision each), oldest first. */
async function historyBefore(db: Db, requirementId: number, periodStart: Date): Promise<Record<string, string[]>> {
  // Only the periods the rules compare with, newest first from the index, then oldest first.
  const filings = await db.filing.findMany({
    where: { requirementId, periodStart: { lt: periodStart }, revisions: { some: {} } },
    orderBy: { periodStart: 'desc' },
    take: OUTLIER_HISTORY_PERIODS,
    select: { revisions: { orderBy: { number: 'desc' }, take: 1, select: { values: true, nothingToReport: true } } },
  });
  return historyOf(
    filings.reverse().map(({ revisions: [revision] }) => ({ values: !revision || revision.nothingToReport ? null : stringRecord(revision.values) })),
  );
}

async function loadForChecks(db: Db, filingId: number) {
  const filing = await db.filing.findUnique({
    where: { id: filingId },
    include: {
      version: { select: { metricKeys: true, acceptsLate: true } },
      requirement: { select: { policy: { select: { oathText: true } } } },
    },
  });
  if (!filing) throw refuse(['filingId'], filingMessage('filing_not_found'));
  return filing;
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

/**
 * Saves the draft as typed, always, then tells what is wrong with it. Never throws for values
 * that cannot be read: those come back as issues naming the fields.
 */
export async function saveDraft(db: Db, input: DraftInput): Promise<{ issues: FilingIssue[] }> {
  const values = stringRecord(input.values);
  const explanations = stringRecord(input.explanations);
  const filing = await loadForChecks(db, input.filingId);
  await db.filing.update({
    where: { id: filing.id },
    data: {
      draftValues: values,
      draftExplanations: explanations,
      draftNothing: input.nothingToReport,
      draftSavedAt: input.now ?? new Date(),
      draftSavedById: input.userId,
    },
  });
  const check = checkDraft({
    metrics: metricsForKeys(filing.version.metricKeys),
    values,
    explanations,
    nothingToReport: input.nothingToReport,
    history: await historyBefore(db, filing.requirementId, filing.periodStart),
  });
  return { issues: check.issues };
}

export interface SubmitInput {
  filingId: number;
  certifiedName: string;
  certifiedTitle: string;
  userId: number;
  channel: 'WEB' | 'CSV' | 'API';
  /** Required for every revision after the first (at least 10 characters). */
  amendmentReason?: string | null;
  now?: Date;
}

/** The audit entries of a new revision: the submission (or amendment), and the oath as its own record. */
function revisionAuditEntries({
  filing,
  revision,
  actor,
  isAmendment,
  values,
}: {
  filing: Awaited<ReturnType<typeof loadForChecks>>;
  revision: FilingRevision;
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

/**
 * Certifies the saved draft as the next revision. In one transaction, with the filing row
 * locked so two submissions of one filing cannot both become the same revision: re-checks the
 * draft as saved, refuses with FilingRefusedError if anything blocks, then writes the revision
 * and its audit entry together.
 */
export async function submitFiling(db: Db, input: SubmitInput): Promise<FilingRevision> {
  const now = input.now ?? new Date();
  return inTransaction(
    db,
    async (tx) => {
      const locked = await tx.$queryRaw<{ id: number }[]>`select id from filing where id = ${input.filingId} for update`;
      if (locked.length === 0) throw refuse(['filingId'], filingMessage('filing_not_found'));
      const filing = await loadForChecks(tx, input.filingId);
      const last = await tx.filingRevision.findFirst({ where: { filingId: filing.id }, orderBy: { number: 'desc' }, select: { number: true } });
      const number = (last?.number ?? 0) + 1;
      const isAmendment = number > 1;

      const problems: FilingIssue[] = [];
      const add = (fields: string[], message: FilingMessage) => problems.push(...refuse(fields, message).issues);
      const periodEnd = dateOnly(filing.periodEnd);
      if (!periodHasEnded(periodEnd, now)) add(['periodKey'], filingMessage('period_not_ended', { end: periodEnd }));
      // Amendments are always accepted: correcting a report must never be blocked by its deadline.
      if (!isAmendment && !filing.version.acceptsLate && now > filing.dueAt) {
        add(['periodKey'], filingMessage('period_late', { due: newYorkDate(filing.dueAt) }));
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
        metrics: metricsForKeys(filing.version.metricKeys),
        values: stringRecord(filing.draftValues),
        explanations,
        nothingToReport: filing.draftNothing,
        history: await historyBefore(tx, filing.requirementId, filing.periodStart),
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
      const revision = await tx.filingRevision.create({
        data: {
          filingId: filing.id,
          number,
          values,
          explanations: kept,
          nothingToReport: filing.draftNothing,
          amendmentReason: isAmendment ? reason : null,
          certifiedName,
          certifiedTitle,
          oathText: filing.requirement.policy.oathText,
          certifiedAt: now,
          submittedById: input.userId,
          channel: input.channel,
        },
      });
      // The figures one per row for the public totals, net local cost derived here and only here.
      const net = netLocalCost(values);
      const figures = Object.entries(net === null ? values : { ...values, net_local_cost: net });
      if (figures.length > 0) {
        await tx.revisionValue.createMany({ data: figures.map(([metricKey, value]) => ({ revisionId: revision.id, metricKey, value })) });
      }
      const sealed = await sealDraftAttachments(tx, { filingId: filing.id, revisionNumber: number });
      await recountFiling(tx, filing.id);

      // The audit entries last: the chain's lock they take is held until commit (the next
      // writer must see them as its predecessors, so the chain's order is the order of
      // commits). Every other write is done by then, so concurrent submissions queue only for
      // one insert and the commit.
      const actor = `user:${input.userId}`;
      await appendAuditEntries(tx, [
        ...revisionAuditEntries({ filing, revision, actor, isAmendment, values }),
        ...sealed.map((attachment) => attachmentAuditEntry(attachment, { filingId: filing.id, revisionNumber: number, actor })),
      ]);
      return revision;
    },
    SUBMIT_TRANSACTION,
  );
}
