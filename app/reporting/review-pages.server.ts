/**
 * What the reviewers' report pages (/review/filings, /review/filings/:id) read and write: the
 * reports of the agencies based in the places a person reviews, where each stands, one report
 * with every revision, and the accept/return decision. 403 for anyone else, whether or not the
 * report exists.
 */
import { forbidden } from '~/auth/access.server';
import { canReviewFilingsOf, isOperator, reviewedJurisdictionIds, type Actor } from '~/auth/permissions';
import type { Db } from '~/db/prisma.server';
import type { Prisma } from '~/generated/prisma/client';
import { translator, type Locale, type MessageKey } from '~/i18n/i18n';
import { amendmentAwaitingReview, countedRevisionNumber, reviewState, type ReviewState } from './counting';
import { metricsForKeys, stringRecord } from './filing-checks';
import { dateOnly, newYorkDate } from './calendar';
import type { FilingMessage } from './filing-messages';
import { periodLabel } from './period-label';
import { expectedFilingsOfAgencies, FilingRefusedError } from './filings.server';
import { displayValue } from './metrics';
import { reviewFiling } from './reviews.server';
import { revisionDiff } from './revision-diff';

/* ---------------------------------------------------------------------- */
/* /review/filings                                                         */
/* ---------------------------------------------------------------------- */

export interface ReviewRow {
  filingId: number;
  periodLabel: string;
  periodKey: string;
  revision: number;
  submittedOn: string;
  /** Submitted after its due date (judged by the first revision). */
  late: boolean;
  state: ReviewState;
}

export interface ComplianceCounts {
  on_time: number;
  late: number;
  due: number;
  overdue: number;
}

/** Each agency the person reviews: its submitted reports (awaiting review first) and its reporting record; periods in `locale`. */
export async function reviewQueue(db: Db, actor: Actor, locale: Locale, now: Date = new Date()) {
  const jurisdictionIds = reviewedJurisdictionIds(actor);
  if (jurisdictionIds.length === 0) forbidden();
  const agencies = await db.agency.findMany({
    where: { jurisdictionId: { in: jurisdictionIds }, requirements: { some: {} } },
    orderBy: { name: 'asc' },
    select: {
      id: true,
      name: true,
      filings: {
        where: { revisions: { some: {} } },
        orderBy: { periodStart: 'desc' },
        select: {
          id: true,
          periodKey: true,
          periodStart: true,
          periodEnd: true,
          dueAt: true,
          revisions: { orderBy: { number: 'asc' }, select: { number: true, certifiedAt: true } },
          reviews: { select: { revisionNumber: true, decision: true, at: true } },
        },
      },
    },
  });
  const order: Record<ReviewState, number> = { awaiting_review: 0, returned: 1, accepted: 2, not_submitted: 3 };
  const expected = await expectedFilingsOfAgencies(db, agencies.map((agency) => agency.id), now);
  return agencies.map((agency) => {
    const rows: ReviewRow[] = agency.filings.map((filing) => {
      const first = filing.revisions[0];
      const newest = filing.revisions[filing.revisions.length - 1];
      return {
        filingId: filing.id,
        periodKey: filing.periodKey,
        periodLabel: periodLabel(dateOnly(filing.periodStart), dateOnly(filing.periodEnd), locale),
        revision: newest.number,
        submittedOn: newYorkDate(newest.certifiedAt),
        late: first.certifiedAt > filing.dueAt,
        state: reviewState(filing.revisions.map((revision) => revision.number), filing.reviews),
      };
    });
    rows.sort((a, b) => order[a.state] - order[b.state]);
    const compliance: ComplianceCounts = { on_time: 0, late: 0, due: 0, overdue: 0 };
    for (const { periods } of expected.get(agency.id) ?? []) {
      for (const period of periods) if (period.status in compliance) compliance[period.status as keyof ComplianceCounts] += 1;
    }
    return { id: agency.id, name: agency.name, rows, compliance };
  });
}

// /review/compliance and its CSV: review-compliance.server.ts.

/* ---------------------------------------------------------------------- */
/* /review/filings/:id                                                     */
/* ---------------------------------------------------------------------- */

const REVIEW_INCLUDE = {
  agency: { select: { id: true, name: true, slug: true, jurisdictionId: true } },
  requirement: { select: { title: true, policy: { select: { title: true, statute: true } } } },
  version: { select: { metricKeys: true } },
  revisions: { orderBy: { number: 'asc' } },
  reviews: { orderBy: { at: 'asc' }, include: { reviewer: { select: { name: true } } } },
  attachments: { orderBy: { id: 'asc' }, select: { id: true, fileName: true, mediaType: true, size: true, revisionNumber: true } },
} satisfies Prisma.FilingInclude;

async function filingForReviewer(db: Db, actor: Actor, filingId: number) {
  const filing = Number.isSafeInteger(filingId) && filingId > 0 ? await db.filing.findUnique({ where: { id: filingId }, include: REVIEW_INCLUDE }) : null;
  // Filers use their own page; this one is for the agency's reviewers and operators.
  if (!filing || !(canReviewFilingsOf(actor, filing.agency) || isOperator(actor))) forbidden();
  return filing;
}

/** One report with every revision's figures, the decisions so far, and whether this person may decide; its period in `locale`. */
export async function reviewFilingPage(db: Db, actor: Actor, filingId: number, locale: Locale) {
  const filing = await filingForReviewer(db, actor, filingId);
  const numbers = filing.revisions.map((revision) => revision.number);
  const keys = new Set(filing.version.metricKeys);
  for (const revision of filing.revisions) for (const key of Object.keys(stringRecord(revision.values))) keys.add(key);
  const metrics = metricsForKeys([...keys]).filter((metric) => !metric.derived);
  const units = new Map(metrics.map((metric) => [metric.key, metric.unit]));
  const shown = (key: string, value: string | null) => (value === null ? null : displayValue(units.get(key)!, value));
  const first = filing.revisions[0];
  return {
    filing: {
      id: filing.id,
      agency: { name: filing.agency.name, slug: filing.agency.slug },
      requirementTitle: filing.requirement.title,
      policyTitle: filing.requirement.policy.title,
      statute: filing.requirement.policy.statute,
      periodLabel: periodLabel(dateOnly(filing.periodStart), dateOnly(filing.periodEnd), locale),
      dueOn: newYorkDate(filing.dueAt),
      late: first ? first.certifiedAt > filing.dueAt : null,
      state: reviewState(numbers, filing.reviews),
      // While an amendment after acceptance waits, the accepted revision still counts in public.
      heldRevision: amendmentAwaitingReview(numbers, filing.reviews) === null ? null : countedRevisionNumber(numbers, filing.reviews),
    },
    metrics: metrics.map((metric) => ({ key: metric.key })),
    revisions: filing.revisions
      .map((revision, index) => {
        const values = stringRecord(revision.values);
        return {
          number: revision.number,
          certifiedAt: newYorkDate(revision.certifiedAt),
          certifiedName: revision.certifiedName,
          certifiedTitle: revision.certifiedTitle,
          amendmentReason: revision.amendmentReason,
          nothingToReport: revision.nothingToReport,
          channel: revision.channel,
          // Shown as a clerk reads them ($1,234.50); a metric not in the revision stays empty.
          values: Object.fromEntries(
            metrics.filter((metric) => Object.hasOwn(values, metric.key)).map((metric) => [metric.key, displayValue(metric.unit, values[metric.key])]),
          ),
          explanations: Object.entries(stringRecord(revision.explanations)).map(([rule, text]) => ({ rule, text })),
          changes: changesSincePrevious(filing.revisions, index, metrics.map((metric) => metric.key), shown),
        };
      })
      .reverse(),
    reviews: filing.reviews.map((review) => ({
      revisionNumber: review.revisionNumber,
      decision: review.decision,
      note: review.note,
      reviewer: review.reviewer.name,
      on: newYorkDate(review.at),
    })),
    attachments: filing.attachments,
    newestRevision: numbers.length > 0 ? Math.max(...numbers) : null,
    canDecide: canReviewFilingsOf(actor, filing.agency) && numbers.length > 0,
  };
}

/** A figure's names as a reason might give them: its label in each language, and its key. */
const NAME_LANGUAGES = [translator('en'), translator('es')];
const namesOf = (key: string) => [...NAME_LANGUAGES.map((t) => t(`metric.${key}.label` as MessageKey)), key];

/**
 * What changed in revision `index` since the one before (null for the first): each figure
 * before and after, as a clerk reads them, and the changed figures its amendment reason does
 * not seem to mention (revision-diff.ts).
 */
function changesSincePrevious(
  revisions: { number: number; values: unknown; amendmentReason: string | null }[],
  index: number,
  keys: string[],
  shown: (key: string, value: string | null) => string | null,
) {
  if (index === 0) return null;
  const diff = revisionDiff({
    keys,
    before: stringRecord(revisions[index - 1].values),
    after: stringRecord(revisions[index].values),
    reason: revisions[index].amendmentReason,
    namesOf,
  });
  return {
    previous: revisions[index - 1].number,
    figures: diff.figures.map((figure) => ({ ...figure, before: shown(figure.key, figure.before), after: shown(figure.key, figure.after) })),
    changed: diff.changed.length,
    unmentioned: diff.unmentioned,
  };
}

/** The filing, if this person may decide on it (its agency's reviewers; operators only read); 403 for anyone else. */
export async function filingToDecide(db: Db, actor: Actor, filingId: number) {
  const filing = await filingForReviewer(db, actor, filingId);
  if (!canReviewFilingsOf(actor, filing.agency)) forbidden();
  return filing;
}

/** A decision as the page's form posts it. */
export interface ReviewDecision {
  decision: 'ACCEPTED' | 'RETURNED';
  /** The revision the reviewer read; 0 when it could not be read (then refused as outdated). */
  revisionNumber: number;
  note: string;
}

/** What the reviewer must fix, by field, as codes for the page to word. */
export type ReviewActionResult = { outcome: 'decided'; decision: ReviewDecision['decision'] } | { outcome: 'refused'; errors: Record<string, FilingMessage>; note: string };

/** Accepts or returns the newest revision; only the agency's reviewers (403 for operators too). */
export async function reviewAction(db: Db, actor: Actor, filingId: number, input: ReviewDecision, now: Date = new Date()): Promise<ReviewActionResult> {
  const filing = await filingToDecide(db, actor, filingId);
  try {
    await reviewFiling(db, { filingId: filing.id, revisionNumber: input.revisionNumber, decision: input.decision, note: input.note, reviewerId: actor.userId, now });
    return { outcome: 'decided', decision: input.decision };
  } catch (error) {
    if (!(error instanceof FilingRefusedError)) throw error;
    const errors: Record<string, FilingMessage> = {};
    for (const issue of error.issues) errors[issue.fields[0] ?? 'decision'] = issue.message;
    return { outcome: 'refused', errors, note: input.note };
  }
}
