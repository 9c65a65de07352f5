/** GET /api/v1/places/nc/gaston-county/figures.csv: the county's sums per period and metric, then the totals; ?lang=es for Spanish headers. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { countyFiguresCsvResponse } from '~/open-data/county-downloads.server';

export const loader = ({ request, params }: LoaderFunctionArgs) => countyFiguresCsvResponse(request, params);
