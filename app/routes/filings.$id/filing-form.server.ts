/**
 * The filing form as posted, read on the server (zod stays out of the page), and what each of
 * its buttons does.
 */
import { z } from 'zod';
import type { Actor } from '~/auth/permissions';
import type { Db } from '~/db/prisma.server';
import type { AttachmentProblem } from '~/reporting/attachment-types';
import { addAttachment, attachmentFilingAs, maxAttachmentBytes, readAttachmentPost, removeAttachment } from '~/reporting/attachments.server';
import { filingAction, type FilingActionResult } from '~/reporting/filing-pages.server';
import { badRequest, formBody, parseWith, wholeFormError, type FormParse } from '~/utils/forms.server';
import { parseId } from '~/utils/route-params';
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

/* ---------------------------------------------------------------------- */
/* The form's actions                                                      */
/* ---------------------------------------------------------------------- */

/** What an attach or a removal from the form did to the attachments (shown in their section). */
export type AttachmentOutcome = { attached: string } | { removed: string } | { problem: AttachmentProblem };

export type FilingFormResult = Exclude<FilingActionResult, { outcome: 'submitted' } | { outcome: 'invalid' }> & {
  /** Whether the figures posted are now the saved draft (false: refused before anything was written). */
  draftSaved: boolean;
  attachment?: AttachmentOutcome;
};

/**
 * The form's text fields in an Attach post: the figures, explanations and certification (a few
 * dozen), each at most the 10,000 characters filingAction takes, in UTF-8.
 */
const UPLOAD_FORM_FIELDS = { maxFields: 500, maxFieldBytes: 40_000 };

/** A Remove button's intent, "remove:<attachment id>": the id, or null for any other intent. */
export function removalOf(intent: string): number | null {
  const match = /^remove:(.*)$/s.exec(intent);
  return match ? parseId(match[1]) : null;
}

/** Saves the posted form as the draft (the figures' part of every intent of the page). */
async function saveDraftFrom(db: Db, actor: Actor, filingId: number, form: ReturnType<typeof postedFiling>): Promise<FilingFormResult> {
  if (!form) throw badRequest('form.unreadable');
  const result = await filingAction(db, actor, filingId, { ...form, intent: 'save' });
  if (result.outcome === 'invalid' || result.outcome === 'submitted') throw badRequest('form.unreadable');
  // filingAction refuses a save only for control characters, before writing anything.
  return { ...result, draftSaved: result.outcome === 'saved' };
}

/**
 * Everything the filing page's form posts: Save draft and Certify and submit (urlencoded), a
 * Remove button (intent "remove:<id>", urlencoded) and Attach (multipart, intent "upload", with a
 * file). Remove and Attach post the whole form and save its figures as the draft first, so
 * nothing typed is lost by the reload, with or without JavaScript. Answers as filingAction does;
 * thrown: 400 for a form no page sends, 403 for someone who may not draft for the agency.
 */
export async function filingFormAction(db: Db, actor: Actor, filingId: number, request: Request): Promise<FilingFormResult | Extract<FilingActionResult, { outcome: 'submitted' }>> {
  if (/^multipart\/form-data\s*;/i.test(request.headers.get('content-type') ?? '')) {
    // Checked before the body is read: nobody else's upload is even parsed.
    await attachmentFilingAs(db, actor, String(filingId), 'draft');
    const maxBytes = maxAttachmentBytes();
    const post = await readAttachmentPost(request, maxBytes, UPLOAD_FORM_FIELDS);
    if (post.intent === 'invalid') throw badRequest(post.message);
    if (post.intent === 'remove') throw badRequest('form.unreadable');
    const saved = await saveDraftFrom(db, actor, filingId, postedFiling(parseWith(FilingForm, post.fields)));
    if (post.intent === 'refused') return { ...saved, attachment: { problem: post.problem } };
    const added = await addAttachment(db, { filingId, fileName: post.fileName, bytes: post.bytes, uploadedById: actor.userId, maxBytes });
    return { ...saved, attachment: added.ok ? { attached: added.fileName } : { problem: added.problem } };
  }

  const parsed = parseWith(FilingForm, await formBody(request));
  const form = postedFiling(parsed);
  const removal = form ? removalOf(form.intent) : null;
  if (removal === null) {
    const result = await filingAction(db, actor, filingId, form);
    if (result.outcome === 'invalid') throw badRequest(parsed.ok ? 'form.unreadable' : wholeFormError(parsed.errors));
    if (result.outcome === 'submitted') return result;
    // A refused submission saved the draft first; only control characters stop the save itself.
    return { ...result, draftSaved: result.outcome === 'saved' || !form?.controlCharacters?.length };
  }
  // Saved first: filingAction's access check covers the removal too.
  const saved = await saveDraftFrom(db, actor, filingId, form);
  const removed = await removeAttachment(db, { filingId, attachmentId: removal });
  if (!removed) throw new Response('Not found', { status: 404 });
  return { ...saved, attachment: removed.ok ? { removed: removed.fileName } : { problem: removed.problem } };
}
