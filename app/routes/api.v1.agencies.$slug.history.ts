import type { LoaderFunctionArgs } from '@remix-run/node';
import { agencyHistoryResponse } from '~/open-data/agency-history.server';
import { parseSlug } from '~/utils/route-params';

/** GET /api/v1/agencies/:slug/history — the agency's agreements, their sources and one line per event. */
export const loader = ({ request, params }: LoaderFunctionArgs) => agencyHistoryResponse(request, parseSlug(params.slug) ?? '');
