/**
 * Reading the rules a model-policy resolution states back out of its text (plain, PDF or DOCX
 * extracted), so tests compare what the text says with what the portal stores. The phrasings
 * are those of app/policies/resolution.ts; a change there that breaks them fails the tests.
 */
import { METRICS } from '~/reporting/metrics';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const LABEL_TO_KEY = new Map(METRICS.map((metric) => [metric.label, metric.key]));

export interface StatedRules {
  frequency: string | undefined;
  dueDaysAfterEnd: number | undefined;
  acceptsLate: boolean | undefined;
  effectiveFrom: string | undefined;
  /** Schedule A's labels as catalogue keys ("unknown label: …" for one the catalogue lacks). */
  metricKeys: string[];
  statedCount: number;
}

export function statedRules(text: string): StatedRules {
  const flat = text.replace(/\s+/g, ' ');
  const frequency = /Reports shall be filed (monthly|quarterly|annually)\./.exec(flat)?.[1];
  const due = /Each report is due no later than (?:(\d+) days? after the end|the last day) of the reporting period it covers\./.exec(flat);
  const accepted = flat.includes('A report filed after its due date shall be accepted');
  const refused = flat.includes('A report not filed by its due date shall not be accepted afterwards');
  const from = /These reporting requirements apply from ([A-Z][a-z]+) (\d{1,2}), (\d{4})\./.exec(flat);
  const schedule = flat.slice(flat.lastIndexOf('Schedule A. Measures each report shall state'));
  const labels: string[] = [];
  let at = schedule.indexOf(' 1. ');
  for (let n = 1; at >= 0; n++) {
    const start = at + ` ${n}. `.length;
    const next = schedule.indexOf(` ${n + 1}. `, start);
    labels.push(schedule.slice(start, next < 0 ? undefined : next).trim());
    at = next;
  }
  const count = /every measure listed in Schedule A \((\d+) measures?\)/.exec(flat)?.[1];
  return {
    frequency: frequency && { monthly: 'MONTHLY', quarterly: 'QUARTERLY', annually: 'ANNUAL' }[frequency],
    dueDaysAfterEnd: due ? Number(due[1] ?? 0) : undefined,
    acceptsLate: accepted !== refused ? accepted : undefined,
    effectiveFrom: from ? `${from[3]}-${String(MONTHS.indexOf(from[1]) + 1).padStart(2, '0')}-${from[2].padStart(2, '0')}` : undefined,
    metricKeys: labels.map((label) => LABEL_TO_KEY.get(label) ?? `unknown label: ${label}`),
    statedCount: Number(count),
  };
}
