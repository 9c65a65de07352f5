/** GET /api/v1/compare?metric=gross_cost&from=&to=&sort=: one metric across North Carolina's counties as JSON. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { compareJsonResponse } from '~/open-data/county-downloads.server';

export const loader = ({ request }: LoaderFunctionArgs) => compareJsonResponse(request);
