import type { LoaderFunctionArgs } from '@remix-run/node';
import { agencyJsonResponse } from '~/open-data/agency-downloads.server';
import { parseSlug } from '~/utils/route-params';

/** GET /api/v1/agencies/:slug — the whole agency dashboard as { data, meta }. */
export const loader = ({ request, params, context }: LoaderFunctionArgs) => agencyJsonResponse(request, parseSlug(params.slug) ?? '', context.publicDataVersion);
