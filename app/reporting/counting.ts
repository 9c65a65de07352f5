/**
 * Which revision of a filing public figures count: the one rule dashboards, downloads and
 * compliance share (stored on the filing as counted_revision_id whenever a revision or a
 * review is written, so the database can sum figures without repeating the rule).
 *
 * Approval holds: once reviewers accepted a revision, the newest accepted revision counts
 * until they accept a later one, so an amendment after acceptance waits beside the accepted
 * figures ("amendment awaiting review") and a returned amendment changes nothing public.
 * Before any acceptance, the newest revision counts unless a reviewer returned it; then the
 * newest earlier revision that was not returned counts, and if every revision was returned,
 * none does (the period shows as returned, not reported). Accepting is not required for a
 * first report: a submitted report is public as soon as it is certified.
 */
export type ReviewDecision = 'ACCEPTED' | 'RETURNED';

export interface ReviewOfRevision {
  revisionNumber: number;
  decision: ReviewDecision;
  /** When it was decided: a later decision on the same revision replaces an earlier one. */
  at: Date;
}

/** The latest decision on each revision. */
export function decisionsByRevision(reviews: ReviewOfRevision[]): Map<number, ReviewDecision> {
  const latest = new Map<number, ReviewOfRevision>();
  for (const review of reviews) {
    const known = latest.get(review.revisionNumber);
    if (!known || review.at >= known.at) latest.set(review.revisionNumber, review);
  }
  return new Map([...latest].map(([number, review]) => [number, review.decision]));
}

/** The number of the revision that counts, or null if none does. */
export function countedRevisionNumber(revisionNumbers: number[], reviews: ReviewOfRevision[]): number | null {
  const decisions = decisionsByRevision(reviews);
  const newestFirst = [...revisionNumbers].sort((a, b) => b - a);
  return (
    newestFirst.find((number) => decisions.get(number) === 'ACCEPTED') ?? newestFirst.find((number) => decisions.get(number) !== 'RETURNED') ?? null
  );
}

/**
 * The newest revision if it is an amendment waiting for review while an earlier, accepted
 * revision counts; else null.
 */
export function amendmentAwaitingReview(revisionNumbers: number[], reviews: ReviewOfRevision[]): number | null {
  if (revisionNumbers.length === 0) return null;
  const newest = Math.max(...revisionNumbers);
  const decisions = decisionsByRevision(reviews);
  if (decisions.has(newest)) return null;
  return revisionNumbers.some((number) => number < newest && decisions.get(number) === 'ACCEPTED') ? newest : null;
}

/**
 * How many amendments followed the report's first acceptance (revisions numbered after the
 * first revision reviewers accepted, whatever became of them); null before any acceptance.
 */
export function amendmentsAfterAcceptance(revisionNumbers: number[], reviews: ReviewOfRevision[]): number | null {
  // An acceptance later replaced by a return still happened: count from the first ever given.
  const first = Math.min(...reviews.filter((review) => review.decision === 'ACCEPTED').map((review) => review.revisionNumber));
  return Number.isFinite(first) ? revisionNumbers.filter((number) => number > first).length : null;
}

export type ReviewState = 'not_submitted' | 'awaiting_review' | 'accepted' | 'returned';

/** Where the newest revision stands with the reviewers. */
export function reviewState(revisionNumbers: number[], reviews: ReviewOfRevision[]): ReviewState {
  if (revisionNumbers.length === 0) return 'not_submitted';
  const newest = Math.max(...revisionNumbers);
  const decision = decisionsByRevision(reviews).get(newest);
  if (decision === 'RETURNED') return 'returned';
  if (decision === 'ACCEPTED') return 'accepted';
  return 'awaiting_review';
}

/**
 * The review state public records show: reviewState, except that an amendment returned after
 * an acceptance leaves the accepted report standing ('accepted'), since its figures still count
 * (countedRevisionNumber). The agency's own pages keep reviewState: it must see the return.
 */
export function standingReviewState(revisionNumbers: number[], reviews: ReviewOfRevision[]): ReviewState {
  const state = reviewState(revisionNumbers, reviews);
  if (state !== 'returned') return state;
  const counted = countedRevisionNumber(revisionNumbers, reviews);
  return counted !== null && decisionsByRevision(reviews).get(counted) === 'ACCEPTED' ? 'accepted' : 'returned';
}
