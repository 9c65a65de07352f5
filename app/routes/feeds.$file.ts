/** /feeds/nc.atom: what changed statewide (reports, amendments, registry changes). */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { atomFeedResponse } from '~/open-data/feed-route.server';

export function loader({ request, params }: LoaderFunctionArgs) {
  return atomFeedResponse(request, { state: params.file ?? '', county: null });
}
