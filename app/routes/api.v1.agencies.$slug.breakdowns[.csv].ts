import type { LoaderFunctionArgs } from '@remix-run/node';
import { agencyCsvResponse } from '~/open-data/agency-downloads.server';
import { parseSlug } from '~/utils/route-params';

/** GET /api/v1/agencies/:slug/breakdowns.csv — one row per breakdown cell, hidden cells marked "suppressed". */
export const loader = ({ request, params, context }: LoaderFunctionArgs) => agencyCsvResponse(request, parseSlug(params.slug) ?? '', 'breakdowns', context.publicDataVersion);
