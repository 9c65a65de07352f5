/**
 * Calling route loaders and actions directly, as a given person, for integration tests.
 */
import { startSession } from '~/auth/session.server';
import type { Db } from '~/db/prisma.server';

export const TEST_CONTEXT = { cspNonce: '', clientIp: '203.0.113.7' };

/** A session cookie header for this user, as after signing in. */
export async function cookieFor(db: Db, userId: number): Promise<string> {
  const setCookie = await startSession(db, userId, new Request('http://portal.test/'), null);
  return setCookie.split(';')[0];
}

export function get(url: string, cookie?: string) {
  return new Request(`http://portal.test${url}`, { headers: cookie ? { cookie } : {} });
}

export function post(url: string, fields: Record<string, string | number>, cookie?: string) {
  const body = new URLSearchParams(Object.entries(fields).map(([k, v]) => [k, String(v)]));
  return new Request(`http://portal.test${url}`, { method: 'POST', body, headers: cookie ? { cookie } : {} });
}

export interface Outcome {
  status: number;
  location: string | null;
  /** The cookie a Set-Cookie header sets, as a Cookie header value ("name=value"). */
  setCookie: string | null;
  body: unknown;
}

/** Runs a loader or action and reports what the browser would get, thrown responses included. */
export async function run(
  fn: (args: { request: Request; params: Record<string, string>; context: typeof TEST_CONTEXT }) => unknown,
  request: Request,
  params: Record<string, string> = {},
): Promise<Outcome> {
  let result: unknown;
  try {
    result = await fn({ request, params, context: TEST_CONTEXT });
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) {
    const text = await result.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    const setCookie = result.headers.get('set-cookie')?.split(';')[0] ?? null;
    return { status: result.status, location: result.headers.get('location'), setCookie, body };
  }
  // Single fetch: `data(value, init)` comes back as a DataWithResponseInit.
  if (result && typeof result === 'object' && 'type' in result && (result as { type: string }).type === 'DataWithResponseInit') {
    const { data, init } = result as unknown as { data: unknown; init?: ResponseInit };
    const setCookie = new Headers(init?.headers).get('set-cookie')?.split(';')[0] ?? null;
    return { status: init?.status ?? 200, location: null, setCookie, body: data };
  }
  if (result instanceof Error) throw result;
  return { status: 200, location: null, setCookie: null, body: result };
}
