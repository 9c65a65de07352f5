/**
 * The checks every protected loader and action starts with. Anonymous visitors are sent to
 * sign in; signed-in people without the right get 403 (never a hint of what exists).
 */
import { redirect } from '@remix-run/node';
import { getActor } from './session.server';
import type { Actor } from './permissions';

export function forbidden(): never {
  throw new Response('You do not have access to this page.', { status: 403, statusText: 'Forbidden' });
}

/** The signed-in person, or a redirect to the sign-in page that comes back here afterwards. */
export async function requireActor(request: Request): Promise<Actor & { sessionId: number }> {
  const actor = await getActor(request);
  if (!actor) {
    const url = new URL(request.url);
    const back = request.method === 'GET' ? `${url.pathname}${url.search}` : url.pathname;
    throw redirect(`/sign-in?redirectTo=${encodeURIComponent(back)}`);
  }
  return actor;
}

/** The signed-in person if `allowed` says yes; otherwise sign-in redirect or 403. */
export async function requireAccess(request: Request, allowed: (actor: Actor) => boolean) {
  const actor = await requireActor(request);
  if (!allowed(actor)) forbidden();
  return actor;
}

/** Where a person lands after sign-in when nothing asked for a page: a filer or head on their reports. */
export function landingFor(actor: Pick<Actor, 'grants'>): string {
  return actor.grants.some((grant) => grant.role === 'FILER' || grant.role === 'HEAD') ? '/filings' : '/account';
}

// Any origin serves: a target is kept only if it resolves to this same one, so it could never
// leave the portal's, whatever the portal's is.
const HERE = 'https://portal.invalid';
// Browsers drop tabs and line breaks inside a URL and trim other controls at its ends ("/\t/x" is
// "//x" to them), and read a backslash as a slash: a target with any of them is refused whole.
// Percent-encoded ones too, so nothing between here and the browser can decode one into place.
const UNSAFE = /[\p{Cc}\\]|%(?:[01][0-9a-f]|7f)/iu;

/**
 * Where to go after sign-in: a path of the portal (with its query and fragment), else `fallback`.
 * The target is parsed as a URL against the portal's origin and must stay on it.
 */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback = '/account') {
  if (typeof target !== 'string' || !target.startsWith('/') || UNSAFE.test(target)) return fallback;
  let url: URL;
  try {
    url = new URL(target, HERE);
  } catch {
    return fallback;
  }
  // "//host" is another site, and so is what dot segments reduce to it ("/..//host").
  if (url.origin !== HERE || url.pathname.startsWith('//')) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
