/** GET /api/v1/compare.csv?metric=gross_cost&from=&to=&sort=&lang=: the comparison as CSV. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { compareCsvResponse } from '~/open-data/county-downloads.server';

export const loader = ({ request }: LoaderFunctionArgs) => compareCsvResponse(request);
