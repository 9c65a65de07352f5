import type { LoaderFunctionArgs } from '@remix-run/node';
import { reportJsonResponse } from '~/open-data/agency-downloads.server';
import { parseSlug } from '~/utils/route-params';

/** GET /api/v1/agencies/:slug/reports/:filingId — a report's submitted revisions as { data, meta }. */
export const loader = ({ request, params }: LoaderFunctionArgs) => reportJsonResponse(request, parseSlug(params.slug) ?? '', params.filingId);
