/**
 * One schema for a filing's values, in the form and the API: the metric catalogue's parsing
 * (metrics.ts) as a zod schema whose issues carry filing message codes. Apart from metrics.ts so
 * the catalogue, which pages show, does not bring zod to the browser; the checks that use this
 * (filing-checks.ts) run on the server.
 */
import { z } from 'zod';
import { filingMessage, isFilingCheckCode, type FilingMessage } from './filing-messages';
import { metricByKey, parseMetricValue, type MetricDefinition } from './metrics';

/**
 * A zod issue of filingValuesSchema carries its message as `params` (code and parameters);
 * its `message` is the bare code, for logs. Null for an issue the schema did not raise.
 */
export function filingMessageOf(issue: { message: string; params?: unknown }): FilingMessage | null {
  const carried = issue.params as { code?: unknown; params?: unknown } | undefined;
  if (!carried || !isFilingCheckCode(carried.code) || typeof carried.params !== 'object' || carried.params === null) return null;
  return carried as FilingMessage;
}

/**
 * Validates and normalises a filing's values object: keys are metric keys, values what was
 * typed in the form or sent as JSON (strings or numbers). The output holds canonical strings.
 *
 * Every metric in `metrics` that is not a breakdown cell must be there: an empty or missing
 * value gets `value_required` ("Enter a value, or 0 if there was none": a report says "none"
 * explicitly). Each issue's message is a code with parameters (see filingMessageOf).
 * Breakdown cells are optional: an empty, null or missing cell is left out of the output, and
 * the breakdown rule (rules.ts) checks the cells that were given.
 */
export const filingValuesSchema = (metrics: MetricDefinition[]): z.ZodType<Record<string, string>> => {
  const inFiling = new Map(metrics.map((metric) => [metric.key, metric]));
  // z.unknown() rather than z.record(): the transform sees every key as sent (z.record would
  // drop a "__proto__" key silently instead of refusing it).
  return z.unknown().transform((body, ctx) => {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      const message = filingMessage('values_not_object');
      ctx.addIssue({ code: 'custom', path: [], message: message.code, params: message });
      return z.NEVER;
    }
    const input = body as Record<string, unknown>;
    const out: Record<string, string> = {};
    let failed = false;
    const fail = (key: string, message: FilingMessage) => {
      ctx.addIssue({ code: 'custom', path: [key], message: message.code, params: message });
      failed = true;
    };

    for (const key of Object.keys(input)) {
      const known = metricByKey(key) ?? inFiling.get(key);
      if (known?.derived) fail(key, filingMessage('metric_derived', { key }));
      else if (!known) fail(key, filingMessage('metric_unknown', { key }));
      else if (!inFiling.has(key)) fail(key, filingMessage('metric_not_in_filing', { key }));
    }

    for (const metric of metrics) {
      if (metric.derived) continue; // refused above if sent
      const raw: unknown = Object.hasOwn(input, metric.key) ? input[metric.key] : undefined;
      const blank = raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '');
      if (blank && metric.breakdownOf) continue;
      let text: string;
      if (blank) text = '';
      else if (typeof raw === 'string') text = raw;
      else if (typeof raw === 'number' && Number.isFinite(raw)) text = String(raw);
      else {
        fail(metric.key, filingMessage('value_not_text'));
        continue;
      }
      const parsed = parseMetricValue(metric, text);
      if (parsed.ok) out[metric.key] = parsed.value;
      else fail(metric.key, parsed.message);
    }

    return failed ? z.NEVER : out;
  });
};
