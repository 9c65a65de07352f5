/**
 * The stages of a pre-approval application, as the council controls them (G.S. 160A-281):
 *
 *   submitted → completeness review → returned (incomplete; the agency may resubmit)
 *                                   → public notice (a comment period of the policy's length)
 *                                     → public hearing (date, place, minutes)
 *                                       → decision (approved, approved with conditions, denied; the vote recorded)
 *   withdrawn: by the agency, from any open stage.
 *
 * Plain TypeScript: no Remix, no Prisma, no clock. Days are YYYY-MM-DD in America/New_York.
 * Refusals are message codes (app/i18n/<language>/preapproval.ts), for pages to word.
 */
import type { Message } from '~/i18n/message';
import { addDays } from '~/reporting/calendar';
import { missingItems } from './items';

export const STAGES = ['SUBMITTED', 'COMPLETENESS_REVIEW', 'RETURNED', 'PUBLIC_NOTICE', 'PUBLIC_HEARING', 'DECIDED', 'WITHDRAWN'] as const;
export type Stage = (typeof STAGES)[number];
export const DECISIONS = ['APPROVED', 'APPROVED_WITH_CONDITIONS', 'DENIED'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Who may take a step: the applying agency, or the council (its clerk, a reviewer of the town). */
export type Side = 'agency' | 'council';

export type Step =
  | { action: 'resubmit' }
  | { action: 'startReview' }
  | { action: 'return'; reason: string }
  | { action: 'giveNotice' }
  | { action: 'holdHearing'; hearingOn: string; place: string; minutes: string }
  | { action: 'decide'; decision: Decision; conditions?: string | null; votesFor: number; votesAgainst: number; votesAbstaining: number }
  | { action: 'withdraw'; reason?: string | null };
export type Action = Step['action'];

interface Rule {
  from: readonly Stage[];
  to: Stage;
  side: Side;
}

/** Which stage each action leaves from and leads to, and whose action it is. */
export const TRANSITIONS: Record<Action, Rule> = {
  resubmit: { from: ['RETURNED'], to: 'SUBMITTED', side: 'agency' },
  startReview: { from: ['SUBMITTED'], to: 'COMPLETENESS_REVIEW', side: 'council' },
  return: { from: ['COMPLETENESS_REVIEW'], to: 'RETURNED', side: 'council' },
  giveNotice: { from: ['COMPLETENESS_REVIEW'], to: 'PUBLIC_NOTICE', side: 'council' },
  holdHearing: { from: ['PUBLIC_NOTICE'], to: 'PUBLIC_HEARING', side: 'council' },
  decide: { from: ['PUBLIC_HEARING'], to: 'DECIDED', side: 'council' },
  withdraw: { from: ['SUBMITTED', 'COMPLETENESS_REVIEW', 'RETURNED', 'PUBLIC_NOTICE', 'PUBLIC_HEARING'], to: 'WITHDRAWN', side: 'agency' },
};

/** Stages from which nothing moves on: the record is complete. */
export const CLOSED_STAGES: readonly Stage[] = ['DECIDED', 'WITHDRAWN'];
export const isOpen = (stage: Stage) => !CLOSED_STAGES.includes(stage);

/** What a step checks about the application it moves. */
export interface ApplicationState {
  stage: Stage;
  items: Partial<Record<string, string>>;
  requiredItems: readonly string[];
  commentPeriodDays: number;
  commentsCloseOn: string | null;
}

/** Fields the step sets on the application besides its stage. */
export interface StepChanges {
  commentsOpenOn?: string;
  commentsCloseOn?: string;
  hearingOn?: string;
  hearingPlace?: string;
  hearingMinutes?: string;
  decision?: Decision;
  conditions?: string | null;
  votesFor?: number;
  votesAgainst?: number;
  votesAbstaining?: number;
  decidedOn?: string;
}

export type StepOutcome = { ok: true; from: Stage; to: Stage; changes: StepChanges } | { ok: false; problems: (Message & { field: string })[] };

const MIN_REASON_LENGTH = 10;
const blank = (text: string | null | undefined) => !(text ?? '').trim();
const isCount = (n: number) => Number.isInteger(n) && n >= 0 && n <= 1000;

/**
 * Whether `side` may take `step` on `state` on day `on` (YYYY-MM-DD, New York), and what it
 * changes. Nothing is refused silently: each problem names its field and message.
 */
export function takeStep(state: ApplicationState, step: Step, side: Side, on: string): StepOutcome {
  const rule = TRANSITIONS[step.action];
  const problem = (field: string, key: Message['key'], params?: Message['params']) => ({ field, key, ...(params ? { params } : {}) });
  if (rule.side !== side) return { ok: false, problems: [problem('action', 'preapproval.problem.notYourStep')] };
  if (!rule.from.includes(state.stage)) {
    return { ok: false, problems: [problem('action', 'preapproval.problem.wrongStage', { stage: state.stage, action: step.action })] };
  }
  const problems: (Message & { field: string })[] = [];
  const changes: StepChanges = {};
  switch (step.action) {
    case 'return':
      if ((step.reason ?? '').trim().length < MIN_REASON_LENGTH) problems.push(problem('reason', 'preapproval.problem.reasonRequired', { min: MIN_REASON_LENGTH }));
      break;
    case 'giveNotice': {
      // Only a complete application goes before the public; an incomplete one is returned.
      const missing = missingItems(state.requiredItems, state.items);
      if (missing.length > 0) problems.push(problem('items', 'preapproval.problem.incomplete', { items: missing.join(', '), count: missing.length }));
      changes.commentsOpenOn = on;
      changes.commentsCloseOn = addDays(on, state.commentPeriodDays - 1);
      break;
    }
    case 'holdHearing':
      // The hearing follows the comment period, so every comment is before the council.
      if (state.commentsCloseOn && on <= state.commentsCloseOn) {
        problems.push(problem('action', 'preapproval.problem.commentsStillOpen', { date: state.commentsCloseOn }));
      }
      if (!/^\d{4}-\d{2}-\d{2}$/.test(step.hearingOn ?? '') || (state.commentsCloseOn && step.hearingOn <= state.commentsCloseOn)) {
        problems.push(problem('hearingOn', 'preapproval.problem.hearingDate', { date: state.commentsCloseOn ?? '' }));
      }
      if (blank(step.place)) problems.push(problem('place', 'preapproval.problem.placeRequired'));
      if (blank(step.minutes)) problems.push(problem('minutes', 'preapproval.problem.minutesRequired'));
      Object.assign(changes, { hearingOn: step.hearingOn, hearingPlace: (step.place ?? '').trim(), hearingMinutes: (step.minutes ?? '').trim() });
      break;
    case 'decide':
      if (!DECISIONS.includes(step.decision)) problems.push(problem('decision', 'preapproval.problem.decisionRequired'));
      if (step.decision === 'APPROVED_WITH_CONDITIONS' && blank(step.conditions)) problems.push(problem('conditions', 'preapproval.problem.conditionsRequired'));
      if (![step.votesFor, step.votesAgainst, step.votesAbstaining].every(isCount) || step.votesFor + step.votesAgainst === 0) {
        problems.push(problem('votes', 'preapproval.problem.voteRequired'));
      } else if (step.decision !== 'DENIED' && step.votesFor <= step.votesAgainst) {
        // An approval the recorded vote does not carry is a typing error, not a decision.
        problems.push(problem('votes', 'preapproval.problem.voteDisagrees'));
      }
      Object.assign(changes, {
        decision: step.decision,
        conditions: step.decision === 'APPROVED_WITH_CONDITIONS' ? (step.conditions ?? '').trim() : null,
        votesFor: step.votesFor,
        votesAgainst: step.votesAgainst,
        votesAbstaining: step.votesAbstaining,
        decidedOn: on,
      });
      break;
    default:
      break;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, from: state.stage, to: rule.to, changes };
}

/**
 * Whether a resident may comment on day `on`: only during the public notice's comment period.
 * After it closes the refusal says when it closed.
 */
export function commentRefusal(stage: Stage, commentsCloseOn: string | null, on: string): Message | null {
  if (commentsCloseOn && on > commentsCloseOn) return { key: 'preapproval.comment.closed', params: { date: commentsCloseOn } };
  if (stage !== 'PUBLIC_NOTICE' || !commentsCloseOn) return { key: 'preapproval.comment.notOpen' };
  return null;
}
