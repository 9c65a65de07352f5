/**
 * The filing form as posted, read on the server (zod stays out of the page).
 */
import { z } from 'zod';
import type { FormParse } from '~/utils/forms.server';
import { hasControlCharacters, withoutControlCharacters } from '~/utils/nul-bytes';
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

/**
 * What filingAction gets: the form as parsed; or, when the only trouble was control characters
 * (NUL and the like, pasted from another program), the form without them and the fields that had
 * some, as the page names them (a metric's key, `certifiedName`...; none for an explanation or a
 * field's name), for the page to mark them and show the rest as typed. Anything else: null, a
 * form no page sends.
 */
export function postedFiling(parsed: FormParse<z.output<typeof FilingForm>>): (z.output<typeof FilingForm> & { controlCharacters?: (string | null)[] }) | null {
  if (parsed.ok) return parsed.data;
  const fields = Object.keys(parsed.errors);
  if (fields.some((field) => parsed.errors[field] !== 'form.controlCharacters')) return null;
  const cleaned = Object.entries(parsed.values)
    .filter(([name]) => !hasControlCharacters(name))
    .map(([name, value]) => [name, withoutControlCharacters(value)]);
  const form = FilingForm.safeParse(Object.fromEntries(cleaned));
  if (!form.success) return null;
  const pageField = (field: string) =>
    field.startsWith(VALUE_PREFIX) ? field.slice(VALUE_PREFIX.length) : field === '_form' || field.startsWith(EXPLANATION_PREFIX) ? null : field;
  return { ...form.data, controlCharacters: [...new Set(fields.map(pageField))] };
}
