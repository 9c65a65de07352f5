/**
 * The one way the portal reads a form post, a query or a JSON body: a zod schema whose messages
 * are message keys (`z.string().min(1, 'signIn.emailRequired')`). parseWith returns the parsed
 * data, or the first message key of each field that failed, which the page translates with its
 * own `t` (translateErrors, forms.ts). A failure zod words itself (a schema without a key for that case)
 * becomes `form.invalid`, so no English sentence ever reaches a Spanish page.
 *
 * We wrote this rather than adopt Conform: every form here posts without JavaScript and shows
 * the server's answer, so a client-side validation layer would add a second path to keep equal
 * and nothing the reader sees. Server-only, so zod never reaches the browser: what a page needs
 * to show the errors (FieldErrors, translateErrors) is in forms.ts.
 */
import { z } from 'zod';
import { isMessageKey, type MessageKey } from '~/i18n/i18n';
import type { FieldErrors } from './forms';

/**
 * A refused form, with what was sent so the page can show it again (passwords are the route's
 * to drop): `values` the fields sent once, `lists` those sent several times (ticked checkboxes).
 * `{ ...values, ...lists }` parses again with the same schema's listOf fields. Files are left out.
 */
export interface FormFailure {
  ok: false;
  errors: FieldErrors;
  values: Record<string, string>;
  lists: Record<string, string[]>;
}

export type FormParse<T> = { ok: true; data: T } | FormFailure;

// NUL and the C0/C1 controls other than tab, line feed and carriage return: never typed, often
// hostile (they break CSV, PDFs and terminals) and PostgreSQL refuses NUL in text outright.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * A form or query as a plain object: a name sent once is a string (or a File), a name sent
 * several times (checkboxes) an array. Use `listOf` for fields that may repeat.
 */
export function formEntries(form: FormData | URLSearchParams): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const entries: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const [name, value] of form.entries()) {
    const before = entries[name];
    entries[name] = before === undefined ? value : Array.isArray(before) ? [...before, value] : [before, value];
  }
  return entries;
}

/** A field that may be sent several times (checkboxes) or not at all, always as a list. */
export function listOf<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(item));
}

/** The fields whose text contains control characters: refused whatever the schema says. */
function controlCharacterFields(input: unknown, path = ''): string[] {
  if (typeof input === 'string') return CONTROL.test(input) ? [path.split('.')[0] || '_form'] : [];
  if (Array.isArray(input)) return input.flatMap((item) => controlCharacterFields(item, path));
  if (input && typeof input === 'object' && !(typeof File !== 'undefined' && input instanceof File)) {
    return Object.entries(input).flatMap(([key, value]) => controlCharacterFields(value, path ? `${path}.${key}` : key));
  }
  return [];
}

function textValues(input: unknown): Pick<FormFailure, 'values' | 'lists'> {
  const values: Record<string, string> = {};
  const lists: Record<string, string[]> = {};
  if (!input || typeof input !== 'object' || Array.isArray(input)) return { values, lists };
  for (const [name, value] of Object.entries(input)) {
    if (typeof value === 'string') values[name] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') values[name] = String(value);
    else if (Array.isArray(value)) lists[name] = value.filter((item): item is string => typeof item === 'string');
  }
  return { values, lists };
}

/**
 * Parse a form (FormData, URLSearchParams) or a decoded JSON body with `schema`. Field errors
 * are keyed by the first segment of the issue's path; `fallback` is the key used when the
 * schema's message is not a message key.
 */
export function parseWith<S extends z.ZodType>(schema: S, input: FormData | URLSearchParams | unknown, fallback: MessageKey = 'form.invalid'): FormParse<z.output<S>> {
  const raw = input instanceof FormData || input instanceof URLSearchParams ? formEntries(input) : input;
  const sent = textValues(raw);
  // A field with control characters says so, whatever else is wrong with it; the other
  // fields are still checked, so the reader sees every problem at once.
  const errors: FieldErrors = Object.fromEntries(controlCharacterFields(raw).map((field) => [field, 'form.controlCharacters']));
  const parsed = schema.safeParse(raw);
  if (parsed.success && !Object.keys(errors).length) return { ok: true, data: parsed.data };
  for (const issue of parsed.error?.issues ?? []) {
    const field = issue.path.length ? String(issue.path[0]) : '_form';
    errors[field] ??= isMessageKey(issue.message) ? issue.message : fallback;
  }
  return { ok: false, errors, ...sent };
}

/** Read and parse a request's form body. A body that is not a form is one `_form` error. */
export async function parseForm<S extends z.ZodType>(request: Request, schema: S, fallback?: MessageKey): Promise<FormParse<z.output<S>>> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return { ok: false, errors: { _form: 'form.unreadable' }, values: {}, lists: {} };
  }
  return parseWith(schema, form, fallback);
}
