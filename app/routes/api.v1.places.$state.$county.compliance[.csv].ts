/** GET /api/v1/places/nc/gaston-county/compliance.csv: each agency's reporting record; ?lang=es for Spanish headers. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { countyComplianceCsvResponse } from '~/open-data/county-downloads.server';
import { parseSlug } from '~/utils/route-params';

export const loader = ({ request, params }: LoaderFunctionArgs) => countyComplianceCsvResponse(request, { state: parseSlug(params.state) ?? '', county: parseSlug(params.county) ?? '' });
