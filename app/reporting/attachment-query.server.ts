/**
 * Reading back the attachment problem that the upload's redirect carries in the query string
 * (attachment-types.ts writes it: problemToQuery). Server-only: the schema is zod.
 */
import { z } from 'zod';
import { idField } from '~/utils/forms.server';
import { ATTACHMENT_KINDS, cleanFileName, REFUSED_KINDS, type AttachmentProblem } from './attachment-types';

// The upload posts to its own route, which redirects back to the filing page; the problem
// travels in the query string. It is read back only through this schema, so a crafted URL
// can at most show one of these messages with a file name as plain text.
const fileParam = z.string().max(400).transform(cleanFileName);
const contentKind = z.enum([...ATTACHMENT_KINDS, ...REFUSED_KINDS]);
const QueryProblem = z.discriminatedUnion('attachmentError', [
  z.object({ attachmentError: z.literal('no_file') }),
  z.object({ attachmentError: z.literal('empty'), file: fileParam }),
  z.object({ attachmentError: z.literal('too_large'), file: fileParam }),
  z.object({ attachmentError: z.literal('mismatch'), file: fileParam, expected: z.enum(ATTACHMENT_KINDS), actual: contentKind }),
  z.object({ attachmentError: z.literal('extension'), file: fileParam, actual: z.enum(ATTACHMENT_KINDS) }),
  z.object({ attachmentError: z.literal('not_allowed'), file: fileParam, actual: z.enum(REFUSED_KINDS) }),
  z.object({ attachmentError: z.literal('sealed'), file: fileParam, revision: idField() }),
]);

/** The problem a query string carries, if it is one problemToQuery could have written; null otherwise. */
export function problemFromQuery(query: URLSearchParams, maxBytes: number): AttachmentProblem | null {
  if (!query.has('attachmentError')) return null;
  const parsed = QueryProblem.safeParse(Object.fromEntries(query));
  if (!parsed.success) return null;
  const { attachmentError: code, ...rest } = parsed.data;
  if (code === 'too_large') return { code, file: (rest as { file: string }).file, limit: maxBytes };
  return { code, ...rest } as AttachmentProblem;
}
