/**
 * Refusals to report (issue 15, point 3): a reviewer of the requirement's place records that
 * the agency declined to report for some periods, when (the date of its letter or statement),
 * what it said, and optionally the letter itself. Append-only and public (a trigger refuses any
 * change or deletion); each is recorded with its audit entry in one transaction. The rules are
 * in follow-through.ts; permission checks are the callers' (recordRefusalAs checks them).
 */
import { createHash } from 'node:crypto';
import { MaxPartSizeExceededError, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, type UploadHandler } from '@remix-run/node';
import { z } from 'zod';
import type { Actor } from '~/auth/permissions';
import type { Db } from '~/db/prisma.server';
import { inTransaction } from '~/db/transaction.server';
import type { MessageKey } from '~/i18n/i18n';
import { listOf } from '~/utils/forms.server';
import { appendAuditEntry } from './audit-log.server';
import { maxAttachmentBytes } from './attachments.server';
import { cleanFileName } from './attachment-types';
import { dateOnly, newYorkDate } from './calendar';
import { expectedFilings } from './filings.server';
import { checkLetter, MAX_STATEMENT_LENGTH, refusalProblems, sizeLimit, type FollowProblem } from './follow-through';
import { requirementAs } from './requirement-pages.server';

/* ---------------------------------------------------------------------- */
/* The periods a reviewer may name                                         */
/* ---------------------------------------------------------------------- */

export interface UnfiledPeriod {
  key: string;
  start: string;
  end: string;
  dueOn: string;
  status: 'due' | 'overdue';
}

/** The requirement's ended periods with no report yet (due or overdue), oldest first. */
export async function unfiledPeriods(db: Db, requirementId: number, now: Date = new Date()): Promise<UnfiledPeriod[]> {
  const requirement = await db.requirement.findUnique({ where: { id: requirementId }, select: { agencyId: true } });
  if (!requirement) return [];
  const record = (await expectedFilings(db, requirement.agencyId, now)).find((entry) => entry.requirement.id === requirementId);
  return (record?.periods ?? []).flatMap((period) =>
    period.status === 'due' || period.status === 'overdue' ? [{ key: period.key, start: period.start, end: period.end, dueOn: period.dueOn, status: period.status }] : [],
  );
}

/* ---------------------------------------------------------------------- */
/* Recording                                                               */
/* ---------------------------------------------------------------------- */

export interface RefusalInput {
  requirementId: number;
  periodKeys: string[];
  /** The date of the agency's letter or statement, YYYY-MM-DD; not in the future (New York). */
  declinedOn: string;
  statement: string;
  letter?: { fileName: string; bytes: Uint8Array } | null;
  reviewerId: number;
  maxLetterBytes?: number;
  now?: Date;
}

export type RefusalResult = { ok: true; id: number } | { ok: false; problems: FollowProblem[] };

/** Records the refusal and its audit entry in one transaction, or says what is wrong (nothing is written). */
export async function recordRefusal(db: Db, input: RefusalInput): Promise<RefusalResult> {
  const now = input.now ?? new Date();
  const periodKeys = [...new Set(input.periodKeys)];
  const statement = input.statement.trim();
  const letter = input.letter ? checkLetter({ fileName: input.letter.fileName, bytes: input.letter.bytes, maxBytes: input.maxLetterBytes ?? maxAttachmentBytes() }) : null;
  return inTransaction(db, async (tx) => {
    const allowed = (await unfiledPeriods(tx, input.requirementId, now)).map((period) => period.key);
    const problems = refusalProblems({ periodKeys, declinedOn: input.declinedOn, statement: input.statement }, allowed, newYorkDate(now));
    if (letter && !letter.ok) problems.push(letter.problem);
    if (problems.length > 0) return { ok: false, problems };
    const requirement = await tx.requirement.findUniqueOrThrow({ where: { id: input.requirementId }, select: { agencyId: true } });
    const file = letter?.ok && input.letter ? { ...letter, bytes: new Uint8Array(input.letter.bytes), sha256: createHash('sha256').update(input.letter.bytes).digest('hex') } : null;
    const refusal = await tx.agencyRefusal.create({
      data: {
        requirementId: input.requirementId,
        agencyId: requirement.agencyId,
        periodKeys,
        declinedOn: new Date(`${input.declinedOn}T00:00:00Z`),
        statement,
        fileName: file?.fileName ?? null,
        mediaType: file?.mediaType ?? null,
        sha256: file?.sha256 ?? null,
        bytes: file?.bytes ?? null,
        recordedById: input.reviewerId,
        recordedAt: now,
      },
      select: { id: true },
    });
    await appendAuditEntry(tx, {
      kind: 'refusal_recorded',
      actor: `user:${input.reviewerId}`,
      subject: `requirement:${input.requirementId}`,
      data: {
        refusal: refusal.id,
        agency: requirement.agencyId,
        periods: periodKeys,
        declinedOn: input.declinedOn,
        statement,
        letter: file ? { fileName: file.fileName, mediaType: file.mediaType, size: file.bytes.length, sha256: file.sha256 } : null,
      },
    });
    return { ok: true, id: refusal.id };
  });
}

/** recordRefusal from the requirement's page: only the reviewers of its policy's place (403 for anyone else). */
export async function recordRefusalAs(db: Db, actor: Actor, requirementId: number, input: Omit<RefusalInput, 'requirementId' | 'reviewerId'>): Promise<RefusalResult> {
  const requirement = await requirementAs(db, actor, requirementId);
  return recordRefusal(db, { ...input, requirementId: requirement.id, reviewerId: actor.userId });
}

/* ---------------------------------------------------------------------- */
/* Reading                                                                 */
/* ---------------------------------------------------------------------- */

export interface PublicRefusal {
  id: number;
  requirementTitle: string;
  policyTitle: string;
  periodKeys: string[];
  declinedOn: string;
  statement: string;
  /** The letter, if one was kept (its bytes at /agencies/:slug/refusals/:id/file). */
  letter: { fileName: string; mediaType: string; sha256: string } | null;
  recordedOn: string;
}

/** Every refusal recorded for an agency (or for one of its requirements), newest first: they are public. */
export async function refusalsOfAgency(db: Db, agencyId: number, requirementId?: number): Promise<PublicRefusal[]> {
  const rows = await db.agencyRefusal.findMany({
    where: { agencyId, requirementId },
    orderBy: [{ declinedOn: 'desc' }, { id: 'desc' }],
    select: {
      id: true,
      periodKeys: true,
      declinedOn: true,
      statement: true,
      fileName: true,
      mediaType: true,
      sha256: true,
      recordedAt: true,
      requirement: { select: { title: true, policy: { select: { title: true } } } },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    requirementTitle: row.requirement.title,
    policyTitle: row.requirement.policy.title,
    periodKeys: row.periodKeys,
    declinedOn: dateOnly(row.declinedOn),
    statement: row.statement,
    letter: row.fileName && row.mediaType && row.sha256 ? { fileName: row.fileName, mediaType: row.mediaType, sha256: row.sha256 } : null,
    recordedOn: newYorkDate(row.recordedAt),
  }));
}

/**
 * The periods named by refusals of these requirements, one row per period and refusal (a period
 * named twice, by two letters, gives two rows), oldest refusal first: for the compliance views
 * to say "declined".
 */
export async function refusedPeriods(db: Db, requirementIds: number[]): Promise<{ requirementId: number; periodKey: string; declinedOn: string; refusalId: number }[]> {
  if (requirementIds.length === 0) return [];
  const rows = await db.agencyRefusal.findMany({
    where: { requirementId: { in: requirementIds } },
    orderBy: { id: 'asc' },
    select: { id: true, requirementId: true, periodKeys: true, declinedOn: true },
  });
  return rows.flatMap((row) => row.periodKeys.map((periodKey) => ({ requirementId: row.requirementId, periodKey, declinedOn: dateOnly(row.declinedOn), refusalId: row.id })));
}

/** A refusal's letter, if the refusal is this agency's and kept one; null otherwise. */
export async function readRefusalLetter(db: Db, agencySlug: string, refusalId: number) {
  const row = await db.agencyRefusal.findFirst({
    where: { id: refusalId, agency: { slug: agencySlug }, bytes: { not: null } },
    select: { fileName: true, mediaType: true, bytes: true },
  });
  return row?.bytes && row.fileName && row.mediaType ? { fileName: row.fileName, mediaType: row.mediaType, bytes: row.bytes } : null;
}

/* ---------------------------------------------------------------------- */
/* The form                                                                */
/* ---------------------------------------------------------------------- */

/** The refusal form's text: as typed (the service checks the periods, the date and the statement, and says why in its codes). */
export const RefusalForm = z.object({
  intent: z.literal('refuse'),
  periodKeys: listOf(z.string().trim().max(20, 'form.invalid')).pipe(z.array(z.string()).max(500, 'form.invalid')),
  declinedOn: z.string().trim().max(10, 'followThrough.error.date'),
  statement: z.string().max(MAX_STATEMENT_LENGTH * 2, 'followThrough.error.tooLong'),
});

/** The text fields the refusal form sends, and how long each may be (a statement of 10,000 characters is at most 40 KB). */
const TEXT_FIELDS: Record<string, number> = { intent: 100, periodKeys: 100, declinedOn: 100, statement: 64 * 1024 };
const MAX_PARTS = 200;

export type RefusalPost =
  | { ok: true; form: FormData; letter: { fileName: string; bytes: Uint8Array<ArrayBuffer> } | null }
  /** Something the form cannot carry (a letter too large: the other fields, as sent before it, come back). */
  | { ok: false; form: FormData; problem: FollowProblem }
  | { ok: false; form: null; message: MessageKey };

class UnexpectedPart extends Error {}

/**
 * Reads the refusal form: urlencoded (no letter) or multipart, the letter cut off while
 * streaming once it passes `maxBytes` (what is left is read and dropped, up to a limit, so the
 * browser gets the answer). Parts no page sends end the parse.
 */
export async function readRefusalPost(request: Request, maxBytes: number = maxAttachmentBytes()): Promise<RefusalPost> {
  const isMultipart = /^multipart\/form-data\s*;/i.test(request.headers.get('content-type') ?? '');
  if (!isMultipart || !request.body) {
    try {
      return { ok: true, form: await request.formData(), letter: null };
    } catch {
      return { ok: false, form: null, message: 'form.unreadable' };
    }
  }
  const reader = request.body.getReader();
  let reading: Promise<unknown> = Promise.resolve();
  // One read at a time (Remix's Node stream adapter stalls with two pending reads).
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
  const seen = { fileName: null as string | null, form: new FormData() };
  const file = unstable_createMemoryUploadHandler({ maxPartSize: maxBytes });
  let parts = 0;
  const handler: UploadHandler = async (part) => {
    parts += 1;
    if (parts > MAX_PARTS) throw new UnexpectedPart();
    if (part.name === 'letter' && typeof part.filename === 'string' && seen.fileName === null) {
      seen.fileName = part.filename;
      return file(part);
    }
    // No file chosen: browsers send an empty part.
    if (part.name === 'letter') return void (await unstable_createMemoryUploadHandler({ maxPartSize: 100 })(part));
    const limit = TEXT_FIELDS[part.name];
    if (part.filename !== undefined || limit === undefined) throw new UnexpectedPart();
    const value = await unstable_createMemoryUploadHandler({ maxPartSize: limit })(part);
    if (typeof value === 'string') seen.form.append(part.name, value);
    return value;
  };
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(new Request(request.url, { method: 'POST', headers: request.headers, body, duplex: 'half' } as RequestInit), handler);
  } catch (error) {
    // Anything else the parser throws comes from what the client sent (or its going away).
    const letterTooLarge = error instanceof MaxPartSizeExceededError && error.field === 'letter' && seen.fileName !== null;
    const textTooLong = error instanceof MaxPartSizeExceededError && error.field === 'statement';
    if (!letterTooLarge && !textTooLong) return { ok: false, form: null, message: 'form.unreadable' };
    try {
      await reading;
      let drained = 0;
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        drained += chunk.value.byteLength;
        if (drained > 64 * 1024 * 1024) {
          await reader.cancel();
          break;
        }
      }
    } catch {
      // The client went away: nobody is left to read the answer.
    }
    if (textTooLong) return { ok: false, form: seen.form, problem: { field: 'statement', key: 'followThrough.error.tooLong', params: { max: MAX_STATEMENT_LENGTH } } };
    const name = cleanFileName(seen.fileName ?? '') || 'letter';
    return { ok: false, form: seen.form, problem: { field: 'letter', key: 'refusal.error.letterTooLarge', params: { file: name, limit: sizeLimit(maxBytes) } } };
  }
  const letterPart = form.get('letter');
  form.delete('letter');
  const letter = letterPart instanceof File && (letterPart.name !== '' || letterPart.size > 0) ? { fileName: letterPart.name, bytes: new Uint8Array(await letterPart.arrayBuffer()) } : null;
  return { ok: true, form, letter };
}
