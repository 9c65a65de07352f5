import type { LoaderFunctionArgs } from '@remix-run/node';
import { reportCsvResponse } from '~/open-data/agency-downloads.server';
import { parseSlug } from '~/utils/route-params';

/** GET /api/v1/agencies/:slug/reports/:filingId/revisions.csv — one row per revision × figure. */
export const loader = ({ request, params }: LoaderFunctionArgs) => reportCsvResponse(request, parseSlug(params.slug) ?? '', params.filingId);
