/** What /search was asked, as the search takes it, and its answer: on the server (zod stays out of the page). */
import { z } from 'zod';
import type { Db } from '~/db/prisma.server';
import { zipInQuery } from './names';
import { searchPlaces, type SearchMatch } from './registry-queries.server';
import { groupResults, HOME_STATE, stateInQuery, type GroupedResults } from './search';

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

/**
 * The answer to a search: places in North Carolina (or in the state the person named, as in
 * "Charlotte, FL"), apart from places of the same name in other states, and the name a typo
 * was taken for.
 */
export async function searchAnswer(db: Db, query: string): Promise<GroupedResults<SearchMatch>> {
  const { stateCode, place } = stateInQuery(query);
  // A ZIP code is looked up as typed; a state after it changes nothing.
  const matches = await searchPlaces(db, zipInQuery(query) ? query : place, stateCode ?? HOME_STATE);
  return groupResults(matches, stateCode);
}
