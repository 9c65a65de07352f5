/** GET /api/v1/metrics: the data dictionary, from the metric catalogue (?lang=es for Spanish text). */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { dictionaryResponse } from '~/open-data/data-dictionary.server';

export const loader = ({ request }: LoaderFunctionArgs) => dictionaryResponse(request, 'json');
