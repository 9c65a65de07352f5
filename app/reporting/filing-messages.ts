/**
 * What the checks on a report say, as message codes with parameters rather than sentences:
 * the values schema (metrics.ts), the cross-field rules (rules.ts), the draft checks
 * (filing-checks.ts) and the refusals of the filing services (filings.server.ts,
 * reviews.server.ts). Pages put them in the reader's language with describeFilingMessage and
 * the `filingCheck.<code>` messages of the i18n catalogs (app/i18n/en/filing-checks.ts); the
 * JSON API in English, with the code beside it. Plain TypeScript, safe in the browser.
 *
 * Parameters are not prose: metric keys, breakdown group ids, figures as displayValue shows
 * them ("$1,234.50", "1,200"), dates as YYYY-MM-DD, what was typed. A parameter named `metric`
 * or ending in `Metric` holds a metric key and reads as the metric's label; `group` holds a
 * breakdown group id and reads as `filingCheck.group.<id>`.
 */
import type { MessageKey, Translate } from '~/i18n/i18n';

/** Every code, with the names of its parameters (the placeholders of its message). */
export const FILING_CHECK_PARAMS = {
  // A value that cannot be read (metrics.ts)
  value_required: [],
  value_negative: [],
  value_whole_number: [],
  value_cents: [],
  value_decimals: [],
  value_too_large: ['max'],
  value_not_a_number: ['typed'],
  value_not_text: [],
  // Text with control characters (NUL and the like), removed before the form is shown again
  text_control_characters: [],
  values_not_object: [],
  metric_unknown: ['key'],
  metric_derived: ['key'],
  metric_not_in_filing: ['key'],
  // The draft as a whole (filing-checks.ts)
  nothing_with_values: [],
  // Cross-field and history rules (rules.ts)
  rule_cannot_exceed: ['partMetric', 'partAmount', 'wholeMetric', 'wholeAmount'],
  rule_transfers_exceed_encountered: ['partMetric', 'partAmount', 'wholeMetric', 'wholeAmount'],
  rule_sustained_exceed_filed: ['partMetric', 'partAmount', 'wholeMetric', 'wholeAmount'],
  rule_outcomes_exceed_received: ['honoredMetric', 'honoredAmount', 'declinedMetric', 'declinedAmount', 'sum', 'receivedMetric', 'receivedAmount'],
  rule_breakdown_without_total: ['group', 'totalMetric'],
  rule_breakdown_sum: ['group', 'sum', 'totalMetric', 'totalAmount'],
  rule_offsets_exceed_gross: [],
  rule_outlier_above: ['metric', 'amount', 'median', 'periods'],
  rule_outlier_below: ['metric', 'amount', 'median', 'periods'],
  // Opening and submitting a filing (filings.server.ts)
  requirement_not_found: [],
  filing_not_found: [],
  period_not_expected: ['period'],
  period_not_ended: ['end'],
  period_late: ['due'],
  period_locked: ['locked'],
  amendment_reason_required: ['min'],
  certified_name_required: [],
  certified_title_required: [],
  // A reviewer's decision (reviews.server.ts)
  review_note_required: ['min'],
  review_nothing_submitted: [],
  review_revision_outdated: ['newest'],
  // A reviewer's extension of a locked period (extensions.server.ts)
  extension_reason_required: ['min'],
  extension_date_invalid: [],
} as const satisfies Record<string, readonly string[]>;

export type FilingCheckCode = keyof typeof FILING_CHECK_PARAMS;

/** The codes, for tests and documentation: each has a `filingCheck.<code>` message in every language. */
export const FILING_CHECK_CODES = Object.keys(FILING_CHECK_PARAMS) as FilingCheckCode[];

type ParamsOf<C extends FilingCheckCode> = { [P in (typeof FILING_CHECK_PARAMS)[C][number]]: string | number };

/** A message: its code and exactly the parameters the code names. */
export type FilingMessage = { [C in FilingCheckCode]: { code: C; params: ParamsOf<C> } }[FilingCheckCode];

export function filingMessage<C extends FilingCheckCode>(code: C, ...params: keyof ParamsOf<C> extends never ? [] : [ParamsOf<C>]): FilingMessage {
  return { code, params: params[0] ?? {} } as FilingMessage;
}

export function isFilingCheckCode(value: unknown): value is FilingCheckCode {
  return typeof value === 'string' && Object.hasOwn(FILING_CHECK_PARAMS, value);
}

/**
 * How a problem with a report is labelled: "Error:" only for what must be changed; a check the
 * filer may explain away (an outlier, transfers of people encountered earlier) is a warning,
 * even while it blocks the submission until explained.
 */
export function issueLabelKey(issue: { severity: 'error' | 'warning'; explainable: boolean }): 'filing.error' | 'filing.warning' {
  return issue.severity === 'error' && !issue.explainable ? 'filing.error' : 'filing.warning';
}

/** Whether two messages say the same thing. */
export function sameFilingMessage(a: FilingMessage, b: FilingMessage): boolean {
  return a.code === b.code && JSON.stringify(a.params) === JSON.stringify(b.params);
}

/** Whether a parameter holds a metric key (shown as the metric's label). */
export const isMetricParam = (name: string) => name === 'metric' || name.endsWith('Metric');

/** 'Detainers received' → 'detainers received', but 'ICE requests' and '287(g) staff' stay. */
function midSentence(label: string): string {
  return /^\p{Lu}\p{Ll}/u.test(label) ? label[0].toLocaleLowerCase() + label.slice(1) : label;
}

/**
 * The message in the translator's language. Metric labels read mid-sentence ("… more than
 * detainers received (3)"), and with a capital when the message starts with one.
 */
export function describeFilingMessage(t: Translate, message: FilingMessage): string {
  const key = `filingCheck.${message.code}` as MessageKey;
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(message.params as Record<string, string | number>)) {
    if (isMetricParam(name)) params[name] = midSentence(t(`metric.${value}.label` as MessageKey));
    else if (name === 'group') params[name] = t(`filingCheck.group.${value}` as MessageKey);
    else params[name] = value;
  }
  const text = t(key, params);
  const first = /^\{(\w+)\}/.exec(t(key))?.[1];
  return first !== undefined && isMetricParam(first) ? text.charAt(0).toLocaleUpperCase() + text.slice(1) : text;
}
