/**
 * What an operator types to record an agreement from a signed MOA or another public source,
 * checked field by field. Pure: each check's message is a message code; the page translates it.
 * Read it with parseWith (app/utils/forms.server.ts), which also refuses control characters.
 * Server-only (a zod schema), so zod stays out of the page.
 */
import { z } from 'zod';
import { idField } from '~/utils/forms.server';
import type { MessageKey } from '~/i18n/i18n';

const text = (max: number, message: MessageKey) => z.string(message).trim().min(1, message).max(max, message);
/** Left empty, or filled in as `filled` says. */
const optional = <T extends z.ZodType>(filled: T, message: MessageKey) => z.union([z.literal('', message), filled], message);

const signedOnInvalid = 'admin.recorded.signedOnInvalid';
const countyInvalid = 'admin.recorded.countyInvalid';
const urlInvalid = 'admin.recorded.urlInvalid';

export const RecordAgreementForm = z.object({
  agencyName: text(150, 'admin.recorded.agencyNameInvalid'),
  agencyType: z.enum(['COUNTY', 'MUNICIPALITY', 'STATE_AGENCY'], 'admin.recorded.agencyTypeInvalid'),
  countyId: optional(idField(countyInvalid), countyInvalid),
  model: z.enum(['JEM', 'WSO', 'TFM'], 'admin.recorded.modelInvalid'),
  signedOn: z
    .string(signedOnInvalid)
    .regex(/^\d{4}-\d{2}-\d{2}$/, signedOnInvalid)
    .refine((value) => !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().slice(0, 10) === value, signedOnInvalid)
    // 287(g) began in 1996; a date past tomorrow is a typo.
    .refine((value) => value >= '1996-01-01' && Date.parse(value) <= Date.now() + 86_400_000, signedOnInvalid),
  sourceKind: z.enum(['MOA', 'OTHER'], 'admin.recorded.sourceKindInvalid'),
  title: text(200, 'admin.recorded.titleInvalid'),
  url: optional(
    z
      .string(urlInvalid)
      .trim()
      .max(2000, urlInvalid)
      .url(urlInvalid)
      .refine((value) => /^https?:\/\//i.test(value), urlInvalid),
    urlInvalid,
  ),
  note: optional(text(2000, 'admin.recorded.noteInvalid'), 'admin.recorded.noteInvalid'),
});

export type RecordAgreementInput = z.infer<typeof RecordAgreementForm>;

export const RECORD_FIELDS = ['agencyName', 'agencyType', 'countyId', 'model', 'signedOn', 'sourceKind', 'title', 'url', 'note'] as const;

/** A source needs something a reader can check: a public address or an uploaded copy. */
export function missingEvidence(input: Pick<RecordAgreementInput, 'url'>, hasDocument: boolean): boolean {
  return input.url === '' && !hasDocument;
}
