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

/** Only same-site paths may be redirected to after sign-in. */
export function safeRedirect(target: FormDataEntryValue | string | null | undefined, fallback = '/account') {
  if (typeof target !== 'string' || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return fallback;
  return target;
}
