/**
 * The checks a draft and a submission share, as plain functions (no Prisma), so the draft
 * page and the submission give the same messages for the same values: the values schema of
 * filing-values.ts, then the cross-field rules of rules.ts on whatever could be read.
 */
import { createHash } from 'node:crypto';
import { translator } from '~/i18n/i18n';
import { canonicalJson } from './audit-chain';
import { addDays, startOfDayInNewYork } from './calendar';
import { filingMessage, type FilingMessage } from './filing-messages';
import { filingMessageOf, filingValuesSchema } from './filing-values';
import { METRIC_CATALOGUE_VERSION, metricByKey, metricsForModels, parseMetricValue, type CatalogueVersion, type MetricDefinition, type Model } from './metrics';
import { blockingIssues, checkRules, type RuleIssue } from './rules';
import { describePolicyMessage, type PolicyMessage } from './policy-messages';

/** One thing wrong with a filing, as the form shows it. */
export interface FilingIssue {
  /** 'value': a field could not be read; 'rule': a cross-field or history rule; 'filing': the filing as a whole. */
  source: 'value' | 'rule' | 'filing';
  /** Rule id for rule issues (the key an explanation is given under), else null. */
  rule: string | null;
  /** Fields to highlight (metric keys, or input names such as 'amendmentReason'). */
  fields: string[];
  /** A code with parameters (filing-messages.ts): the page says it in the reader's language. */
  message: FilingMessage;
  severity: 'error' | 'warning';
  explainable: boolean;
  /** Whether it stops the submission as things stand (explanations included). */
  blocking: boolean;
}

/** Whether the period whose last day is `periodEnd` (YYYY-MM-DD) is over at `now` in New York. */
export function periodHasEnded(periodEnd: string, now: Date): boolean {
  return now.getTime() >= Date.parse(startOfDayInNewYork(addDays(periodEnd, 1)));
}

/** Hex SHA-256 of the canonical JSON of submitted values: what the audit entry commits to. */
export function valuesSha256(values: Record<string, string>): string {
  return createHash('sha256').update(canonicalJson(values), 'utf8').digest('hex');
}

/**
 * Why each metric key cannot be part of a requirement version made with this catalogue version
 * for an agency whose agreements have these models; empty when all can. Breakdown cells need
 * their total, or the sum rule has nothing to check them against. A key of a later catalogue is
 * refused: a version keeps the catalogue it was made with, so a v1 requirement never takes a v2
 * metric (an amendment makes a new version, with the current catalogue).
 */
export function metricKeyMessages(keys: string[], models: Model[], agencyName: string, catalogueVersion: CatalogueVersion = METRIC_CATALOGUE_VERSION): PolicyMessage[] {
  const problems: PolicyMessage[] = [];
  if (keys.length === 0) problems.push({ key: 'policyProblem.metricsEmpty' });
  const allowed = new Set(metricsForModels(models, catalogueVersion).map((metric) => metric.key));
  const seen = new Set<string>();
  for (const key of keys) {
    const metric = metricByKey(key);
    if (seen.has(key)) problems.push({ key: 'policyProblem.metricTwice', params: { metric: key } });
    else if (!metric) problems.push({ key: 'policyProblem.metricUnknown', params: { metric: key } });
    else if (metric.derived) problems.push({ key: 'policyProblem.metricDerived', params: { metric: key } });
    else if (metric.version > catalogueVersion) {
      problems.push({ key: 'policyProblem.metricLaterCatalogue', params: { metric: key, version: String(catalogueVersion), added: String(metric.version) } });
    } else if (!allowed.has(key)) {
      problems.push(
        models.length > 0
          ? { key: 'policyProblem.metricNotApplicable', params: { metric: key, agency: agencyName, models: models.join(', ') } }
          : { key: 'policyProblem.metricNoAgreement', params: { metric: key, agency: agencyName } },
      );
    } else if (metric.breakdownOf && !keys.includes(metric.breakdownOf)) {
      problems.push({ key: 'policyProblem.breakdownWithoutTotal', params: { metric: key, total: metric.breakdownOf } });
    }
    seen.add(key);
  }
  return problems;
}

/** The same in English, for the errors a developer reads (the demo seed); pages use metricKeyMessages. */
export function metricKeyProblems(keys: string[], models: Model[], agencyName: string, catalogueVersion: CatalogueVersion = METRIC_CATALOGUE_VERSION): string[] {
  const english = translator('en');
  return metricKeyMessages(keys, models, agencyName, catalogueVersion).map((message) => describePolicyMessage(english, message));
}

/**
 * The catalogue definitions of a version's stored keys (keys were checked when it was made).
 * Definitions never change between catalogue versions, so the current catalogue reads a v1
 * version's keys as v1 defined them. Given the version's catalogue, a key that catalogue does
 * not hold is a broken row, not something to file against.
 */
export function metricsForKeys(keys: string[], catalogueVersion?: number): MetricDefinition[] {
  return keys.map((key) => {
    const metric = metricByKey(key);
    if (!metric) throw new Error(`Requirement names metric "${key}", which the catalogue does not have`);
    if (catalogueVersion !== undefined && metric.version > catalogueVersion) {
      throw new Error(`Requirement of catalogue ${catalogueVersion} names metric "${key}" of catalogue ${metric.version}`);
    }
    return metric;
  });
}

export interface DraftInput {
  metrics: MetricDefinition[];
  /** Raw, as typed. */
  values: Record<string, string>;
  explanations: Record<string, string>;
  nothingToReport: boolean;
  /** The agency's earlier periods' values per key, oldest first. */
  history: Record<string, string[]>;
}

export interface DraftCheck {
  /** Normalised values when every field could be read (what a submission stores), else null. */
  values: Record<string, string> | null;
  issues: FilingIssue[];
  /** The rule issues behind `issues`, for storing only the explanations that matter. */
  ruleIssues: RuleIssue[];
}

const isBlank = (raw: string | undefined) => raw === undefined || raw.trim() === '';

/** Every issue with a draft: fields that cannot be read (schema), then rules on the fields that could. */
export function checkDraft(input: DraftInput): DraftCheck {
  const filled = Object.keys(input.values).filter((key) => !isBlank(input.values[key]));
  if (input.nothingToReport) {
    if (filled.length === 0) return { values: {}, issues: [], ruleIssues: [] };
    const issue: FilingIssue = {
      source: 'filing',
      rule: null,
      fields: ['nothingToReport', ...filled],
      message: filingMessage('nothing_with_values'),
      severity: 'error',
      explainable: false,
      blocking: true,
    };
    return { values: null, issues: [issue], ruleIssues: [] };
  }

  const issues: FilingIssue[] = [];
  const parsed = filingValuesSchema(input.metrics).safeParse(input.values);
  if (!parsed.success) {
    for (const zodIssue of parsed.error.issues) {
      const field = zodIssue.path.length > 0 ? String(zodIssue.path[0]) : '';
      // Every issue of the schema carries its message; anything else would be a bug in it.
      const message = filingMessageOf(zodIssue);
      if (!message) throw new Error(`filingValuesSchema raised an issue without a message code: ${zodIssue.message}`);
      issues.push({ source: 'value', rule: null, fields: field ? [field] : [], message, severity: 'error', explainable: false, blocking: true });
    }
  }

  // Rules run on the fields that could be read even when others could not, so the filer sees
  // everything at once; a rule about a missing value stays silent.
  const readable: Record<string, string> = {};
  for (const metric of input.metrics) {
    const raw = Object.hasOwn(input.values, metric.key) ? input.values[metric.key] : undefined;
    if (metric.derived || typeof raw !== 'string' || isBlank(raw)) continue;
    const value = parseMetricValue(metric, raw);
    if (value.ok) readable[metric.key] = value.value;
  }
  const ruleIssues = checkRules({ values: readable, history: input.history, explanations: input.explanations }, input.metrics);
  const blocking = new Set(blockingIssues(ruleIssues, input.explanations));
  for (const issue of ruleIssues) {
    issues.push({
      source: 'rule',
      rule: issue.rule,
      fields: issue.fields,
      message: issue.message,
      severity: issue.severity,
      explainable: issue.explainable,
      blocking: blocking.has(issue),
    });
  }
  return { values: parsed.success ? parsed.data : null, issues, ruleIssues };
}

/**
 * A stored JSON object of strings (draft values, explanations, submitted values) back to a
 * record; numbers and booleans a client may have stored are read as their text.
 */
export function stringRecord(json: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return out;
  for (const [key, value] of Object.entries(json)) {
    if (typeof value === 'string') out[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') out[key] = String(value);
  }
  return out;
}
