/** GET /api/v1/places/nc/gaston-county/figures.csv: the county's sums per period and metric, then the totals; ?lang=es for Spanish headers. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { countyFiguresCsvResponse } from '~/open-data/county-downloads.server';
import { parseSlug } from '~/utils/route-params';

export const loader = ({ request, params }: LoaderFunctionArgs) => countyFiguresCsvResponse(request, { state: parseSlug(params.state) ?? '', county: parseSlug(params.county) ?? '' });
