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
import { MaxPartSizeExceededError, unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node';
import { z } from 'zod';
import { isMessageKey, type MessageKey } from '~/i18n/i18n';
import type { FieldErrors } from './forms';
import { hasControlCharacters } from './nul-bytes';
import { MAX_ID } from './route-params';

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

/**
 * A database id sent in a form, a query or a JSON body: a whole number from 1 to MAX_ID
 * (PostgreSQL's integer, beyond which the query itself would fail). One that is only too large
 * says so; anything else that is not an id gets `message`.
 */
export function idField(message: MessageKey = 'form.invalid') {
  return z.coerce.number(message).max(MAX_ID, 'form.idTooLarge').int(message).positive(message);
}

/**
 * The fields whose text contains control characters, in a value or in a key of a nested object
 * (a JSON body's `values`): refused whatever the schema says. A field's own name with one is
 * the form's problem (`_form`), since no field of the page is named so.
 */
function controlCharacterFields(input: unknown, path = ''): string[] {
  const field = path.split('.')[0] || '_form';
  if (typeof input === 'string') return hasControlCharacters(input) ? [field] : [];
  if (Array.isArray(input)) return input.flatMap((item) => controlCharacterFields(item, path));
  if (input && typeof input === 'object' && !(typeof File !== 'undefined' && input instanceof File)) {
    return Object.entries(input).flatMap(([key, value]) =>
      hasControlCharacters(key) ? [path ? field : '_form'] : controlCharacterFields(value, path ? `${path}.${key}` : key),
    );
  }
  return [];
}

/** Deeper than any form or JSON body the portal takes (a report's body is three levels deep). */
const MAX_NESTING = 20;

/**
 * Whether objects and arrays nest more than `max` levels deep, found without recursion: a JSON
 * body 10,000 arrays deep would overflow the stack of any recursive walk (a 500).
 */
function nestedDeeperThan(input: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[input, 0]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop()!;
    if (!value || typeof value !== 'object' || (typeof File !== 'undefined' && value instanceof File)) continue;
    if (depth >= max) return true;
    for (const child of Object.values(value)) pending.push([child, depth + 1]);
  }
  return false;
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
  // Before anything walks it (the control-character check below is recursive).
  if (nestedDeeperThan(raw, MAX_NESTING)) return { ok: false, errors: { _form: 'form.tooDeep' }, values: {}, lists: {} };
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

/**
 * A 400 whose page says what was wrong in the reader's language: the ErrorPage
 * (components/error-page.tsx) shows the message of a 400 that carries a message key. For a
 * request no page of the portal sends, where there is no form to show again.
 */
export function badRequest(message: MessageKey): Response {
  return Response.json({ message }, { status: 400 });
}

/**
 * What a refused form that no page of the portal sends (only buttons and hidden fields: a crafted
 * or damaged post) says as a whole, there being no typed field to mark.
 */
export function wholeFormError(errors: FieldErrors): MessageKey {
  return Object.values(errors).includes('form.controlCharacters') ? 'form.controlCharactersSent' : 'form.unreadable';
}

/** A request's form body, for a route that reads it itself; one that cannot be read (not a form, a malformed multipart body) is a thrown 400 that says so. */
export async function formBody(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw badRequest('form.unreadable');
  }
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

/**
 * What reading a multipart form (an upload) found: the form, or why there is none. 'notMultipart':
 * the body is not a multipart form at all; 'tooLarge': a part went over the upload handler's
 * limit (`field` names it); 'unreadable': the body is malformed (a part without a name, a broken
 * boundary or header, a body cut short).
 */
type MultipartRead =
  | { ok: true; form: FormData }
  | { ok: false; problem: 'notMultipart' | 'unreadable' }
  | { ok: false; problem: 'tooLarge'; field: string };

/**
 * Read a multipart form with Remix's streaming parser, which stops reading a part at the upload
 * handler's limit. Everything the parser throws comes from what the client sent (or its going
 * away mid-body), so it is a refusal the route answers with 400 or 413 and a message, never a
 * 500. The memory upload handler throws nothing else.
 */
export async function readMultipartForm(request: Request, uploadHandler: UploadHandler): Promise<MultipartRead> {
  try {
    return { ok: true, form: await unstable_parseMultipartFormData(request, uploadHandler) };
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return { ok: false, problem: 'tooLarge', field: error.field };
    // Remix's own check of the Content-Type (no multipart type, no boundary, no body).
    if (error instanceof TypeError) return { ok: false, problem: 'notMultipart' };
    return { ok: false, problem: 'unreadable' };
  }
}
