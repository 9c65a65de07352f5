/** GET /api/v1/places/nc/counties.csv: the map's table, one row per county with its agreements by model; ?lang=es for Spanish headers. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { statewideCsvResponse } from '~/open-data/statewide-downloads.server';

export const loader = ({ request, params }: LoaderFunctionArgs) => statewideCsvResponse(request, params, 'counties');
