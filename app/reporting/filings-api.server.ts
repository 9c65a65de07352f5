/**
 * Filing a report by machine: POST /api/v1/filings with an agency API token. The API adds no
 * rules of its own: planFiling finds the period as openFiling does, and submitFiling opens it,
 * saves the body as its draft and certifies it in one transaction, the calls the web form and
 * the CSV upload make, so a value is refused with the same message whichever way it arrives
 * (filingValuesSchema and the rules run inside those calls). Messages are in English, each issue with its code (filing-messages.ts)
 * for clients that show their own words.
 */
import { z } from 'zod';
import { authenticateApiToken, type TokenPrincipal } from '~/auth/api-tokens.server';
import { requestInfo, tallySecurityEvent } from '~/auth/events.server';
import type { PrismaClient } from '~/db/prisma.server';
import { translator } from '~/i18n/i18n';
import { parseWith } from '~/utils/forms.server';
import { describeFilingMessage, filingMessage, type FilingCheckCode, type FilingMessage } from './filing-messages';
import { FilingRefusedError, planFiling, submitFiling } from './filings.server';

/**
 * Body of POST /api/v1/filings. Only the envelope is checked here; the values by the filing
 * service. Each message is a catalog key (filingsApi.*), answered in English.
 */
export const filingApiBodySchema = z.strictObject(
  {
    // Capped at PostgreSQL's integer: a larger id would make the query fail, not just find nothing.
    requirementId: z
      // A number too large for JSON (1e400 reads as Infinity) is out of range, not "not a number".
      .number({ error: (issue) => (typeof issue.input === 'number' ? 'filingsApi.requirementIdRange' : 'filingsApi.requirementIdType') })
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
  // parseWith keeps only catalog keys, so the plural message goes by one of its forms here;
  // fileByApi words it with the number of keys.
  { error: (issue) => (issue.code === 'unrecognized_keys' ? 'filingsApi.unknownKeys_other' : 'filingsApi.notAnObject') },
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

/** The API's error body (docs/api.md), for the service's refusals and the request's alike. */
const errorBody = (status: number, message: string, issues?: ApiIssue[]) => ({ error: { status, message, ...(issues ? { issues } : {}) } });

const error = (status: 400 | 403 | 409 | 422, message: string, issues?: ApiIssue[]): FilingApiResult => ({ status, body: errorBody(status, message, issues) });

/** What POST /api/v1/filings reads of its request: a Fetch Request has it, and so does server/filings-api.ts's wrapping of Express's. */
export interface FilingPost {
  headers: Pick<Headers, 'get'>;
  text(): Promise<string>;
}

/** An answer of the API, for whichever server sends it. */
interface ApiAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** Far above any real report (a few dozen values); beyond it the body is not read at all. */
const MAX_FILING_BODY_BYTES = 256 * 1024;

const NO_STORE = { 'Cache-Control': 'no-store' };

const errorAnswer = (status: number, message: string, headers: Record<string, string> = {}): ApiAnswer => ({
  status,
  body: errorBody(status, message),
  headers: { ...NO_STORE, ...headers },
});

/**
 * POST /api/v1/filings (docs/api.md): the token, the body's size and JSON, then fileByApi. Token
 * refusals are tallied as security events; nothing here throws for what a client sent.
 */
export async function answerFilingPost(db: PrismaClient, request: FilingPost, clientIp: string | null): Promise<ApiAnswer> {
  const principal = await authenticateApiToken(db, request);
  if (!principal) {
    if (request.headers.get('authorization') !== null) {
      await tallySecurityEvent(db, { kind: 'api_token_refused', ...requestInfo(request, clientIp) });
    }
    return errorAnswer(401, 'Send a valid agency API token: Authorization: Bearer <token>.', { 'WWW-Authenticate': 'Bearer' });
  }

  const tooLarge = `The body is larger than ${MAX_FILING_BODY_BYTES} bytes.`;
  if (Number(request.headers.get('content-length') ?? '0') > MAX_FILING_BODY_BYTES) return errorAnswer(413, tooLarge);
  const text = await request.text();
  if (text.length > MAX_FILING_BODY_BYTES) return errorAnswer(413, tooLarge);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return errorAnswer(400, 'The body is not valid JSON.');
  }
  const result = await fileByApi(db, principal, body);
  return { status: result.status, body: result.body, headers: NO_STORE };
}

/** The service names fields as the form does; a client reads them as paths in its own body. */
function bodyPath(field: string, metricKeys: Set<string>): string {
  if (field === 'certifiedName') return 'certification.name';
  if (field === 'certifiedTitle') return 'certification.title';
  if (metricKeys.has(field)) return `values.${field}`;
  return field;
}

const english = translator('en');

/**
 * A JSON number as the digits a person would type: String() writes 1e21 and 1e-7 in exponent
 * form, which the value parser reads as "not a number" when they are only too large or too
 * precise; written out, they get the message that says so. A number too large for JSON at all
 * (Infinity) is written as more digits than any value may have.
 */
function plainDigits(value: number): string {
  if (!Number.isFinite(value)) return `${value < 0 ? '-' : ''}${'9'.repeat(400)}`;
  if (!/e/i.test(String(value))) return String(value);
  if (Number.isInteger(value)) return BigInt(value).toString();
  return value.toFixed(20);
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An issue of the filing service as the API answers it: in English, with its code. */
function apiIssue(fields: string[], message: FilingMessage, rule?: string | null): ApiIssue {
  return { fields, message: describeFilingMessage(english, message), code: message.code, ...(rule ? { rule } : {}) };
}

/** The answer to a requirement that is not the token's agency's, or does not exist: no hint of which. */
const notTheirs = (principal: TokenPrincipal, requirementId: number) =>
  error(403, `Requirement ${requirementId} is not one of ${principal.agency.name}'s requirements.`);

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
      // Only filingsApi.unknownKeys has a {keys} placeholder, in the form its count calls for.
      Object.entries(parsed.errors).map(([field, key]) => ({
        fields: field === '_form' ? [] : [field],
        message: key === 'filingsApi.unknownKeys_other' ? english('filingsApi.unknownKeys', { keys, count: unknownKeys.length }) : english(key),
      })),
    );
  }
  const body = parsed.data;

  // Values the service would silently drop (booleans, objects) are refused here with the
  // schema's own message; strings and numbers go through as sent, null means "left blank".
  const values: Record<string, string> = {};
  const typeIssues: ApiIssue[] = [];
  for (const [key, value] of Object.entries(body.values)) {
    if (typeof value === 'string') values[key] = value;
    else if (typeof value === 'number') values[key] = plainDigits(value);
    else if (value !== null) typeIssues.push(apiIssue([`values.${key}`], filingMessage('value_not_text')));
  }
  if (typeIssues.length > 0) {
    // Another agency's requirement is still a 403, whatever the body; nothing is opened.
    const requirement = await db.requirement.findUnique({ where: { id: body.requirementId }, select: { agencyId: true } });
    if (!requirement || requirement.agencyId !== principal.agency.id) return notTheirs(principal, body.requirementId);
    return error(422, 'The report was not accepted.', typeIssues);
  }

  let plan;
  try {
    // Refuses a requirement of another agency, or none at all, as not found.
    plan = await planFiling(db, { requirementId: body.requirementId, periodKey: body.periodKey, now, agencyId: principal.agency.id });
  } catch (caught) {
    if (caught instanceof FilingRefusedError) {
      if (caught.issues.some((issue) => issue.message.code === 'requirement_not_found')) return notTheirs(principal, body.requirementId);
      const issues = caught.issues.map((issue) => apiIssue(issue.fields, issue.message));
      return error(409, issues.map((issue) => issue.message).join(' '), issues);
    }
    throw caught;
  }
  const filing = 'opened' in plan ? { filingId: plan.opened.id } : { newFiling: plan.create };
  const { periodKey, versionId } = 'opened' in plan ? plan.opened : plan.create;

  try {
    // The filing is opened (if new) and the body saved as its draft in the submission's own
    // transaction: a refused submission rolls both back, so an API call that fails leaves
    // nothing behind, and never overwrites a draft someone is typing on the web form. The
    // token's creator, a head of the agency, is who the draft and the revision are recorded as
    // acting through: the audit chain needs a person behind every submission.
    const revision = await submitFiling(db, {
      ...filing,
      draft: { values, explanations: body.explanations, nothingToReport: body.nothingToReport },
      certifiedName: body.certification.name,
      certifiedTitle: body.certification.title,
      amendmentReason: body.amendmentReason ?? null,
      userId: principal.createdById,
      channel: 'API',
      now,
    });
    return { status: 201, body: { data: { filingId: revision.filingId, revision: revision.number, periodKey } } };
  } catch (caught) {
    if (caught instanceof FilingRefusedError) {
      const metricKeys = new Set(Object.keys(body.values));
      const version = await db.requirementVersion.findUnique({ where: { id: versionId }, select: { metricKeys: true } });
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
