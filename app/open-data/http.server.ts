/**
 * Responses for public data (feeds, downloads, the JSON API) that caches can keep and must
 * revalidate: a strong ETag from the body's hash, so it changes exactly when the data does, and
 * `Cache-Control: no-cache` so every reuse asks first (answered 304 while nothing changed).
 */
import { createHash } from 'node:crypto';

export function etagOf(body: string | Uint8Array): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** Whether an If-None-Match header names this ETag (a list, weak forms and * included). */
export function matchesEtag(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag);
}

export function publicDataResponse(
  request: Request,
  body: string,
  headers: Record<string, string> & { 'Content-Type': string },
): Response {
  const etag = etagOf(body);
  const all = new Headers({ ...headers, ETag: etag, 'Cache-Control': 'public, no-cache', 'X-Content-Type-Options': 'nosniff' });
  if (matchesEtag(request.headers.get('If-None-Match'), etag)) {
    all.delete('Content-Type');
    return new Response(null, { status: 304, headers: all });
  }
  return new Response(body, { status: 200, headers: all });
}

/** Public open data may be read from any web page. */
export const CORS = { 'Access-Control-Allow-Origin': '*' } as const;

/**
 * The API's one error shape, `{ error: { status, message } }`. Public open-data answers carry
 * CORS like their successes; answers to an agency's API token are never stored by caches.
 */
export function apiError(status: number, message: string, options: { token?: boolean; headers?: Record<string, string> } = {}): Response {
  const headers = { ...(options.token ? { 'Cache-Control': 'no-store' } : CORS), ...options.headers };
  return Response.json({ error: { status, message } }, { status, headers });
}
