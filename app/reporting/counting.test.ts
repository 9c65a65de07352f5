import { describe, expect, it } from 'vitest';
import { amendmentAwaitingReview, amendmentsAfterAcceptance, countedRevisionNumber, decisionsByRevision, reviewState, standingReviewState, type ReviewOfRevision } from './counting';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
const review = (revisionNumber: number, decision: ReviewOfRevision['decision'], minute: number): ReviewOfRevision => ({ revisionNumber, decision, at: at(minute) });

describe('countedRevisionNumber', () => {
  it('counts nothing before a submission', () => {
    expect(countedRevisionNumber([], [])).toBeNull();
  });

  it('counts the newest revision before any acceptance', () => {
    expect(countedRevisionNumber([1, 2], [])).toBe(2);
    expect(countedRevisionNumber([1, 2, 3], [review(1, 'RETURNED', 1)])).toBe(3);
  });

  it('keeps the accepted revision counting while an amendment awaits review', () => {
    expect(countedRevisionNumber([2, 1, 3], [review(1, 'ACCEPTED', 1)])).toBe(1);
    expect(countedRevisionNumber([1, 2], [review(1, 'ACCEPTED', 1)])).toBe(1);
  });

  it('switches to the amendment when it is accepted, and a returned amendment changes nothing', () => {
    expect(countedRevisionNumber([1, 2], [review(1, 'ACCEPTED', 1), review(2, 'ACCEPTED', 2)])).toBe(2);
    expect(countedRevisionNumber([1, 2], [review(1, 'ACCEPTED', 1), review(2, 'RETURNED', 2)])).toBe(1);
    expect(countedRevisionNumber([1, 2, 3], [review(1, 'ACCEPTED', 1), review(2, 'RETURNED', 2)])).toBe(1);
  });

  it('lets reviewers undo an acceptance: a revision returned after acceptance no longer holds', () => {
    expect(countedRevisionNumber([1, 2], [review(1, 'ACCEPTED', 1), review(1, 'RETURNED', 2)])).toBe(2);
  });

  it('falls back to the newest revision not returned', () => {
    expect(countedRevisionNumber([1, 2], [review(2, 'RETURNED', 5)])).toBe(1);
    expect(countedRevisionNumber([1, 2, 3], [review(3, 'RETURNED', 5), review(2, 'RETURNED', 4)])).toBe(1);
  });

  it('counts nothing when every revision was returned', () => {
    expect(countedRevisionNumber([1], [review(1, 'RETURNED', 1)])).toBeNull();
  });

  it('goes by the latest decision on a revision', () => {
    expect(countedRevisionNumber([1], [review(1, 'RETURNED', 1), review(1, 'ACCEPTED', 2)])).toBe(1);
    expect(countedRevisionNumber([1], [review(1, 'ACCEPTED', 2), review(1, 'RETURNED', 3)])).toBeNull();
  });
});

describe('amendmentAwaitingReview', () => {
  it('names the newest revision only when it is unreviewed and an earlier one was accepted', () => {
    expect(amendmentAwaitingReview([], [])).toBeNull();
    expect(amendmentAwaitingReview([1], [])).toBeNull();
    expect(amendmentAwaitingReview([1, 2], [])).toBeNull();
    expect(amendmentAwaitingReview([1, 2], [review(1, 'ACCEPTED', 1)])).toBe(2);
    expect(amendmentAwaitingReview([1, 2, 3], [review(1, 'ACCEPTED', 1), review(2, 'RETURNED', 2)])).toBe(3);
    expect(amendmentAwaitingReview([1, 2], [review(1, 'ACCEPTED', 1), review(2, 'ACCEPTED', 2)])).toBeNull();
    expect(amendmentAwaitingReview([1, 2], [review(1, 'ACCEPTED', 1), review(2, 'RETURNED', 2)])).toBeNull();
    expect(amendmentAwaitingReview([1, 2], [review(1, 'RETURNED', 1)])).toBeNull();
  });
});

describe('amendmentsAfterAcceptance', () => {
  it('counts the revisions after the first acceptance', () => {
    expect(amendmentsAfterAcceptance([1], [])).toBeNull();
    expect(amendmentsAfterAcceptance([1, 2], [review(1, 'RETURNED', 1)])).toBeNull();
    expect(amendmentsAfterAcceptance([1], [review(1, 'ACCEPTED', 1)])).toBe(0);
    expect(amendmentsAfterAcceptance([1, 2], [review(1, 'ACCEPTED', 1), review(2, 'ACCEPTED', 2)])).toBe(1);
    expect(amendmentsAfterAcceptance([1, 2, 3], [review(1, 'RETURNED', 1), review(2, 'ACCEPTED', 2)])).toBe(1);
    expect(amendmentsAfterAcceptance([1, 2, 3], [review(1, 'ACCEPTED', 1), review(2, 'RETURNED', 2)])).toBe(2);
    // An acceptance later withdrawn still happened.
    expect(amendmentsAfterAcceptance([1, 2], [review(1, 'ACCEPTED', 1), review(1, 'RETURNED', 2)])).toBe(1);
  });
});

describe('reviewState', () => {
  it('follows the newest revision', () => {
    expect(reviewState([], [])).toBe('not_submitted');
    expect(reviewState([1], [])).toBe('awaiting_review');
    expect(reviewState([1], [review(1, 'ACCEPTED', 1)])).toBe('accepted');
    expect(reviewState([1], [review(1, 'RETURNED', 1)])).toBe('returned');
    // A fix after a return awaits review again.
    expect(reviewState([1, 2], [review(1, 'RETURNED', 1)])).toBe('awaiting_review');
  });

  it('lets a later decision replace an earlier one', () => {
    expect(decisionsByRevision([review(1, 'ACCEPTED', 3), review(1, 'RETURNED', 1)]).get(1)).toBe('ACCEPTED');
  });
});

describe('standingReviewState', () => {
  it('keeps an accepted report standing when a later amendment is returned', () => {
    expect(standingReviewState([1, 2], [review(1, 'ACCEPTED', 1), review(2, 'RETURNED', 2)])).toBe('accepted');
    expect(reviewState([1, 2], [review(1, 'ACCEPTED', 1), review(2, 'RETURNED', 2)])).toBe('returned');
  });

  it('is reviewState otherwise', () => {
    expect(standingReviewState([1], [review(1, 'RETURNED', 1)])).toBe('returned');
    expect(standingReviewState([1, 2], [review(1, 'RETURNED', 1), review(2, 'RETURNED', 2)])).toBe('returned');
    expect(standingReviewState([1, 2], [review(1, 'ACCEPTED', 1)])).toBe('awaiting_review');
    expect(standingReviewState([1], [review(1, 'ACCEPTED', 1)])).toBe('accepted');
    expect(standingReviewState([], [])).toBe('not_submitted');
  });
});
