/**
 * One report's public revision history: every submitted revision's figures side by side, its
 * certification and amendment reason, which revision the public figures count, and the
 * breakdowns of people suppressed revision by revision with the dashboards' rule. Plain
 * TypeScript: the server module reads the rows, this decides what may be shown.
 *
 * Drafts never reach it (only submitted revisions are passed in). A reader comparing two
 * revisions' breakdowns could subtract them; that is the known limit of suppression on
 * overlapping tables (dashboards/suppression.ts), so breakdown cells get no "changed" mark.
 */
import { publishBreakdowns, type GroupSums, type PublicBreakdown } from '~/dashboards/breakdowns';
import { amendmentAwaitingReview, amendmentsAfterAcceptance, decisionsByRevision, type ReviewOfRevision } from '~/reporting/counting';
import { METRICS, metricByKey, netLocalCost, type Unit } from '~/reporting/metrics';
import { parseId } from '~/utils/route-params';

export interface RevisionRow {
  number: number;
  /** Normalised values as submitted (decimal strings by metric key). */
  values: Record<string, string>;
  nothingToReport: boolean;
  amendmentReason: string | null;
  certifiedName: string;
  certifiedTitle: string;
  certifiedAt: Date;
}

/** awaiting_review: an amendment after acceptance, not counted until reviewers accept it. */
export type RevisionState = 'counted' | 'superseded' | 'returned' | 'awaiting_review';

export interface PublicRevision {
  number: number;
  state: RevisionState;
  nothingToReport: boolean;
  amendmentReason: string | null;
  certifiedName: string;
  certifiedTitle: string;
  certifiedAt: string;
  /** Metric key → decimal string, null when the revision did not give it (net local cost derived as on the dashboards). */
  figures: Record<string, string | null>;
  /** Metric keys whose value differs from the previous revision's. */
  changed: string[];
  /** This revision's breakdowns, small counts hidden. */
  breakdowns: PublicBreakdown[];
}

export interface PublicReport {
  metrics: { key: string; unit: Unit }[];
  /** Breakdown groups any revision gave, in catalogue order. */
  groups: string[];
  countedRevision: number | null;
  /** An amendment after acceptance that reviewers have not decided on yet (the accepted figures still count). */
  amendmentAwaitingReview: number | null;
  /** How many amendments followed the report's acceptance; null if it was never accepted. */
  amendmentsAfterAcceptance: number | null;
  threshold: number;
  revisions: PublicRevision[];
}

/** A filing's public history with what the page and its download say about the filing (agency-report.server.ts). */
export interface AgencyReport extends PublicReport {
  agency: { slug: string; name: string };
  filingId: number;
  period: { key: string; start: string; end: string };
  dueAt: string;
  requirement: { id: number; title: string; policyTitle: string; statute: string; adoptedBy: string };
}

const isCell = (key: string) => Boolean(metricByKey(key)?.group);

/** Breakdown sums of one revision: its cells, for each group it gave. */
function revisionSums(values: Record<string, string>): Record<string, GroupSums> {
  const sums: Record<string, GroupSums> = {};
  for (const [key, value] of Object.entries(values)) {
    const group = metricByKey(key)?.group;
    if (!group) continue;
    (sums[group] ??= { cells: {}, periods: 1 }).cells[key] = Number(value);
  }
  return sums;
}

/**
 * The public history of a filing's submitted revisions (any order), given the metrics its
 * requirement asks for, its reviews, and the small-count threshold.
 */
export function publicReport(input: {
  revisions: RevisionRow[];
  requiredKeys: readonly string[];
  reviews: ReviewOfRevision[];
  countedRevision: number | null;
  threshold: number;
}): PublicReport {
  const revisions = [...input.revisions].sort((a, b) => a.number - b.number);
  const withNet = revisions.map((revision) => {
    const net = netLocalCost(revision.values);
    return net === null ? revision.values : { ...revision.values, net_local_cost: net };
  });
  const wanted = new Set([...input.requiredKeys, ...withNet.flatMap((values) => Object.keys(values))]);
  const metrics = METRICS.filter((metric) => wanted.has(metric.key) && !isCell(metric.key)).map((metric) => ({ key: metric.key, unit: metric.unit }));
  const decisions = decisionsByRevision(input.reviews);
  const numbers = revisions.map((revision) => revision.number);
  const awaiting = amendmentAwaitingReview(numbers, input.reviews);
  const state = (number: number): RevisionState =>
    number === input.countedRevision ? 'counted' : number === awaiting ? 'awaiting_review' : decisions.get(number) === 'RETURNED' ? 'returned' : 'superseded';

  const published = revisions.map((revision, index): PublicRevision => {
    const values = withNet[index];
    const figures = Object.fromEntries(metrics.map((metric) => [metric.key, values[metric.key] ?? null]));
    const previous = index > 0 ? withNet[index - 1] : null;
    return {
      number: revision.number,
      state: state(revision.number),
      nothingToReport: revision.nothingToReport,
      amendmentReason: revision.amendmentReason,
      certifiedName: revision.certifiedName,
      certifiedTitle: revision.certifiedTitle,
      certifiedAt: revision.certifiedAt.toISOString(),
      figures,
      changed: previous ? metrics.filter((metric) => (previous[metric.key] ?? null) !== (values[metric.key] ?? null)).map((metric) => metric.key) : [],
      breakdowns: publishBreakdowns(revisionSums(revision.values), input.threshold).groups,
    };
  });
  const groups = [...new Set(published.flatMap((revision) => revision.breakdowns.map((group) => group.id)))];
  const order = METRICS.filter((metric) => metric.group).map((metric) => metric.group!);
  groups.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return {
    metrics,
    groups,
    countedRevision: input.countedRevision,
    amendmentAwaitingReview: awaiting,
    amendmentsAfterAcceptance: amendmentsAfterAcceptance(numbers, input.reviews),
    threshold: input.threshold,
    revisions: published,
  };
}

/** A report's id from the URL: a positive whole number PostgreSQL's integer holds, else null (answered 404, like an unknown report). */
export function filingIdParam(raw: string | undefined): number | null {
  return parseId(raw);
}
