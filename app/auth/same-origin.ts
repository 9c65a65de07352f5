/**
 * CSRF defence for cookie-authenticated requests: a state-changing request must come from the
 * portal's own pages. Browsers send Origin on every POST; we also accept a same-origin Referer,
 * and Sec-Fetch-Site, and refuse when none of them vouches for the request.
 */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RequestOrigin {
  method: string;
  /** The origin the portal is served at, e.g. "https://portal.example.gov". */
  expectedOrigin: string;
  origin: string | null;
  referer: string | null;
  secFetchSite: string | null;
}

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

export function comesFromSameOrigin({ method, expectedOrigin, origin, referer, secFetchSite }: RequestOrigin): boolean {
  if (!isStateChanging(method)) return true;
  if (secFetchSite && secFetchSite !== 'same-origin' && secFetchSite !== 'none') return false;
  if (origin && origin !== 'null') return origin === expectedOrigin;
  if (referer) {
    try {
      return new URL(referer).origin === expectedOrigin;
    } catch {
      return false;
    }
  }
  return secFetchSite === 'same-origin';
}
