/** GET /api/v1/places/nc/gaston-county: the county dashboard as JSON ({ data, meta }); ?from=&to= limit the periods. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { countyJsonResponse } from '~/open-data/county-downloads.server';
import { parseSlug } from '~/utils/route-params';

export const loader = ({ request, params }: LoaderFunctionArgs) => countyJsonResponse(request, { state: parseSlug(params.state) ?? '', county: parseSlug(params.county) ?? '' });
