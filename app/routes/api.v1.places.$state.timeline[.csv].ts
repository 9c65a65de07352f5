/** GET /api/v1/places/nc/timeline.csv: active agreements at the end of each month, by model; ?lang=es for Spanish headers. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { statewideCsvResponse } from '~/open-data/statewide-downloads.server';

export const loader = ({ request, params }: LoaderFunctionArgs) => statewideCsvResponse(request, params, 'timeline');
