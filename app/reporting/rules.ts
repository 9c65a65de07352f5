/**
 * Cross-field checks on a filing, run before it is accepted (like DHIS2's validation rules):
 * totals and their parts, outcomes and what they are outcomes of, costs and what offsets them,
 * and values far from the agency's own history. Plain TypeScript: no Remix, no Prisma.
 *
 * Every issue names a rule id unique within the filing ("outlier:detainers_received",
 * "breakdown_sum:transferred_by_age"), so an explanation given for one issue lifts that issue
 * only. Explainable issues pass once the filer explains them (at least 10 characters); errors
 * that are not explainable always block.
 */
import { filingMessage, type FilingMessage } from './filing-messages';
import { BREAKDOWN_GROUPS, displayValue, toHundredths, type MetricDefinition } from './metrics';

export type Severity = 'error' | 'warning';

export interface RuleIssue {
  /** Rule id, unique within one filing's issues: the key of its explanation. */
  rule: string;
  severity: Severity;
  /** Metric keys the issue is about, for highlighting the fields. */
  fields: string[];
  /** What to tell the filer: a code with parameters (filing-messages.ts), put in words by the page. */
  message: FilingMessage;
  explainable: boolean;
}

export interface RuleInput {
  /** Normalised strings from parseMetricValue. */
  values: Record<string, string>;
  /** The agency's own previous periods' values per key, oldest first (see historyOf). */
  history: Record<string, string[]>;
  /** Rule id → explanation the filer gave (read by blockingIssues). */
  explanations: Record<string, string>;
}

/** Shortest explanation that counts, in characters, after trimming. */
export const MIN_EXPLANATION_LENGTH = 10;

/** At least this many earlier values before a value can look unusual. */
export const OUTLIER_MIN_HISTORY = 3;

/**
 * A value is compared with the agency's last this many filed periods: its recent practice, and
 * a check whose cost does not grow with the years of reports behind it.
 */
export const OUTLIER_HISTORY_PERIODS = 12;

/**
 * The history the rules read: per metric, the values of the last OUTLIER_HISTORY_PERIODS of the
 * given periods (oldest first; `null` values: a period filed with nothing to report, which
 * counts as a period but gives no figures).
 */
export function historyOf(periods: { values: Record<string, unknown> | null }[]): Record<string, string[]> {
  // Read straight from stored JSON (twelve periods of every metric per submission): numbers and
  // booleans a client may have stored count as their text, anything else not at all, as
  // stringRecord reads them.
  const history = new Map<string, string[]>();
  for (const { values } of periods.slice(-OUTLIER_HISTORY_PERIODS)) {
    if (typeof values !== 'object' || values === null || Array.isArray(values)) continue;
    for (const key in values) {
      if (!Object.hasOwn(values, key)) continue;
      const value = values[key];
      const text = typeof value === 'string' ? value : typeof value === 'number' || typeof value === 'boolean' ? String(value) : null;
      if (text === null) continue;
      const list = history.get(key);
      if (list) list.push(text);
      else history.set(key, [text]);
    }
  }
  return Object.fromEntries(history);
}
/** Far above: more than this times the median; far below: less than the median divided by it. */
export const OUTLIER_FACTOR = 3n;
/** With a median of 0, a value above this (in the metric's unit) is far above. */
export const OUTLIER_ABOVE_ZERO = 10n;

/** Metrics of the filing with a value, read as hundredths. */
class Filing {
  private readonly byKey: Map<string, MetricDefinition>;

  constructor(
    metrics: MetricDefinition[],
    private readonly values: Record<string, string>,
  ) {
    this.byKey = new Map(metrics.map((metric) => [metric.key, metric]));
  }

  /** The definition when the metric is part of the filing. */
  metric(key: string): MetricDefinition | undefined {
    return this.byKey.get(key);
  }

  /** Hundredths of a metric that is part of the filing and has a value; otherwise undefined. */
  amount(key: string): bigint | undefined {
    if (!this.byKey.has(key)) return undefined;
    const value = Object.hasOwn(this.values, key) ? this.values[key] : undefined;
    return value === undefined || value === '' ? undefined : toHundredths(value);
  }

  /** An amount as a message shows it, in the metric's unit: "14", "$1,234.50". */
  show(key: string, amount: bigint): string {
    return displayValue(this.byKey.get(key)!.unit, amount);
  }
}

/** `part` of the filing cannot be more than `whole`. Silent when either is not there. */
function notMoreThan(
  filing: Filing,
  rule: string,
  part: string,
  whole: string,
  options: { explainable: boolean; code: 'rule_cannot_exceed' | 'rule_transfers_exceed_encountered' | 'rule_sustained_exceed_filed' },
): RuleIssue[] {
  const partAmount = filing.amount(part);
  const wholeAmount = filing.amount(whole);
  if (partAmount === undefined || wholeAmount === undefined || partAmount <= wholeAmount) return [];
  // An explainable issue can be right, so its message does not say "cannot", and says what to explain.
  const params = { partMetric: part, partAmount: filing.show(part, partAmount), wholeMetric: whole, wholeAmount: filing.show(whole, wholeAmount) };
  return [{ rule, severity: 'error', fields: [part, whole], message: filingMessage(options.code, params), explainable: options.explainable }];
}

function detainerOutcomes(filing: Filing): RuleIssue[] {
  // Honored and declined count detainers received in the same period (see their definitions),
  // so neither they nor their sum can exceed what was received.
  const honoredTooMany = notMoreThan(filing, 'detainers_honored_within_received', 'detainers_honored', 'detainers_received', {
    explainable: false,
    code: 'rule_cannot_exceed',
  });
  if (honoredTooMany.length > 0) return honoredTooMany; // the sum would say the same again

  const received = filing.amount('detainers_received');
  const honored = filing.amount('detainers_honored');
  const declined = filing.amount('detainers_declined');
  if (received === undefined || honored === undefined || declined === undefined) return [];
  if (honored + declined <= received) return [];
  return [
    {
      rule: 'detainer_outcomes_within_received',
      severity: 'error',
      fields: ['detainers_honored', 'detainers_declined', 'detainers_received'],
      message: filingMessage('rule_outcomes_exceed_received', {
        honoredMetric: 'detainers_honored',
        honoredAmount: filing.show('detainers_honored', honored),
        declinedMetric: 'detainers_declined',
        declinedAmount: filing.show('detainers_declined', declined),
        sum: filing.show('detainers_received', honored + declined),
        receivedMetric: 'detainers_received',
        receivedAmount: filing.show('detainers_received', received),
      }),
      explainable: false,
    },
  ];
}

function breakdownSums(filing: Filing, metrics: MetricDefinition[]): RuleIssue[] {
  const issues: RuleIssue[] = [];
  for (const group of BREAKDOWN_GROUPS) {
    const cells = metrics.filter((metric) => metric.group === group.id && !metric.derived);
    if (cells.length === 0 || !filing.metric(group.total)) continue;
    const filled = cells.map((cell) => filing.amount(cell.key)).filter((amount) => amount !== undefined);
    // A group nobody filled in is simply not reported. Once any cell is filled, the group is a
    // claim about all the people transferred, so a cell left empty counts as 0.
    if (filled.length === 0) continue;
    const sum = filled.reduce((total, amount) => total + amount, 0n);
    const total = filing.amount(group.total);
    const fields = [...cells.map((cell) => cell.key), group.total];
    const rule = `breakdown_sum:${group.id}`;
    if (total === undefined) {
      issues.push({
        rule,
        severity: 'error',
        fields,
        message: filingMessage('rule_breakdown_without_total', { group: group.id, totalMetric: group.total }),
        explainable: false,
      });
    } else if (sum !== total) {
      issues.push({
        rule,
        severity: 'error',
        fields,
        message: filingMessage('rule_breakdown_sum', { group: group.id, sum: filing.show(group.total, sum), totalMetric: group.total, totalAmount: filing.show(group.total, total) }),
        explainable: false,
      });
    }
  }
  return issues;
}

function offsetsWithinGross(filing: Filing): RuleIssue[] {
  const gross = filing.amount('gross_cost');
  const offsets = (['federal_reimbursement', 'igsa_revenue'] as const).filter((key) => filing.amount(key) !== undefined);
  if (gross === undefined || offsets.length === 0) return [];
  const offset = offsets.reduce((total, key) => total + filing.amount(key)!, 0n);
  if (offset <= gross) return [];
  return [
    {
      rule: 'offsets_within_gross_cost',
      severity: 'error',
      fields: [...offsets, 'gross_cost'],
      message: filingMessage('rule_offsets_exceed_gross'),
      explainable: true,
    },
  ];
}

/** Twice the median, so that the median of an even count stays a whole number of hundredths. */
function doubledMedian(sorted: bigint[]): bigint {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] * 2n : sorted[middle - 1] + sorted[middle];
}

function outliers(filing: Filing, metrics: MetricDefinition[], history: Record<string, string[]>): RuleIssue[] {
  const issues: RuleIssue[] = [];
  for (const metric of metrics) {
    const value = filing.amount(metric.key);
    const earlier = Object.hasOwn(history, metric.key) ? history[metric.key] : [];
    if (value === undefined || metric.derived) continue;
    const past = earlier.filter((entry) => entry !== '').map(toHundredths);
    if (past.length < OUTLIER_MIN_HISTORY) continue;

    const median2 = doubledMedian([...past].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    let direction: 'above' | 'below' | undefined;
    if (median2 === 0n) {
      // Nothing to multiply or divide: only a clearly non-zero value stands out.
      if (value > OUTLIER_ABOVE_ZERO * 100n) direction = 'above';
    } else if (value * 2n > OUTLIER_FACTOR * median2) {
      direction = 'above'; // value > 3 × median
    } else if (value * 2n * OUTLIER_FACTOR < median2) {
      direction = 'below'; // value < median / 3
    }
    if (!direction) continue;

    // The median of an even count can end in half a hundredth; a message rounds it down.
    const median = median2 / 2n;
    issues.push({
      rule: `outlier:${metric.key}`,
      severity: 'warning',
      fields: [metric.key],
      message: filingMessage(direction === 'above' ? 'rule_outlier_above' : 'rule_outlier_below', {
        metric: metric.key,
        amount: filing.show(metric.key, value),
        median: filing.show(metric.key, median),
        periods: past.length,
      }),
      explainable: true,
    });
  }
  return issues;
}

/**
 * All issues with a filing's values. Only metrics in `metrics` (the filing's own, for its
 * agreement models) are checked, and a rule about a value that is not there stays silent:
 * missing values are the schema's business.
 */
export function checkRules(input: RuleInput, metrics: MetricDefinition[]): RuleIssue[] {
  const filing = new Filing(metrics, input.values);
  return [
    ...detainerOutcomes(filing),
    // People handed to ICE this period may have been encountered in an earlier one (screened at
    // booking, transferred at the end of a sentence), so the filer can explain.
    ...notMoreThan(filing, 'transfers_within_encountered', 'transfers_to_ice', 'people_encountered', {
      explainable: true,
      code: 'rule_transfers_exceed_encountered',
    }),
    // A complaint can be sustained in a later period than the one it was filed in.
    ...notMoreThan(filing, 'complaints_sustained_within_filed', 'complaints_sustained', 'complaints_filed', {
      explainable: true,
      code: 'rule_sustained_exceed_filed',
    }),
    ...breakdownSums(filing, metrics),
    ...offsetsWithinGross(filing),
    ...outliers(filing, metrics, input.history),
  ];
}

/** Whether the filer explained this issue well enough for it to pass. */
export function isExplained(issue: RuleIssue, explanations: Record<string, string>): boolean {
  const text = Object.hasOwn(explanations, issue.rule) ? explanations[issue.rule] : undefined;
  return issue.explainable && [...(text ?? '').trim()].length >= MIN_EXPLANATION_LENGTH;
}

/**
 * The issues that stop a filing from being submitted: errors that cannot be explained, and
 * explainable issues (errors or warnings) without an explanation of at least 10 characters.
 * Warnings that are not explainable never block.
 */
export function blockingIssues(issues: RuleIssue[], explanations: Record<string, string>): RuleIssue[] {
  return issues.filter((issue) => (issue.explainable ? !isExplained(issue, explanations) : issue.severity === 'error'));
}
