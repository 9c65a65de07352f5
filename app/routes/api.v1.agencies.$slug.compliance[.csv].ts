import type { LoaderFunctionArgs } from '@remix-run/node';
import { agencyCsvResponse } from '~/open-data/agency-downloads.server';
import { parseSlug } from '~/utils/route-params';

/** GET /api/v1/agencies/:slug/compliance.csv — one row per expected reporting period. */
export const loader = ({ request, params, context }: LoaderFunctionArgs) => agencyCsvResponse(request, parseSlug(params.slug) ?? '', 'compliance', context.publicDataVersion);
