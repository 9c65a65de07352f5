/**
 * The portal's Express application: the middleware in front of Remix, in its order, then Remix.
 * One definition, used by `npm start` (server/index.ts) and by tests that need the whole stack
 * in process (the fuzz suite), so the two cannot fall out of step.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { AppLoadContext, ServerBuild } from '@remix-run/node';
import compression from 'compression';
import express from 'express';
import { prisma } from '~/db/prisma.server';
import type { PortalLoadContext } from '~/load-context';
import { NATIONAL_FIGURES_PATH, nationalFiguresHandler } from '~/open-data/national-figures.server';
import { projectDir } from '../scripts/db/database';
import { bodyLimits } from './body-limits';
import { databaseErrorHandler, remixRequestHandler } from './database-errors';
import { FILINGS_API_PATH, filingsApiHandler } from './filings-api';
import { inputGuard } from './input-guard';
import { sendPlainAnswer } from './plain-answer';
import { publicPageCaching } from './public-pages';
import type { ResponseCache } from './response-cache';
import { sameOriginOnly, securityHeaders, trustProxySetting } from './security';

export interface PortalAppOptions {
  build: ServerBuild;
  /** The build's version for ETags: Remix's assets plus the chart scripts built beside them. */
  buildVersion: string;
  /** Whole answers kept per public data version; null turns that off. */
  responses: ResponseCache | null;
  mode?: string;
}

export function portalApp({ build, buildVersion, responses, mode }: PortalAppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  const trustProxy = trustProxySetting(process.env.TRUST_PROXY); // "1" is one proxy, not the address 0.0.0.1
  if (trustProxy !== undefined) app.set('trust proxy', trustProxy);
  app.use(securityHeaders);
  // Bodies over their limit are refused as they arrive, before anything reads them (body-limits.ts).
  app.use(bodyLimits());
  // A NUL byte or a broken %-escape in the address: 400 before any route or query (input-guard.ts).
  app.use(inputGuard);
  app.use(sameOriginOnly);
  // Agency systems' submissions: answered here, not through Remix (filings-api.ts). Uncompressed:
  // the answers are a few hundred bytes.
  app.post(FILINGS_API_PATH, filingsApiHandler(prisma));
  // gzip or brotli, as the browser accepts, for HTML, JS, CSS, JSON and CSV (the `compression`
  // package picks by Content-Type and skips small bodies). Streamed downloads are compressed
  // as they stream.
  app.use(compression({ brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } } }));
  // Fingerprinted assets can be cached forever; other public files for an hour.
  app.use('/build', express.static(path.join(projectDir, 'public', 'build'), { immutable: true, maxAge: '1y' }));
  // Browsers ask for /favicon.ico whatever the page's <link rel="icon"> says: point them at the
  // icon there is, rather than let Remix log a "no route matches" error for every visitor.
  app.get('/favicon.ico', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=86400');
    res.redirect(301, '/favicon.svg');
  });
  app.use(publicFiles(path.join(projectDir, 'public')));
  app.use(publicPageCaching(prisma, buildVersion, responses));
  // The benchmark's baseline page (app/routes/bench.trivial.tsx) answers only in a bench run.
  // Guarded here rather than by a loader of its own, so that page stays the cheapest one the
  // portal renders: the root layout and nothing else, as bench/bare's route is the bare root.
  if (process.env.PORTAL_BENCH !== '1') {
    app.all(['/bench/trivial', '/bench/trivial.data'], (req, res) =>
      sendPlainAnswer(req, res, { status: 404, apiMessage: 'Not found.', title: 'error.notFound', text: 'error.notFoundText' }),
    );
  }
  // Every counted figure (hundreds of MB): streamed by Express, which waits for a slow reader (Remix does not).
  app.get(NATIONAL_FIGURES_PATH, nationalFiguresHandler());
  app.all(
    '*',
    remixRequestHandler({
      build,
      mode,
      getLoadContext: (req, res): AppLoadContext & PortalLoadContext => ({
        cspNonce: res.locals.cspNonce,
        clientIp: req.ip ?? null,
        publicDataVersion: res.locals.publicDataVersion ?? null,
      }),
    }),
  );
  // The database away: 503 with Retry-After, not a 500 (database-errors.ts).
  app.use(databaseErrorHandler);
  return app;
}

/**
 * The files in public/ (the favicon), for an hour. Only paths under a name public/ holds reach
 * express.static: asking the disk about every page request costs a stat and an error object.
 */
function publicFiles(dir: string) {
  const names = new Set(fs.readdirSync(dir).filter((name) => name !== 'build'));
  const serve = express.static(dir, { maxAge: '1h' });
  return (req: express.Request, res: express.Response, next: express.NextFunction) => {
    const first = req.path.split('/')[1] ?? '';
    return names.has(first) ? serve(req, res, next) : next();
  };
}
