/** GET /api/v1/places/nc/filings.csv: the newest report revisions of the state's agencies; ?lang=es for Spanish headers. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { statewideCsvResponse } from '~/open-data/statewide-downloads.server';

export const loader = ({ request, params }: LoaderFunctionArgs) => statewideCsvResponse(request, params, 'filings');
