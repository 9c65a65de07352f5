/**
 * What the filing pages (/filings, /filings/:id) read and write, for a signed-in person: the
 * access checks on ids from URLs and forms (403 for another agency's, never a hint of what
 * exists), the list of periods, the page data, and saving, submitting and amending from the
 * form. The services in filings.server.ts do the work; this module shapes it for the pages.
 */
import { forbidden } from '~/auth/access.server';
import { canCertifyFor, canDraftFor, filingAgencyIds, type Actor } from '~/auth/permissions';
import type { Db } from '~/db/prisma.server';
import type { Prisma } from '~/generated/prisma/client';
import type { Locale } from '~/i18n/i18n';
import { attachmentsSection } from './attachments.server';
import { checkDraft, type FilingIssue, metricsForKeys, periodHasEnded, stringRecord } from './filing-checks';
import { dateOnly, newYorkDate } from './calendar';
import { filingMessage, sameFilingMessage, type FilingMessage } from './filing-messages';
import { amendmentAwaitingReview, countedRevisionNumber, reviewState } from './counting';
import { expectedFilings, FilingRefusedError, openFiling, saveDraft, submitFiling } from './filings.server';
import { BREAKDOWN_GROUPS, type Category } from './metrics';
import { periodLabel } from './period-label';
import { historyOf, OUTLIER_HISTORY_PERIODS } from './rules';

/** Where a period stands, for the list and the page ('open': the period is still under way). */
export type FilingStatus = 'open' | 'due' | 'overdue' | 'on_time' | 'late';

/* ---------------------------------------------------------------------- */
/* /filings                                                                */
/* ---------------------------------------------------------------------- */

export interface PeriodRow {
  requirementId: number;
  key: string;
  label: string;
  dueOn: string;
  status: FilingStatus;
  /** A draft was saved and nothing is submitted yet. */
  draftSaved: boolean;
  filingId: number | null;
  latestRevision: number | null;
  /** Returned by a reviewer: the agency must fix it and submit an amendment. */
  returned: boolean;
  /** A reviewer accepted the newest revision. */
  accepted: boolean;
  /** A draft saved after the newest revision: an amendment under way, not yet submitted. */
  amendmentDraft: boolean;
}

/** The periods owed by each agency the person files for, labelled in `locale`; 403 if they file for none. */
export async function filingsOverview(db: Db, actor: Actor, locale: Locale, now: Date = new Date()) {
  const agencyIds = filingAgencyIds(actor);
  if (agencyIds.length === 0) forbidden();
  const agencies = await db.agency.findMany({ where: { id: { in: agencyIds } }, select: { id: true, name: true }, orderBy: { name: 'asc' } });
  return Promise.all(
    agencies.map(async (agency) => ({
      ...agency,
      requirements: (await expectedFilings(db, agency.id, now)).map(({ requirement, periods }) => ({
        id: requirement.id,
        title: requirement.title,
        policyTitle: requirement.policyTitle,
        // Newest first: the period a filer most likely came for is at the top.
        periods: periods
          .map(
            (period): PeriodRow => ({
              requirementId: requirement.id,
              key: period.key,
              label: periodLabel(period.start, period.end, locale),
              dueOn: period.dueOn,
              // expectedFilings lists ended periods only, so never 'upcoming' or 'open' here.
              status: period.status as FilingStatus,
              draftSaved: Boolean(period.filing?.draftSavedAt) && !period.latestRevision,
              filingId: period.filing?.id ?? null,
              latestRevision: period.latestRevision?.number ?? null,
              returned: period.review === 'returned',
              accepted: period.review === 'accepted',
              // Submitting saves the draft at the same instant, so only a later save is an amendment.
              amendmentDraft: Boolean(period.latestRevision && period.filing?.draftSavedAt && period.filing.draftSavedAt > period.latestRevision.certifiedAt),
            }),
          )
          .reverse(),
      })),
    })),
  );
}

/**
 * Opens (creating on first use) the filing of a period, if the person files for its agency. A
 * period the requirement does not expect (a crafted or outdated form) comes back as the
 * refusal's messages, for the page to show; nothing is written.
 */
export async function openFilingAs(
  db: Db,
  actor: Actor,
  input: { requirementId: number; periodKey: string },
  now: Date = new Date(),
): Promise<{ ok: true; filingId: number } | { ok: false; messages: FilingMessage[] }> {
  const requirement = await db.requirement.findUnique({ where: { id: input.requirementId }, select: { agencyId: true } });
  if (!requirement || !canDraftFor(actor, requirement.agencyId)) forbidden();
  try {
    const filing = await openFiling(db, { ...input, now });
    return { ok: true, filingId: filing.id };
  } catch (error) {
    if (!(error instanceof FilingRefusedError)) throw error;
    return { ok: false, messages: error.issues.map((issue) => issue.message) };
  }
}

/* ---------------------------------------------------------------------- */
/* /filings/:id                                                            */
/* ---------------------------------------------------------------------- */

const FILING_INCLUDE = {
  agency: { select: { id: true, name: true } },
  requirement: { select: { title: true, policy: { select: { title: true, statute: true, oathText: true } } } },
  version: { select: { metricKeys: true } },
  revisions: {
    orderBy: { number: 'asc' },
    select: { number: true, certifiedAt: true, certifiedName: true, certifiedTitle: true, amendmentReason: true, nothingToReport: true },
  },
  reviews: { orderBy: { at: 'asc' }, select: { revisionNumber: true, decision: true, at: true, note: true } },
} satisfies Prisma.FilingInclude;

/** The filing, if the person may draft for its agency; 403 otherwise, whether or not it exists. */
async function filingAs(db: Db, actor: Actor, filingId: number) {
  const filing = Number.isSafeInteger(filingId) && filingId > 0 ? await db.filing.findUnique({ where: { id: filingId }, include: FILING_INCLUDE }) : null;
  if (!filing || !canDraftFor(actor, filing.agencyId)) forbidden();
  return filing;
}

/**
 * The agency's earlier periods of the requirement (latest revision of each), so the page
 * shows the same history-based warnings a save would. Mirrors historyBefore in filings.server.ts.
 */
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

function statusOf(filing: { periodEnd: Date; dueAt: Date; revisions: { certifiedAt: Date }[] }, now: Date): FilingStatus {
  const first = filing.revisions[0];
  // "On time" is judged by the first revision: an amendment does not make a report late.
  if (first) return first.certifiedAt <= filing.dueAt ? 'on_time' : 'late';
  if (!periodHasEnded(dateOnly(filing.periodEnd), now)) return 'open';
  return now <= filing.dueAt ? 'due' : 'overdue';
}

/** A fieldset of the form; the page words its legend and fields from the catalogs. */
export interface FormSection {
  /** A category, or a breakdown group's id. */
  id: string;
  category: Category;
  /** A breakdown group's section, rather than a category's own metrics. */
  breakdown: boolean;
  metricKeys: string[];
}

/** The version's metrics by category, each breakdown group in a section of its own after its category. */
function formSections(metricKeys: string[]): FormSection[] {
  const metrics = metricsForKeys(metricKeys);
  const sections: FormSection[] = [];
  for (const category of ['COST', 'ACTIVITY', 'PEOPLE', 'ACCOUNTABILITY'] as const) {
    const inCategory = metrics.filter((metric) => metric.category === category && !metric.derived);
    const plain = inCategory.filter((metric) => !metric.group);
    const keys = (list: typeof metrics) => list.map((metric) => metric.key);
    if (plain.length > 0) sections.push({ id: category, category, breakdown: false, metricKeys: keys(plain) });
    for (const group of BREAKDOWN_GROUPS) {
      const cells = inCategory.filter((metric) => metric.group === group.id);
      if (cells.length > 0) sections.push({ id: group.id, category, breakdown: true, metricKeys: keys(cells) });
    }
  }
  return sections;
}

/** The reviewer's note when the newest revision was returned: what the agency must fix. */
function returnedNotice(filing: { revisions: { number: number }[]; reviews: { revisionNumber: number; decision: 'ACCEPTED' | 'RETURNED'; at: Date; note: string | null }[] }) {
  if (reviewState(filing.revisions.map((revision) => revision.number), filing.reviews) !== 'returned') return null;
  const review = filing.reviews[filing.reviews.length - 1];
  return { revision: review.revisionNumber, on: newYorkDate(review.at), note: review.note ?? '' };
}

/** An amendment to an accepted report waiting for review: the accepted revision still counts in public. */
function awaitingAmendment(filing: { revisions: { number: number }[]; reviews: { revisionNumber: number; decision: 'ACCEPTED' | 'RETURNED'; at: Date }[] }) {
  const numbers = filing.revisions.map((revision) => revision.number);
  const revision = amendmentAwaitingReview(numbers, filing.reviews);
  return revision === null ? null : { revision, counted: countedRevisionNumber(numbers, filing.reviews) };
}

/**
 * Everything the filing page shows, its period labelled in `locale`. `submitted` is the revision
 * number of a just-made submission, if any; `attachmentQuery` the query string the attachments
 * route redirected back with.
 */
export async function filingPage(
  db: Db,
  actor: Actor,
  filingId: number,
  options: { locale: Locale; now?: Date; submitted?: number | null; attachmentQuery?: URLSearchParams },
) {
  const now = options.now ?? new Date();
  const filing = await filingAs(db, actor, filingId);
  const values = stringRecord(filing.draftValues);
  const explanations = stringRecord(filing.draftExplanations);
  // A saved draft is checked again on every visit, so a filer coming back sees what is still wrong.
  const issues = filing.draftSavedAt
    ? checkDraft({
        metrics: metricsForKeys(filing.version.metricKeys),
        values,
        explanations,
        nothingToReport: filing.draftNothing,
        history: await historyBefore(db, filing.requirementId, filing.periodStart),
      }).issues
    : [];
  const periodStart = dateOnly(filing.periodStart);
  const periodEnd = dateOnly(filing.periodEnd);
  const submitted = options.submitted ?? null;
  return {
    filing: {
      id: filing.id,
      agency: filing.agency,
      requirementTitle: filing.requirement.title,
      policyTitle: filing.requirement.policy.title,
      statute: filing.requirement.policy.statute,
      oathText: filing.requirement.policy.oathText,
      periodLabel: periodLabel(periodStart, periodEnd, options.locale),
      periodStart,
      periodEnd,
      dueOn: newYorkDate(filing.dueAt),
      status: statusOf(filing, now),
      draftSaved: filing.draftSavedAt !== null,
    },
    sections: formSections(filing.version.metricKeys),
    draft: { values, explanations, nothingToReport: filing.draftNothing },
    issues,
    revisions: filing.revisions.map((revision) => ({ ...revision, certifiedAt: newYorkDate(revision.certifiedAt) })),
    canCertify: canCertifyFor(actor, filing.agencyId),
    // Only a revision that exists is announced, whatever the URL says.
    submittedNotice: submitted !== null && filing.revisions.some((revision) => revision.number === submitted) ? submitted : null,
    attachments: await attachmentsSection(db, filing.id, options.attachmentQuery),
    returned: returnedNotice(filing),
    awaitingAmendment: awaitingAmendment(filing),
  };
}

/** What the form posted, echoed back on a re-render so nothing typed is lost. */
export interface PostedFiling {
  values: Record<string, string>;
  explanations: Record<string, string>;
  nothingToReport: boolean;
  certifiedName: string;
  certifiedTitle: string;
  amendmentReason: string;
}

export type FilingActionResult =
  | { outcome: 'saved'; issues: FilingIssue[]; posted: PostedFiling }
  | { outcome: 'refused'; issues: FilingIssue[]; posted: PostedFiling }
  | { outcome: 'submitted'; revision: number }
  | { outcome: 'invalid' };

/** Longest text any field may hold: far beyond a figure or an explanation, short of abuse. */
const MAX_FIELD_LENGTH = 10_000;

/** Keeps only the version's metrics (anything else a crafted form sends is ignored); null if a field is absurdly long. */
function checkedPost(posted: PostedFiling, metricKeys: string[]): PostedFiling | null {
  const texts = [...Object.values(posted.values), ...Object.values(posted.explanations), posted.certifiedName, posted.certifiedTitle, posted.amendmentReason];
  if (texts.some((text) => text.length > MAX_FIELD_LENGTH)) return null;
  const values = Object.fromEntries(metricKeys.map((key) => [key, Object.hasOwn(posted.values, key) ? posted.values[key] : '']));
  const explanations = Object.fromEntries(Object.entries(posted.explanations).filter(([, text]) => text.trim() !== ''));
  return { ...posted, values, explanations };
}

const sameIssue = (a: FilingIssue, b: FilingIssue) => sameFilingMessage(a.message, b.message) && a.fields.join() === b.fields.join();

/**
 * Saves the posted draft (intent=save), or saves it and certifies it (intent=submit, heads
 * only: 403 for anyone else, before anything is written). A refused submission leaves the
 * draft saved and says why, next to the fields. `input` is null for a form that could not be
 * read (only a crafted one): invalid, once the access check has passed.
 */
export async function filingAction(
  db: Db,
  actor: Actor,
  filingId: number,
  /** `controlCharacters`: the fields (null: not one of the page's) whose control characters were removed; nothing is saved. */
  input: { intent: string; posted: PostedFiling; controlCharacters?: (string | null)[] } | null,
  now: Date = new Date(),
): Promise<FilingActionResult> {
  const filing = await filingAs(db, actor, filingId);
  if (!input) return { outcome: 'invalid' };
  const { intent } = input;
  if (intent !== 'save' && intent !== 'submit') return { outcome: 'invalid' };
  if (intent === 'submit' && !canCertifyFor(actor, filing.agencyId)) forbidden();
  const posted = checkedPost(input.posted, filing.version.metricKeys);
  if (!posted) return { outcome: 'invalid' };
  if (input.controlCharacters?.length) {
    const issues = input.controlCharacters.map(
      (field): FilingIssue => ({ source: 'value', rule: null, fields: field === null ? [] : [field], message: filingMessage('text_control_characters'), severity: 'error', explainable: false, blocking: true }),
    );
    return { outcome: 'refused', issues, posted };
  }

  // What is certified is what is on the screen: the form's figures are saved first.
  const saved = await saveDraft(db, { filingId: filing.id, values: posted.values, explanations: posted.explanations, nothingToReport: posted.nothingToReport, userId: actor.userId, now });
  if (intent === 'save') return { outcome: 'saved', issues: saved.issues, posted };
  try {
    const revision = await submitFiling(db, {
      filingId: filing.id,
      certifiedName: posted.certifiedName,
      certifiedTitle: posted.certifiedTitle,
      amendmentReason: posted.amendmentReason,
      userId: actor.userId,
      channel: 'WEB',
      now,
    });
    return { outcome: 'submitted', revision: revision.number };
  } catch (error) {
    if (!(error instanceof FilingRefusedError)) throw error;
    // The refusal repeats the draft's blocking issues; warnings come from the save only.
    const extra = error.issues.filter((issue) => !saved.issues.some((known) => sameIssue(known, issue)));
    return { outcome: 'refused', issues: [...saved.issues, ...extra], posted };
  }
}
