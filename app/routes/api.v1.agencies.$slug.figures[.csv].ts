import type { LoaderFunctionArgs } from '@remix-run/node';
import { agencyCsvResponse } from '~/open-data/agency-downloads.server';
import { parseSlug } from '~/utils/route-params';

/** GET /api/v1/agencies/:slug/figures.csv — one row per period × metric (?lang=es: Spanish headers). */
export const loader = ({ request, params, context }: LoaderFunctionArgs) => agencyCsvResponse(request, parseSlug(params.slug) ?? '', 'figures', context.publicDataVersion);
