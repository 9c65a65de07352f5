/**
 * The reporting pages' forms (opening a period, the CSV upload, a review's decision) as zod
 * schemas whose messages are message keys: server-only, so zod stays out of the pages.
 */
import { z } from 'zod';
import { idField } from '~/utils/forms.server';

export const OpenForm = z.object({
  requirementId: idField(),
  periodKey: z.string().regex(/^\d{4}(-Q[1-4]|-\d{2})?$/),
});

/** The longest name or title an upload's signer may type. */
export const MAX_TEXT = 200;

const text = (required: 'filingsCsv.nameRequired' | 'filingsCsv.titleRequired') =>
  z.string({ error: required }).trim().min(1, required).max(MAX_TEXT, 'filingsCsv.tooLong');

/** The form's own fields; the file's content is filings-csv.ts's business. */
export const UploadFields = z.object({
  certifiedName: text('filingsCsv.nameRequired'),
  certifiedTitle: text('filingsCsv.titleRequired'),
  certify: z.literal('on', { error: 'filingsCsv.certifyRequired' }),
  file: z.instanceof(File, { error: 'filingsCsv.fileRequired' }).refine((file) => file.name !== '' && file.size > 0, 'filingsCsv.fileRequired'),
});

/** A longer note is cut to this, not refused. */
export const NOTE_LIMIT = 5_000;

export const ReviewDecisionForm = z.object({
  decision: z.enum(['ACCEPTED', 'RETURNED'], 'reviewFiling.chooseDecision'),
  // One that cannot be read is refused by reviewFiling as outdated, which names the newest.
  revisionNumber: z
    .string()
    .regex(/^\d{1,6}$/)
    .transform(Number)
    .catch(0),
  note: z
    .string()
    .catch('')
    .transform((note) => note.slice(0, NOTE_LIMIT)),
});
