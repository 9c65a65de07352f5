import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { apiError } from '~/open-data/http.server';
import { authenticateApiToken } from '~/auth/api-tokens.server';
import { requestInfo, tallySecurityEvent } from '~/auth/events.server';
import { prisma } from '~/db/prisma.server';
import { fileByApi } from '~/reporting/filings-api.server';

const NO_STORE = { 'Cache-Control': 'no-store' };
/** Far above any real report (a few dozen values); beyond it the body is not read at all. */
const MAX_BODY_BYTES = 256 * 1024;

const errorResponse = (status: number, message: string, headers: Record<string, string> = {}) => apiError(status, message, { token: true, headers });

/** Only POST files a report; a GET gets a pointer instead of Remix's HTML 405 page. */
export function loader(_args: LoaderFunctionArgs) {
  return errorResponse(405, 'POST a report as JSON; see docs/api.md.', { Allow: 'POST' });
}

/** POST /api/v1/filings: an agency's system submits one report (see docs/api.md). */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== 'POST') return errorResponse(405, 'Only POST is allowed here.', { Allow: 'POST' });

  const principal = await authenticateApiToken(prisma(), request);
  if (!principal) {
    if (request.headers.has('authorization')) {
      await tallySecurityEvent(prisma(), { kind: 'api_token_refused', ...requestInfo(request, context.clientIp) });
    }
    return errorResponse(401, 'Send a valid agency API token: Authorization: Bearer <token>.', { 'WWW-Authenticate': 'Bearer' });
  }

  const length = Number(request.headers.get('content-length') ?? '0');
  if (length > MAX_BODY_BYTES) return errorResponse(413, `The body is larger than ${MAX_BODY_BYTES} bytes.`);
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) return errorResponse(413, `The body is larger than ${MAX_BODY_BYTES} bytes.`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return errorResponse(400, 'The body is not valid JSON.');
  }

  const result = await fileByApi(prisma(), principal, body);
  return Response.json(result.body, { status: result.status, headers: NO_STORE });
}
