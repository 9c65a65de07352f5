/**
 * Documents attached to filings, kept in the database so every app instance serves them.
 * While a filing is a draft its attachments may be removed; a submission seals them into
 * its revision (a trigger then refuses any change) and records each in the audit chain.
 * Attachments may be added to a filing already submitted: they go with the next amendment.
 */
import { createHash } from 'node:crypto';
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node';
import { z } from 'zod';
import { forbidden } from '~/auth/access.server';
import { canDraftFor, canSeeFilingsOf, type Actor } from '~/auth/permissions';
import type { Db } from '~/db/prisma.server';
import type { Sql } from '~/db/sql.server';
import { Prisma } from '~/generated/prisma/client';
import type { MessageKey } from '~/i18n/i18n';
import { problemFromQuery } from './attachment-query.server';
import { checkAttachment, cleanFileName, kindOfMediaType, parseMaxBytes, type AttachmentProblem } from './attachment-types';
import type { NewAuditEntry } from './audit-log.server';
import { newYorkDate } from './calendar';
import { inTransaction } from '~/db/transaction.server';
import { idField, parseWith, wholeFormError } from '~/utils/forms.server';
import { parseId } from '~/utils/route-params';

/**
 * Seals the draft's attachments into a revision being submitted: sets their revision number
 * and returns them, for the submission to append an 'attachment' audit entry for each
 * (attachmentAuditEntry). Call inside the submission's transaction.
 */
export async function sealDraftAttachments(sql: Sql, input: { filingId: number; revisionNumber: number }) {
  const sealed = await sql.query<{ id: number; fileName: string; mediaType: string; size: number; sha256: string }>(Prisma.sql`
    update attachment set revision_number = ${input.revisionNumber}
    where filing_id = ${input.filingId} and revision_number is null
    returning id, file_name as "fileName", media_type as "mediaType", size, sha256`);
  return sealed.sort((a, b) => a.id - b.id);
}

/** The audit entry of an attachment sealed into a revision: written with the revision's own entries. */
export function attachmentAuditEntry(
  attachment: Awaited<ReturnType<typeof sealDraftAttachments>>[number],
  input: { filingId: number; revisionNumber: number; actor: string },
): NewAuditEntry {
  return {
    kind: 'attachment',
    actor: input.actor,
    subject: `filing:${input.filingId}`,
    data: {
      revision: input.revisionNumber,
      attachmentId: attachment.id,
      fileName: attachment.fileName,
      mediaType: attachment.mediaType,
      size: attachment.size,
      sha256: attachment.sha256,
    },
  };
}

/** The largest file that may be attached: ATTACHMENT_MAX_BYTES, else 10 MB. */
export function maxAttachmentBytes(): number {
  return parseMaxBytes(process.env.ATTACHMENT_MAX_BYTES);
}

/* ---------------------------------------------------------------------- */
/* Access                                                                  */
/* ---------------------------------------------------------------------- */

/**
 * The filing of the URL if the person may add and remove its attachments ('draft': its
 * agency's filers and heads) or download them ('read': also the reviewers of the agency's
 * place, and operators). 403 otherwise, whether or not the filing exists.
 */
export async function attachmentFilingAs(db: Db, actor: Actor, filingId: string | undefined, need: 'draft' | 'read') {
  const id = parseId(filingId);
  const filing = id === null ? null : await db.filing.findUnique({ where: { id }, select: { id: true, agency: { select: { id: true, jurisdictionId: true } } } });
  if (!filing) forbidden();
  const allowed = need === 'draft' ? canDraftFor(actor, filing.agency.id) : canSeeFilingsOf(actor, filing.agency);
  if (!allowed) forbidden();
  return { id: filing.id, agencyId: filing.agency.id };
}

/* ---------------------------------------------------------------------- */
/* Services (permission checks are the caller's)                           */
/* ---------------------------------------------------------------------- */

/** Locks the filing against a concurrent submission, so an attachment is either sealed by it or plainly after it. */
async function lockFiling(tx: Db, filingId: number) {
  const rows = await tx.$queryRaw<{ id: number }[]>`select id from filing where id = ${filingId} for share`;
  if (rows.length === 0) throw new Error(`No filing ${filingId}.`);
}

export type AddAttachmentResult = { ok: true; id: number; fileName: string } | { ok: false; problem: AttachmentProblem };

/**
 * Stores a file on the filing's draft if its content is one the portal takes, under a name
 * that agrees with it, within the size limit; says why not otherwise (nothing is stored).
 */
export async function addAttachment(
  db: Db,
  input: { filingId: number; fileName: string; bytes: Uint8Array<ArrayBuffer>; uploadedById: number | null; maxBytes?: number; now?: Date },
): Promise<AddAttachmentResult> {
  const check = checkAttachment({ fileName: input.fileName, bytes: input.bytes, maxBytes: input.maxBytes ?? maxAttachmentBytes() });
  if (!check.ok) return check;
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const attachment = await inTransaction(db, async (tx) => {
    await lockFiling(tx, input.filingId);
    return tx.attachment.create({
      data: {
        filingId: input.filingId,
        fileName: check.fileName,
        mediaType: check.mediaType,
        size: input.bytes.length,
        sha256,
        bytes: input.bytes,
        uploadedById: input.uploadedById,
        createdAt: input.now ?? new Date(),
      },
      select: { id: true, fileName: true },
    });
  });
  return { ok: true, ...attachment };
}

/**
 * Removes an attachment of the filing's draft. Refused once it was submitted with a revision;
 * null if the filing has no such attachment (an id of another filing's included).
 */
export async function removeAttachment(db: Db, input: { filingId: number; attachmentId: number }): Promise<{ ok: true; fileName: string } | { ok: false; problem: AttachmentProblem } | null> {
  return inTransaction(db, async (tx) => {
    await lockFiling(tx, input.filingId);
    const attachment = await tx.attachment.findFirst({
      where: { id: input.attachmentId, filingId: input.filingId },
      select: { fileName: true, revisionNumber: true },
    });
    if (!attachment) return null;
    if (attachment.revisionNumber !== null) {
      return { ok: false, problem: { code: 'sealed', file: attachment.fileName, revision: attachment.revisionNumber } };
    }
    await tx.attachment.deleteMany({ where: { id: input.attachmentId, filingId: input.filingId, revisionNumber: null } });
    return { ok: true, fileName: attachment.fileName };
  });
}

/** The filing's attachments, oldest first, without their bytes. */
export async function listAttachments(db: Db, filingId: number) {
  const rows = await db.attachment.findMany({
    where: { filingId },
    orderBy: { id: 'asc' },
    select: { id: true, fileName: true, mediaType: true, size: true, sha256: true, createdAt: true, revisionNumber: true, uploadedById: true },
  });
  const uploaderIds = [...new Set(rows.map((row) => row.uploadedById).filter((id): id is number => id !== null))];
  const uploaders = new Map(
    (await db.user.findMany({ where: { id: { in: uploaderIds } }, select: { id: true, name: true } })).map((user) => [user.id, user.name]),
  );
  return rows.map(({ uploadedById, createdAt, ...row }) => ({
    ...row,
    kind: kindOfMediaType(row.mediaType),
    uploadedOn: newYorkDate(createdAt),
    uploadedBy: uploadedById === null ? null : (uploaders.get(uploadedById) ?? null),
  }));
}

/** One attachment of the filing with its bytes, for download; null if the filing has none with this id. */
export async function readAttachment(db: Db, filingId: number, attachmentId: number) {
  return db.attachment.findFirst({
    where: { id: attachmentId, filingId },
    select: { fileName: true, mediaType: true, size: true, sha256: true, bytes: true },
  });
}

/**
 * The filing page's attachments section: the list, the limit, and what the last upload or
 * removal (redirected back with the query string) has to say.
 */
export async function attachmentsSection(db: Db, filingId: number, query: URLSearchParams = new URLSearchParams()) {
  const items = await listAttachments(db, filingId);
  const maxBytes = maxAttachmentBytes();
  const attached = Number(query.get('attached'));
  return {
    items,
    maxBytes,
    problem: problemFromQuery(query, maxBytes),
    // Announced only for an attachment the filing has, whatever the URL says.
    attachedNotice: items.find((item) => item.id === attached)?.fileName ?? null,
    removedNotice: query.get('removed') === '1',
  };
}

/* ---------------------------------------------------------------------- */
/* Reading the upload form                                                 */
/* ---------------------------------------------------------------------- */

export type AttachmentPost =
  | { intent: 'upload'; fileName: string; bytes: Uint8Array<ArrayBuffer>; fields: Record<string, string> }
  | { intent: 'remove'; attachmentId: number }
  | { intent: 'refused'; problem: AttachmentProblem; fields: Record<string, string> }
  /** A post no page sends (or a malformed body): what to say about it. */
  | { intent: 'invalid'; message: MessageKey };

const PostedForm = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('upload'), file: z.instanceof(File).optional() }),
  z.object({ intent: z.literal('remove'), attachmentId: idField() }),
]);

/** A part of the form no page of the portal sends. */
class UnexpectedPart extends Error {}

/**
 * The other fields an upload may carry: the filing form's own, when its Attach button posts the
 * whole form so the figures typed beside the file are saved with it (routes/filings.$id).
 * At most `maxFields` text parts of at most `maxFieldBytes` each.
 */
export interface UploadFormFields {
  maxFields: number;
  maxFieldBytes: number;
}

/**
 * At most one file (named "file", cut off while streaming once it passes the limit) and the
 * two small fields, plus the form fields `formFields` allows; anything else ends the parse, so
 * a crafted form cannot make the server buffer parts it would ignore. Text fields are kept in
 * `seen.fields` as they arrive, so those before an oversize file are not lost with it.
 */
function uploadHandler(maxBytes: number, seen: { fileName: string | null; fields: Record<string, string> }, formFields?: UploadFormFields): UploadHandler {
  const file = unstable_createMemoryUploadHandler({ maxPartSize: maxBytes });
  const field = unstable_createMemoryUploadHandler({ maxPartSize: 100 });
  const formField = unstable_createMemoryUploadHandler({ maxPartSize: formFields?.maxFieldBytes ?? 100 });
  let parts = 0;
  return async (part) => {
    parts += 1;
    if (parts > 3 + (formFields?.maxFields ?? 0)) throw new UnexpectedPart();
    if (part.name === 'file' && typeof part.filename === 'string' && seen.fileName === null) {
      seen.fileName = part.filename;
      return file(part);
    }
    if (part.filename === undefined && (part.name === 'intent' || part.name === 'attachmentId')) return field(part);
    // No file chosen: browsers send an empty part (some clients without a filename).
    if (part.filename === undefined && part.name === 'file') return void (await field(part));
    if (formFields && part.filename === undefined && !Object.hasOwn(seen.fields, part.name)) {
      const value = await formField(part);
      if (typeof value === 'string') seen.fields[part.name] = value;
      return value;
    }
    throw new UnexpectedPart();
  };
}

/** How much of an oversize upload is still read (and dropped) so the browser gets the answer rather than a reset connection. */
export const UPLOAD_DRAIN_LIMIT = 64 * 1024 * 1024;

/**
 * Reads what the attachments form posted: multipart for an upload, either encoding for a
 * removal. An oversize file comes back as a problem naming it; a form no page sends as invalid.
 * With `formFields`, an upload may carry other text fields, returned as `fields` (those sent
 * before an oversize file included); without, `fields` is always empty.
 */
export async function readAttachmentPost(request: Request, maxBytes: number, formFields?: UploadFormFields): Promise<AttachmentPost> {
  let form: FormData;
  const isMultipart = /^multipart\/form-data\s*;/i.test(request.headers.get('content-type') ?? '');
  if (isMultipart && request.body) {
    // Our own multipart reader rather than parseForm: it cuts the file off, while streaming, at the limit.
    // The parser reads through our own reader, so what it leaves unread can be drained after it
    // stops. One read at a time: Remix's Node stream adapter stalls with two pending reads.
    const reader = request.body.getReader();
    let reading: Promise<unknown> = Promise.resolve();
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          const read = reader.read();
          reading = read;
          const chunk = await read;
          if (chunk.done) controller.close();
          else controller.enqueue(chunk.value);
        },
      },
      { highWaterMark: 0 },
    );
    const seen = { fileName: null as string | null, fields: {} as Record<string, string> };
    try {
      form = await unstable_parseMultipartFormData(
        new Request(request.url, { method: 'POST', headers: request.headers, body, duplex: 'half' } as RequestInit),
        uploadHandler(maxBytes, seen, formFields),
      );
    } catch (error) {
      // Anything else the parser throws comes from what the client sent (or its going away).
      if (!(error instanceof MaxPartSizeExceededError && error.field === 'file' && seen.fileName !== null)) return { intent: 'invalid', message: 'form.unreadable' };
      try {
        await reading;
        let drained = 0;
        for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
          drained += chunk.value.byteLength;
          if (drained > UPLOAD_DRAIN_LIMIT) {
            await reader.cancel();
            break;
          }
        }
      } catch {
        // The client went away: nobody is left to read the answer anyway.
      }
      return { intent: 'refused', problem: { code: 'too_large', file: cleanFileName(seen.fileName ?? ''), limit: maxBytes }, fields: seen.fields };
    }
  } else {
    try {
      form = await request.formData();
    } catch {
      return { intent: 'invalid', message: 'form.unreadable' };
    }
  }
  // The form's other text fields are the caller's to read (only with formFields: the handler
  // refuses them otherwise), so their control characters are the caller's to report.
  const own = new FormData();
  const fields: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (name === 'intent' || name === 'file' || name === 'attachmentId' || !formFields) own.append(name, value);
    else if (typeof value === 'string') fields[name] = value;
  }
  const parsed = parseWith(PostedForm, own);
  if (!parsed.ok) return { intent: 'invalid', message: wholeFormError(parsed.errors) };
  if (parsed.data.intent === 'remove') return parsed.data;
  const file = parsed.data.file;
  if (!file) return { intent: 'refused', problem: { code: 'no_file' }, fields };
  return { intent: 'upload', fileName: file.name, bytes: new Uint8Array(await file.arrayBuffer()), fields };
}
