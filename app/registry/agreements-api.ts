/**
 * The filters of the open-data agreements endpoint, validated so that a typo gets a 400 that
 * says what is allowed instead of a silently empty list.
 */
import { z } from 'zod';
import { US_STATES } from './names';

const STATE_CODES = new Set(US_STATES.map((state) => state.code));
const STATUSES = ['active', 'pending', 'ended'] as const;
const MODELS = ['jem', 'wso', 'tfm'] as const;

const AgreementQuery = z
  .object({
    state: z
      .string()
      .transform((value) => value.trim().toUpperCase())
      .refine((code) => STATE_CODES.has(code), { message: 'state must be a two-letter USPS code such as NC.' })
      .optional(),
    status: z
      .string()
      .transform((value) => value.trim().toLowerCase())
      .pipe(z.enum(STATUSES, { error: `status must be one of ${STATUSES.join(', ')}.` }))
      .optional(),
    model: z
      .string()
      .transform((value) => value.trim().toLowerCase())
      .pipe(z.enum(MODELS, { error: `model must be one of ${MODELS.join(', ')}.` }))
      .optional(),
  })
  .strict();

export type AgreementQueryResult =
  | { ok: true; filter: { state?: string; status?: 'ACTIVE' | 'PENDING' | 'ENDED'; model?: 'JEM' | 'WSO' | 'TFM' } }
  | { ok: false; message: string };

export function parseAgreementQuery(params: URLSearchParams): AgreementQueryResult {
  const raw: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key in raw) return { ok: false, message: `Give ${key} only once.` };
    raw[key] = value;
  }
  const parsed = AgreementQuery.safeParse(raw);
  if (!parsed.success) {
    const messages = parsed.error.issues.map((issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unknown filter ${issue.keys.map((k) => `"${k}"`).join(', ')}: use state, status or model.`
        : `${issue.message} Got "${raw[String(issue.path[0])]}".`,
    );
    return { ok: false, message: messages.join(' ') };
  }
  const { state, status, model } = parsed.data;
  return {
    ok: true,
    filter: {
      state,
      status: status?.toUpperCase() as 'ACTIVE' | 'PENDING' | 'ENDED' | undefined,
      model: model?.toUpperCase() as 'JEM' | 'WSO' | 'TFM' | undefined,
    },
  };
}
