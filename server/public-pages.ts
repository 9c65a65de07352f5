/**
 * Caching of the public pages and open data, decided before Remix renders anything:
 * - A public page's HTML depends only on its URL, the reader's language, the build and the
 *   public data (app/dashboards/data-version.server.ts). Its ETag names those; a request whose
 *   If-None-Match matches is answered 304 after one small query, without rendering.
 * - `Cache-Control` lets a CDN or proxy serve a spike from its copy for a minute and revalidate
 *   in the background (`s-maxage`, `stale-while-revalidate`), while browsers always ask
 *   (`max-age=0`), so a reader sees a new report on the next visit.
 * - Anything answered to a signed-in request is `private, no-store` unless its route says
 *   otherwise: it may name the person or what only they can see.
 */
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express';
import { parse } from 'cookie';
import { SESSION_COOKIE } from '~/auth/session.server';
import type { Db } from '~/db/prisma.server';
import { currentPublicDataVersion } from '~/dashboards/data-version.server';
import { watchedDataVersion } from '~/dashboards/data-version-watch.server';
import { LANGUAGE_COOKIE, negotiateLocale } from '~/i18n/negotiate';
import { matchesEtag } from '~/open-data/http.server';
import type { ResponseCache } from './response-cache';

/**
 * The public pages and open data whose content is a function of URL, language, build and
 * public data: the statewide, state, county, town and agency pages, report histories and
 * /compare (each also as Remix's `.data` for client-side navigation), and the open-data API
 * and feeds about them, and /search (places, agencies and ZIP codes). Not /audit (the last check),
 * the ICE list archive (fetch runs) nor anything answered to an API token.
 */
const VERSIONED = [
  /^\/(_root)?$/,
  /^\/places\/[a-z]{2}(\/[a-z0-9-]+)?$/,
  /^\/agencies\/[a-z0-9-]+(\/reports\/\d+)?$/,
  /^\/compare$/,
  /^\/search$/,
  /^\/api\/v1\/(agencies|places|compare|agreements|figures)(\/|\.csv$|$)/,
  /^\/feeds\//,
];

export const PUBLIC_CACHE_CONTROL = 'public, max-age=0, must-revalidate, s-maxage=60, stale-while-revalidate=600';

const isVersioned = (path: string) => VERSIONED.some((pattern) => pattern.test(path.replace(/\.data$/, '')));

export function publicPageCaching(db: () => Db, buildVersion: string, responses: ResponseCache | null = null) {
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const cookies = req.headers.cookie ? parse(req.headers.cookie) : {};
    if (cookies[SESSION_COOKIE] || req.headers.authorization) {
      onHeaders(res, () => {
        if (!res.hasHeader('Cache-Control')) res.setHeader('Cache-Control', 'private, no-store');
      });
      return next();
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    // Known without a query while this instance listens for changes (data-version-watch.server.ts).
    const watched = watchedDataVersion(db());
    if (!isVersioned(req.path)) {
      // No ETag here, but the root loader's shared data is kept by version: spare it the read.
      if (watched) res.locals.publicDataVersion = watched;
      return next();
    }
    let version: string;
    try {
      version = watched ?? (await currentPublicDataVersion(db()));
    } catch {
      return next(); // the page itself reports a database that does not answer
    }
    const locale = negotiateLocale({ cookie: cookies[LANGUAGE_COOKIE] ?? null, acceptLanguage: req.headers['accept-language'] ?? null });
    const etag = `"${version}-${locale}-${buildVersion}"`;
    res.locals.publicDataVersion = version; // the page's loaders use it for their cache
    if (matchesEtag(req.headers['if-none-match'] ?? null, etag)) {
      res.setHeader('Cache-Control', PUBLIC_CACHE_CONTROL);
      // A 200 gets its Vary from entry.server.tsx (varyOnLanguage); a 304 must repeat it.
      res.setHeader('Vary', 'Accept-Language, Cookie');
      res.setHeader('ETag', etag);
      res.status(304).end();
      return;
    }
    // Keyed by origin too: the open-data answers carry absolute links built from the request's
    // address, as Remix's adapter reads it (X-Forwarded-Host, else Host).
    const key = `${locale} ${req.protocol}://${req.get('X-Forwarded-Host') ?? req.get('host') ?? ''}${req.originalUrl}`;
    if (responses && (await responses.serveOrKeep(req, res, key, version, etag))) return;
    // Only a full 200 page carries the ETag (a 404 or an error must not be revalidated as fresh).
    // A download that sets its own Cache-Control (public, no-cache) keeps it.
    onHeaders(res, () => {
      if (res.statusCode === 200 && !res.hasHeader('Set-Cookie')) {
        res.setHeader('ETag', etag);
        if (!res.hasHeader('Cache-Control')) res.setHeader('Cache-Control', PUBLIC_CACHE_CONTROL);
      } else {
        res.setHeader('Cache-Control', 'no-store');
      }
    });
    next();
  };
}

/** Runs `listener` just before the status line and headers are sent. */
function onHeaders(res: ExpressResponse, listener: () => void) {
  const writeHead = res.writeHead;
  res.writeHead = function (this: ExpressResponse, ...args: Parameters<typeof writeHead>) {
    if (typeof args[0] === 'number') this.statusCode = args[0];
    listener();
    return writeHead.apply(this, args);
  } as typeof writeHead;
}
