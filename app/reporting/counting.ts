/**
 * Which revision of a filing public figures count: the one rule dashboards, downloads and
 * compliance share (stored on the filing as counted_revision_id whenever a revision or a
 * review is written, so the database can sum figures without repeating the rule).
 *
 * The newest revision counts unless a reviewer returned it; then the newest earlier revision
 * that was not returned counts, and if every revision was returned, none does (the period
 * shows as returned, not reported). Accepting is not required: a submitted report is public
 * as soon as it is certified.
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
  return newestFirst.find((number) => decisions.get(number) !== 'RETURNED') ?? null;
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
