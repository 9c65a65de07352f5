/** GET /policies/:id/versions/:n/download/:format (html | pdf | docx): an adopted text, public. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { prisma } from '~/db/prisma.server';
import { policyVersion } from '~/policies/pages.server';
import { buildResolution } from '~/policies/resolution';
import { isResolutionFormat, resolutionResponse } from '~/policies/resolution-files.server';
import { idParam } from '~/utils/route-params';

export async function loader({ params }: LoaderFunctionArgs) {
  if (!isResolutionFormat(params.format)) throw new Response('Not found', { status: 404 });
  const policyId = idParam(params.id);
  const version = await policyVersion(prisma(), policyId, idParam(params.n));
  return resolutionResponse(buildResolution(version.answers), params.format, `policy-${policyId}-v${version.number}`);
}
