/**
 * Form helpers shared by the operator pages: one message per field, from the catalog, whatever
 * zod's own issue was (a field has one thing to say: what to enter).
 */
import type { z } from 'zod';
import type { MessageKey, Translate } from '~/i18n/i18n';

export type FieldErrors = Record<string, string>;

export function fieldErrors(error: z.ZodError, messages: Record<string, MessageKey>, t: Translate): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    const key = messages[field];
    if (key && !errors[field]) errors[field] = t(key);
  }
  return errors;
}

/** The submitted text fields, as typed, to put back into the form after a validation error. */
export function typedValues<K extends string>(form: Record<string, FormDataEntryValue>, names: readonly K[]): Record<K, string> {
  return Object.fromEntries(names.map((name) => [name, typeof form[name] === 'string' ? (form[name] as string) : ''])) as Record<K, string>;
}
