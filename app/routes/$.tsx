/**
 * Every address no other route answers: a 404 through this route rather than Remix's "no route
 * matches", so the root loader runs and the page (its <title> too) is in the reader's language,
 * with the site's header and the demonstration notice around it.
 */
import type { MetaFunction } from '@remix-run/node';
import { errorPageMeta } from '~/components/error-page';

export function loader(): never {
  throw new Response('Not found', { status: 404, statusText: 'Not Found' });
}

export const meta: MetaFunction = errorPageMeta;

// Text only: nothing for JavaScript to do (root.tsx).
export const handle = { hydrate: false };

export default function NotFound() {
  // Never rendered: the loader always throws, and the boundary shows the page.
  return null;
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
