/** What /search was asked, as the search takes it: on the server (zod stays out of the page). */
import { z } from 'zod';

// NUL and other control characters are not part of any place name.
const Query = z
  .string()
  // eslint-disable-next-line no-control-regex -- control characters are what it removes
  .transform((text) => text.replace(/[\u0000-\u001f\u007f]/g, ' '))
  .pipe(z.string().trim().max(100))
  .catch('');

/** The `q` parameter without control characters, trimmed, at most 100 characters; '' if unreadable. */
export function searchQuery(raw: string | null): string {
  return Query.parse(raw ?? '');
}
