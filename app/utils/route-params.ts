/**
 * The parameters of a URL path (`/filings/:id`, `/agencies/:slug`) as the routes read them:
 * what cannot name a row answers 404 before any query. A row's id is a PostgreSQL integer, so a
 * larger number would make the query fail (a 500) rather than find nothing; a slug with a NUL
 * byte would too. server/input-guard.ts refuses control characters in every URL first; these
 * keep a route correct on its own (and in tests that call it directly).
 */
import { hasControlCharacters } from './nul-bytes';

/** PostgreSQL's largest integer: no id is above it. */
export const MAX_ID = 2_147_483_647;

/** Longer than any slug the portal makes (a name, lower-cased, with hyphens). */
const MAX_SLUG_LENGTH = 200;

const notFound = () => new Response('Not found', { status: 404 });

/** An id as written in a URL: digits only, no leading zero, 1 to MAX_ID; otherwise null. */
export function parseId(raw: string | null | undefined): number | null {
  if (!raw || !/^[1-9]\d{0,9}$/.test(raw)) return null;
  const id = Number(raw);
  return id <= MAX_ID ? id : null;
}

/** The id in a route's path, or a thrown 404 for anything that cannot be one. */
export function idParam(raw: string | undefined): number {
  const id = parseId(raw);
  if (id === null) throw notFound();
  return id;
}

/** A slug as written in a URL, or null if it holds control characters or is longer than any slug. */
export function parseSlug(raw: string | undefined): string | null {
  if (!raw || raw.length > MAX_SLUG_LENGTH || hasControlCharacters(raw)) return null;
  return raw;
}

/** The slug in a route's path, or a thrown 404 for anything that cannot be one. */
export function slugParam(raw: string | undefined): string {
  const slug = parseSlug(raw);
  if (slug === null) throw notFound();
  return slug;
}
