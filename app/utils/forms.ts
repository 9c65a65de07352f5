/**
 * What a refused form says, as the page renders it: per field the message key of what is wrong,
 * and those keys in the reader's language. Safe in the browser. Reading a form (zod schemas,
 * parseWith, parseForm) is the server's: forms.server.ts.
 */
import type { MessageKey, Translate } from '~/i18n/i18n';

/** Per field, the key of the message that says what is wrong. `_form` holds what concerns the whole form. */
export type FieldErrors = Record<string, MessageKey>;

/** The field errors in the reader's language. */
export function translateErrors(t: Translate, errors: FieldErrors): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, t(key)]));
}
