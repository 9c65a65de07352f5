import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { apiError } from '~/open-data/http.server';
import { prisma } from '~/db/prisma.server';
import { answerFilingPost } from '~/reporting/filings-api.server';

const errorResponse = (status: number, message: string, headers: Record<string, string> = {}) => apiError(status, message, { token: true, headers });

/** Only POST files a report; a GET gets a pointer instead of Remix's HTML 405 page. */
export function loader(_args: LoaderFunctionArgs) {
  return errorResponse(405, 'POST a report as JSON; see docs/api.md.', { Allow: 'POST' });
}

/**
 * POST /api/v1/filings: an agency's system submits one report (see docs/api.md). The portal's
 * server answers POSTs before Remix (server/filings-api.ts), with the same answerFilingPost;
 * this action answers them wherever the route runs on its own (tests, another server).
 */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== 'POST') return errorResponse(405, 'Only POST is allowed here.', { Allow: 'POST' });
  const answer = await answerFilingPost(prisma(), request, context.clientIp);
  return Response.json(answer.body, { status: answer.status, headers: answer.headers });
}
