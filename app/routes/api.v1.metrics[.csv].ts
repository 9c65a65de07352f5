/** GET /api/v1/metrics.csv: the data dictionary as CSV (?lang=es for Spanish headers and text). */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { dictionaryResponse } from '~/open-data/data-dictionary.server';

export const loader = ({ request }: LoaderFunctionArgs) => dictionaryResponse(request, 'csv');
