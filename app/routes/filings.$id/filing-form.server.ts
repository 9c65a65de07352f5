/**
 * The filing form as posted, read on the server (zod stays out of the page).
 */
import { z } from 'zod';
import { EXPLANATION_PREFIX, VALUE_PREFIX } from './form-names';

const prefixed = (form: Record<string, string>, prefix: string) =>
  Object.fromEntries(Object.entries(form).filter(([name]) => name.startsWith(prefix)).map(([name, value]) => [name.slice(prefix.length), value]));

/**
 * The form as posted: every field sent once, as text (the page sends nothing else). The figures'
 * names are the metrics' keys, so the server module keeps only the filing's own metrics.
 */
export const FilingForm = z.record(z.string(), z.string()).transform((form) => ({
  intent: form.intent ?? '',
  posted: {
    values: prefixed(form, VALUE_PREFIX),
    explanations: prefixed(form, EXPLANATION_PREFIX),
    nothingToReport: form.nothingToReport === 'on',
    certifiedName: form.certifiedName ?? '',
    certifiedTitle: form.certifiedTitle ?? '',
    amendmentReason: form.amendmentReason ?? '',
  },
}));
