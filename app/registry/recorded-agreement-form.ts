/**
 * What an operator types to record an agreement from a signed MOA or another public source,
 * checked field by field. Pure: returns message codes; the page translates them.
 */
import { z } from 'zod';

// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((value) => !CONTROL.test(value));

export const RecordAgreementForm = z.object({
  agencyName: text(150),
  agencyType: z.enum(['COUNTY', 'MUNICIPALITY', 'STATE_AGENCY']),
  countyId: z.union([z.literal(''), z.coerce.number().int().positive()]),
  model: z.enum(['JEM', 'WSO', 'TFM']),
  signedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine((value) => !Number.isNaN(Date.parse(value)) && new Date(value).toISOString().slice(0, 10) === value)
    // 287(g) began in 1996; a date past tomorrow is a typo.
    .refine((value) => value >= '1996-01-01' && Date.parse(value) <= Date.now() + 86_400_000),
  sourceKind: z.enum(['MOA', 'OTHER']),
  title: text(200),
  url: z.union([
    z.literal(''),
    z
      .string()
      .trim()
      .max(2000)
      .url()
      .refine((value) => /^https?:\/\//i.test(value)),
  ]),
  note: z.union([z.literal(''), text(2000)]),
});

export type RecordAgreementInput = z.infer<typeof RecordAgreementForm>;

export const RECORD_FIELDS = ['agencyName', 'agencyType', 'countyId', 'model', 'signedOn', 'sourceKind', 'title', 'url', 'note'] as const;

/** A source needs something a reader can check: a public address or an uploaded copy. */
export function missingEvidence(input: Pick<RecordAgreementInput, 'url'>, hasDocument: boolean): boolean {
  return input.url === '' && !hasDocument;
}
