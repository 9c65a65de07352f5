/** GET /api/v1/places/nc/overdue.csv: every overdue or declined report in the state, most overdue first; ?lang=es for Spanish headers. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { overdueCsvResponse } from '~/open-data/overdue-downloads.server';
import { parseSlug } from '~/utils/route-params';

export const loader = ({ request, params, context }: LoaderFunctionArgs) => overdueCsvResponse(request, { state: parseSlug(params.state) ?? '' }, context.publicDataVersion);
