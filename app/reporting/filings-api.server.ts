/**
 * Filing a report by machine: POST /api/v1/filings with an agency API token. The API adds no
 * rules of its own: it opens the period with openFiling, saves the body as the draft with
 * saveDraft and certifies it with submitFiling, the same calls as the web form, so a value is
 * refused with the same message whichever way it arrives (filingValuesSchema and the rules run
 * inside those calls). Messages are in English, each issue with its code (filing-messages.ts)
 * for clients that show their own words.
 */
import { z } from 'zod';
import type { TokenPrincipal } from '~/auth/api-tokens.server';
import type { PrismaClient } from '~/db/prisma.server';
import { translator } from '~/i18n/i18n';
import { parseWith } from '~/utils/forms.server';
import { describeFilingMessage, filingMessage, type FilingCheckCode, type FilingMessage } from './filing-messages';
import { FilingRefusedError, openFiling, saveDraft, submitFiling } from './filings.server';

/**
 * Body of POST /api/v1/filings. Only the envelope is checked here; the values by the filing
 * service. Each message is a catalog key (filingsApi.*), answered in English.
 */
export const filingApiBodySchema = z.strictObject(
  {
    // Capped at PostgreSQL's integer: a larger id would make the query fail, not just find nothing.
    requirementId: z
      .number({ error: 'filingsApi.requirementIdType' })
      .int('filingsApi.requirementIdRange')
      .positive('filingsApi.requirementIdRange')
      .max(2_147_483_647, 'filingsApi.requirementIdRange'),
    periodKey: z.string({ error: 'filingsApi.periodKey' }).trim().min(1, 'filingsApi.periodKey').max(20, 'filingsApi.periodKey'),
    // Any object: what each value may be is filingValuesSchema's business (through saveDraft).
    values: z.record(z.string(), z.unknown(), { error: 'filingsApi.values' }).default({}),
    nothingToReport: z.boolean({ error: 'filingsApi.nothingToReport' }).default(false),
    explanations: z.record(z.string(), z.string({ error: 'filingsApi.explanations' }), { error: 'filingsApi.explanations' }).default({}),
    certification: z.object(
      {
        name: z.string({ error: 'filingsApi.certificationName' }).max(200, 'filingsApi.certificationLength'),
        title: z.string({ error: 'filingsApi.certificationTitle' }).max(200, 'filingsApi.certificationLength'),
      },
      { error: 'filingsApi.certification' },
    ),
    amendmentReason: z.string({ error: 'filingsApi.amendmentReason' }).max(5000, 'filingsApi.amendmentReasonLength').nullish(),
  },
  // An unknown key is most likely a misspelt one (e.g. "value"): say so rather than ignore it.
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'filingsApi.unknownKeys' : 'filingsApi.notAnObject') },
);

export interface ApiIssue {
  fields: string[];
  message: string;
  /** The message's code (filing-messages.ts); absent for a body of the wrong shape. */
  code?: FilingCheckCode;
  /** The rule's id, under which an explanation can be sent (explainable rules only). */
  rule?: string;
}

export type FilingApiResult =
  | { status: 201; body: { data: { filingId: number; revision: number; periodKey: string } } }
  | { status: 400 | 403 | 409 | 422; body: { error: { status: number; message: string; issues?: ApiIssue[] } } };

const error = (status: 400 | 403 | 409 | 422, message: string, issues?: ApiIssue[]): FilingApiResult => ({
  status,
  body: { error: { status, message, ...(issues ? { issues } : {}) } },
});

/** The service names fields as the form does; a client reads them as paths in its own body. */
function bodyPath(field: string, metricKeys: Set<string>): string {
  if (field === 'certifiedName') return 'certification.name';
  if (field === 'certifiedTitle') return 'certification.title';
  if (metricKeys.has(field)) return `values.${field}`;
  return field;
}

const english = translator('en');

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An issue of the filing service as the API answers it: in English, with its code. */
function apiIssue(fields: string[], message: FilingMessage, rule?: string | null): ApiIssue {
  return { fields, message: describeFilingMessage(english, message), code: message.code, ...(rule ? { rule } : {}) };
}

/** Same budget as submitFiling's own transaction: it may queue behind the audit chain's lock. */
const TRANSACTION = { timeout: 60_000, maxWait: 60_000 };

/**
 * Files one report for the token's agency. Refusals come back as results, never thrown, so
 * bad input is never a 500.
 */
export async function fileByApi(db: PrismaClient, principal: TokenPrincipal, rawBody: unknown, now?: Date): Promise<FilingApiResult> {
  const parsed = parseWith(filingApiBodySchema, rawBody);
  if (!parsed.ok) {
    const unknownKeys = isPlainObject(rawBody) ? Object.keys(rawBody).filter((key) => !Object.hasOwn(filingApiBodySchema.shape, key)) : [];
    const keys = unknownKeys.map((key) => JSON.stringify(key)).join(', ');
    return error(
      400,
      'The body does not have the expected shape.',
      // One issue per top-level field; the body as a whole (not an object, unknown keys) names none.
      // Only filingsApi.unknownKeys has a {keys} placeholder.
      Object.entries(parsed.errors).map(([field, key]) => ({ fields: field === '_form' ? [] : [field], message: english(key, { keys }) })),
    );
  }
  const body = parsed.data;

  // A requirement of another agency, or none at all, gets the same answer: no hint of what exists.
  const requirement = await db.requirement.findUnique({ where: { id: body.requirementId }, select: { agencyId: true } });
  if (!requirement || requirement.agencyId !== principal.agency.id) {
    return error(403, `Requirement ${body.requirementId} is not one of ${principal.agency.name}'s requirements.`);
  }

  // Values the service would silently drop (booleans, objects) are refused here with the
  // schema's own message; strings and numbers go through as sent, null means "left blank".
  const values: Record<string, string> = {};
  const typeIssues: ApiIssue[] = [];
  for (const [key, value] of Object.entries(body.values)) {
    if (typeof value === 'string') values[key] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) values[key] = String(value);
    else if (value !== null) typeIssues.push(apiIssue([`values.${key}`], filingMessage('value_not_text')));
  }
  if (typeIssues.length > 0) return error(422, 'The report was not accepted.', typeIssues);

  // The token's creator, a head of the agency, is who the saved draft and the revision are
  // recorded as acting through: the audit chain needs a person behind every submission.
  const token = await db.apiToken.findUniqueOrThrow({ where: { id: principal.tokenId }, select: { createdById: true } });

  let filing;
  try {
    filing = await openFiling(db, { requirementId: body.requirementId, periodKey: body.periodKey, now });
  } catch (caught) {
    if (caught instanceof FilingRefusedError) {
      const issues = caught.issues.map((issue) => apiIssue(issue.fields, issue.message));
      return error(409, issues.map((issue) => issue.message).join(' '), issues);
    }
    throw caught;
  }

  try {
    // One transaction: a refused submission rolls the draft back, so an API call that fails
    // never overwrites a draft someone is typing on the web form.
    const revision = await db.$transaction(async (tx) => {
      await saveDraft(tx, { filingId: filing.id, values, explanations: body.explanations, nothingToReport: body.nothingToReport, userId: token.createdById, now });
      return submitFiling(tx, {
        filingId: filing.id,
        certifiedName: body.certification.name,
        certifiedTitle: body.certification.title,
        amendmentReason: body.amendmentReason ?? null,
        userId: token.createdById,
        channel: 'API',
        now,
      });
    }, TRANSACTION);
    return { status: 201, body: { data: { filingId: filing.id, revision: revision.number, periodKey: filing.periodKey } } };
  } catch (caught) {
    if (caught instanceof FilingRefusedError) {
      const metricKeys = new Set(Object.keys(body.values));
      const version = await db.requirementVersion.findUnique({ where: { id: filing.versionId }, select: { metricKeys: true } });
      for (const key of version?.metricKeys ?? []) metricKeys.add(key);
      return error(
        422,
        'The report was not accepted.',
        caught.issues.map((issue) => apiIssue(issue.fields.map((field) => bodyPath(field, metricKeys)), issue.message, issue.rule)),
      );
    }
    throw caught;
  }
}
