/** GET /api/v1/places/nc: the statewide page's figures as JSON ({ data, meta }): counties for the map, totals, timeline, latest reports. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { statewideJsonResponse } from '~/open-data/statewide-downloads.server';

export const loader = ({ request, params }: LoaderFunctionArgs) => statewideJsonResponse(request, params);
