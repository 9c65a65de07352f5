/**
 * What the policy services (policies.server.ts) and the metric-key check (filing-checks.ts) say
 * about a policy or a requirement they will not store: message keys with parameters rather than
 * sentences (the `policyProblem.*` messages of app/i18n/<language>/policies.ts). Pages put them
 * in the reader's language with describePolicyMessage. Plain TypeScript, safe in the browser.
 */
import type { Translate } from '~/i18n/i18n';
import type { Message } from '~/i18n/message';
import { isMessageKey } from '~/i18n/i18n';

/** Its parameters are not prose: names, metric keys, agreement models, dates as YYYY-MM-DD. */
export type PolicyMessage = Message;

/** A problem with one input field of a policy, e.g. 'title' or 'requirements.0.metricKeys'. */
export interface PolicyProblem extends PolicyMessage {
  field: string;
}

/** The message in the translator's language; a `metric` parameter also gives its `label`. */
export function describePolicyMessage(t: Translate, { key, params = {} }: PolicyMessage): string {
  const label = `metric.${params.metric}.label`;
  return t(key, isMessageKey(label) ? { ...params, label: t(label) } : params);
}

/** The problems by form field (`fieldOf` names the input of a service field), several to a field joined. */
export function policyErrors(t: Translate, problems: PolicyProblem[], fieldOf: (field: string) => string = (field) => field): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of problems) {
    const field = fieldOf(problem.field);
    const message = describePolicyMessage(t, problem);
    errors[field] = errors[field] ? `${errors[field]} ${message}` : message;
  }
  return errors;
}
