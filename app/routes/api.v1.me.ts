import type { LoaderFunctionArgs } from '@remix-run/node';
import { authenticateApiToken } from '~/auth/api-tokens.server';
import { recordSecurityEvent, requestInfo } from '~/auth/events.server';
import { prisma } from '~/db/prisma.server';

/** Which agency an API token acts for: lets an agency's system check its configuration. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const principal = await authenticateApiToken(prisma(), request);
  if (!principal) {
    if (request.headers.has('authorization')) {
      await recordSecurityEvent(prisma(), { kind: 'api_token_refused', ...requestInfo(request, context.clientIp) });
    }
    return Response.json(
      { error: { status: 401, message: 'Send a valid agency API token: Authorization: Bearer <token>.' } },
      { status: 401, headers: { 'WWW-Authenticate': 'Bearer', 'Cache-Control': 'no-store' } },
    );
  }
  return Response.json(
    { data: { agency: { slug: principal.agency.slug, name: principal.agency.name } } },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}
