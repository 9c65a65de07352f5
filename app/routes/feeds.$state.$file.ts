/** /feeds/nc/gaston-county.atom: what changed for one county's agencies and its towns'. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { atomFeedResponse } from '~/open-data/feed-route.server';

export function loader({ request, params }: LoaderFunctionArgs) {
  return atomFeedResponse(request, { state: params.state ?? '', county: params.file ?? '' });
}
