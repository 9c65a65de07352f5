/**
 * The feed routes' work: find the state or county named in the URL (404 otherwise), build the
 * feed in the reader's language, and answer with caching headers.
 */
import { prisma } from '~/db/prisma.server';
import { requestLocale } from '~/i18n/locale.server';
import { translator } from '~/i18n/i18n';
import { placePath } from '~/paths';
import { hasDemoData } from '~/dashboards/demo-data.server';
import { feedChanges, feedPlace } from '~/dashboards/feed-entries.server';
import { feedXml } from './feeds.server';
import { publicDataResponse } from './http.server';

const ATOM = /^([a-z0-9-]+)\.atom$/;

export async function atomFeedResponse(request: Request, names: { state: string; county: string | null }): Promise<Response> {
  const notFound = () => new Response('No such feed.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const stateSlug = names.county === null ? ATOM.exec(names.state)?.[1] : names.state;
  const countySlug = names.county === null ? null : ATOM.exec(names.county)?.[1];
  if (!stateSlug || countySlug === undefined) return notFound();

  const db = prisma();
  const stateCode = stateSlug.toUpperCase();
  const place = await feedPlace(db, stateCode, countySlug);
  if (!place) return notFound();
  const { state, county } = place;
  const scope = { stateCode, countyId: county?.id ?? null };

  const url = new URL(request.url);
  const locale = requestLocale(request);
  const [changes, demo] = await Promise.all([feedChanges(db, scope), hasDemoData(db)]);
  const xml = feedXml(changes, {
    scope,
    placeName: county ? `${county.name}, ${state.name}` : state.name,
    origin: url.origin,
    self: `${url.origin}${url.pathname}`,
    alternate: `${url.origin}${county ? placePath(county) : '/'}`,
    t: translator(locale),
    locale,
    demo,
  });
  return publicDataResponse(request, xml, { 'Content-Type': 'application/atom+xml; charset=utf-8', Vary: 'Accept-Language, Cookie' });
}
