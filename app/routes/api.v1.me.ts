import type { LoaderFunctionArgs } from '@remix-run/node';
import { apiError } from '~/open-data/http.server';
import { authenticateApiToken } from '~/auth/api-tokens.server';
import { requestInfo, tallySecurityEvent } from '~/auth/events.server';
import { prisma } from '~/db/prisma.server';

/** Which agency an API token acts for: lets an agency's system check its configuration. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const principal = await authenticateApiToken(prisma(), request);
  if (!principal) {
    if (request.headers.has('authorization')) {
      await tallySecurityEvent(prisma(), { kind: 'api_token_refused', ...requestInfo(request, context.clientIp) });
    }
    return apiError(401, 'Send a valid agency API token: Authorization: Bearer <token>.', { token: true, headers: { 'WWW-Authenticate': 'Bearer' } });
  }
  return Response.json(
    { data: { agency: { slug: principal.agency.slug, name: principal.agency.name } } },
    { headers: { 'Cache-Control': 'no-store' } },
  );
}
