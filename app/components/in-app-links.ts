import { useLocation, useNavigate } from '@remix-run/react';
import { useCallback, type MouseEvent } from 'react';

/**
 * A click handler for an element that holds plain `<a>` links to the portal's own pages (the
 * layout's header and footer). Once the page runs the client app, a plain left click on one of
 * them goes through the router, as a `<Link>` does: the page changes without reloading, and a
 * form's unsaved-changes guard (useBlocker) is asked first. A click with a modifier key, on a
 * link that opens elsewhere or downloads, or before hydration stays the browser's.
 *
 * Why not `<Link>`: the layout is rendered on every request, and each `<Link>` runs its own
 * router hooks there (resolving its path against the matched routes, its click handler, its
 * prefetch state), which made the header and footer the largest part of the cheapest page's
 * render. One handler per group of links does the same job in the browser.
 */
export function useInAppClicks() {
  const navigate = useNavigate();
  const location = useLocation();
  const current = `${location.pathname}${location.search}${location.hash}`;
  return useCallback(
    (event: MouseEvent<HTMLElement>) => {
      const anchor = event.target instanceof Element ? event.target.closest('a') : null;
      if (!anchor || !event.currentTarget.contains(anchor) || !followsInApp(event, anchor)) return;
      event.preventDefault();
      const to = `${anchor.pathname}${anchor.search}${anchor.hash}`;
      // As <Link> does: a link to the page one is on replaces the history entry.
      navigate(to, { replace: to === current });
    },
    [navigate, current],
  );
}

function followsInApp(event: MouseEvent<HTMLElement>, anchor: HTMLAnchorElement): boolean {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return false;
  if ((anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return false;
  return anchor.origin === window.location.origin;
}
