/**
 * How the report form labels a problem (issue #13): "Error:" only for what must change; a check
 * the filer may explain away reads as a warning, in English and Spanish.
 */
import { describe, expect, it } from 'vitest';
import { translator } from '~/i18n/i18n';
import { checkRules } from './rules';
import { describeFilingMessage, issueLabelKey, type FilingMessage } from './filing-messages';
import { metricsForModels } from './metrics';

const metrics = metricsForModels(['JEM']);
const label = (language: 'en' | 'es', issue: { severity: 'error' | 'warning'; explainable: boolean; message: FilingMessage }) => {
  const t = translator(language);
  return t(issueLabelKey(issue), { message: describeFilingMessage(t, issue.message) });
};

describe('issueLabelKey', () => {
  it('reads "Error:" for a rule that cannot be explained, "Warning:" for one that can, whatever its severity', () => {
    expect(issueLabelKey({ severity: 'error', explainable: false })).toBe('filing.error');
    expect(issueLabelKey({ severity: 'error', explainable: true })).toBe('filing.warning');
    expect(issueLabelKey({ severity: 'warning', explainable: true })).toBe('filing.warning');
    expect(issueLabelKey({ severity: 'warning', explainable: false })).toBe('filing.warning');
  });

  it('labels the rules as the form shows them, in English and Spanish', () => {
    const issues = checkRules(
      {
        // Honored over received: must change. Transfers over people encountered: may be right.
        values: { detainers_received: '14', detainers_honored: '20', detainers_declined: '0', transfers_to_ice: '9', people_encountered: '5' },
        history: {},
        explanations: {},
      },
      metrics,
    );
    const transfers = issues.find((issue) => issue.rule === 'transfers_within_encountered');
    const honored = issues.find((issue) => !issue.explainable);
    expect(transfers, 'the transfers rule fires').toBeDefined();
    expect(honored, 'a rule that cannot be explained fires').toBeDefined();
    // The transfers rule is an error that blocks until explained, yet not one that must change.
    expect(transfers!.severity).toBe('error');
    expect(label('en', transfers!)).toMatch(/^Warning: /);
    expect(label('es', transfers!)).toMatch(/^Advertencia: /);
    expect(label('en', honored!)).toMatch(/^Error: /);
    expect(label('es', honored!)).toMatch(/^Error: /);
  });
});
