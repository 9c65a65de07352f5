import { describe, expect, it } from 'vitest';
import { commentRefusal, STAGES, takeStep, TRANSITIONS, type ApplicationState, type Stage } from './application-stages';
import { APPLICATION_ITEMS, missingItems } from './items';

const complete = Object.fromEntries(APPLICATION_ITEMS.map((key) => [key, 'text']));
const state = (stage: Stage, overrides: Partial<ApplicationState> = {}): ApplicationState => ({
  stage,
  items: complete,
  requiredItems: APPLICATION_ITEMS,
  commentPeriodDays: 30,
  commentsCloseOn: null,
  ...overrides,
});

describe('takeStep', () => {
  it('allows each action only from its stages and only to its side', () => {
    for (const [action, rule] of Object.entries(TRANSITIONS)) {
      for (const stage of STAGES) {
        const step = { action } as Parameters<typeof takeStep>[1];
        const other = rule.side === 'agency' ? 'council' : 'agency';
        expect(takeStep(state(stage), step, other, '2026-01-01')).toMatchObject({ ok: false, problems: [{ key: 'preapproval.problem.notYourStep' }] });
        const outcome = takeStep(state(stage), step, rule.side, '2026-01-01');
        if (!rule.from.includes(stage)) expect(outcome).toMatchObject({ ok: false, problems: [{ key: 'preapproval.problem.wrongStage' }] });
      }
    }
  });

  it('lets the agency withdraw from every open stage and from no closed one', () => {
    for (const stage of STAGES) {
      const outcome = takeStep(state(stage), { action: 'withdraw' }, 'agency', '2026-01-01');
      expect(outcome.ok, stage).toBe(stage !== 'DECIDED' && stage !== 'WITHDRAWN');
    }
  });

  it('opens a comment period of the policy’s length from the notice, counting the notice day', () => {
    expect(takeStep(state('COMPLETENESS_REVIEW', { commentPeriodDays: 30 }), { action: 'giveNotice' }, 'council', '2026-01-31')).toMatchObject({
      ok: true,
      to: 'PUBLIC_NOTICE',
      changes: { commentsOpenOn: '2026-01-31', commentsCloseOn: '2026-03-01' },
    });
  });

  it('refuses notice of an incomplete application, naming what is missing', () => {
    const items = { ...complete, draftMoa: ' ', trainingPlan: '' };
    expect(takeStep(state('COMPLETENESS_REVIEW', { items }), { action: 'giveNotice' }, 'council', '2026-01-01')).toEqual({
      ok: false,
      problems: [{ field: 'items', key: 'preapproval.problem.incomplete', params: { items: 'draftMoa, trainingPlan', count: 2 } }],
    });
    // Items the policy does not require may be left out.
    expect(takeStep(state('COMPLETENESS_REVIEW', { items, requiredItems: ['reasons'] }), { action: 'giveNotice' }, 'council', '2026-01-01').ok).toBe(true);
    expect(missingItems(['reasons', 'draftMoa'], { reasons: 'x' })).toEqual(['draftMoa']);
  });

  it('records a denial whatever the margin, an approval only when the vote carries it', () => {
    const decide = (decision: 'APPROVED' | 'DENIED', votesFor: number, votesAgainst: number) =>
      takeStep(state('PUBLIC_HEARING'), { action: 'decide', decision, votesFor, votesAgainst, votesAbstaining: 0 }, 'council', '2026-02-01').ok;
    expect(decide('APPROVED', 3, 2)).toBe(true);
    expect(decide('APPROVED', 2, 2)).toBe(false);
    expect(decide('DENIED', 3, 2)).toBe(true);
    expect(decide('DENIED', 0, 0)).toBe(false);
  });
});

describe('commentRefusal', () => {
  it('takes comments through the last day of the period only', () => {
    expect(commentRefusal('PUBLIC_NOTICE', '2026-02-15', '2026-02-15')).toBeNull();
    expect(commentRefusal('PUBLIC_NOTICE', '2026-02-15', '2026-02-16')).toEqual({ key: 'preapproval.comment.closed', params: { date: '2026-02-15' } });
    expect(commentRefusal('PUBLIC_HEARING', '2026-02-15', '2026-02-20')).toEqual({ key: 'preapproval.comment.closed', params: { date: '2026-02-15' } });
    expect(commentRefusal('SUBMITTED', null, '2026-02-01')).toEqual({ key: 'preapproval.comment.notOpen' });
  });
});
