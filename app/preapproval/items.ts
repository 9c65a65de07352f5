/**
 * The items of a pre-approval application (G.S. 160A-281): what a police department tells its
 * council before it may enter a 287(g) agreement. A pre-approval policy stores which of these
 * it requires (Policy.requiredApplicationItems); the model-policy templates (app/policies/)
 * name them by these keys. Plain TypeScript, safe in the browser.
 */

/** Every item an application can carry, in the order forms and pages show them. */
export const APPLICATION_ITEMS = [
  'modelSought',
  'reasons',
  /** The draft MOA: a link to it or its text (attachments belong to filings; see applications.server.ts). */
  'draftMoa',
  'costStaff',
  'costTraining',
  'costDetention',
  'costLiability',
  'trainingPlan',
  'complaintProcedure',
  'antiProfilingPolicy',
  'reportingPlan',
] as const;
export type ApplicationItem = (typeof APPLICATION_ITEMS)[number];

export function isApplicationItem(key: string): key is ApplicationItem {
  return (APPLICATION_ITEMS as readonly string[]).includes(key);
}

/** The required items an application leaves empty, in form order. */
export function missingItems(required: readonly string[], items: Partial<Record<string, string>>): ApplicationItem[] {
  return APPLICATION_ITEMS.filter((key) => required.includes(key) && !(items[key] ?? '').trim());
}

/** Default length of the public comment period when a policy sets none. */
export const DEFAULT_COMMENT_PERIOD_DAYS = 30;
