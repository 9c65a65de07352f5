/**
 * The benchmark's made-up reports pass the portal's own checks, catalogue v2 included: every
 * breakdown adds up to its own total (a submission the API refuses would measure nothing).
 */
import { describe, expect, it } from 'vitest';
import { checkDraft } from '~/reporting/filing-checks';
import { metricsForModels, type Model } from '~/reporting/metrics';
import { monthlyFigures } from '../../bench/lib/figures';

const MODEL_SETS: Model[][] = [['JEM'], ['WSO'], ['TFM'], ['JEM', 'WSO', 'TFM']];

describe('bench figures', () => {
  it.each(MODEL_SETS.map((models) => [models.join('+'), models] as const))('pass every check for %s, in catalogue v1 and v2', (_name, models) => {
    for (const version of [1, 2] as const) {
      const metrics = metricsForModels(models, version);
      let seed = 7;
      const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      for (let month = 0; month < 24; month++) {
        const values = monthlyFigures(metrics, 0.5 + month / 10, random);
        const check = checkDraft({ metrics, values, explanations: {}, nothingToReport: false, history: {} });
        expect(check.issues.filter((issue) => issue.severity === 'error').map((issue) => issue.message.code)).toEqual([]);
        expect(Object.keys(values).sort()).toEqual(metrics.map((metric) => metric.key).sort());
      }
    }
  });
});
