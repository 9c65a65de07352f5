/** GET /api/v1/openapi.json: the API's OpenAPI 3.1 description. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { publicDataResponse } from '~/open-data/http.server';
import { OPENAPI } from '~/open-data/openapi';

export const loader = ({ request }: LoaderFunctionArgs) =>
  publicDataResponse(request, JSON.stringify(OPENAPI), { 'Content-Type': 'application/json; charset=utf-8', 'Access-Control-Allow-Origin': '*' });
