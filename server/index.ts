/**
 * `npm start`: serves the built portal with Express. Resolves the database first (the embedded
 * PostgreSQL when DATABASE_URL is unset), migrates and seeds it, then listens.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';
import type { AppLoadContext, ServerBuild } from '@remix-run/node';
import compression from 'compression';
import express from 'express';
import { chartScriptsVersion } from '~/components/charts/chart-scripts.server';
import { disconnectPrisma, prisma } from '~/db/prisma.server';
import type { PortalLoadContext } from '~/load-context';
import { NATIONAL_FIGURES_PATH, nationalFiguresHandler } from '~/open-data/national-figures.server';
import { startIceFetchSchedule } from '~/registry/ice-fetch.server';
import { startAuditCheckSchedule } from '~/reporting/audit-log.server';
import { closeOnSignals, projectDir } from '../scripts/db/database';
import { openPreparedDatabase } from '../scripts/db/prepare';
import { bodyLimits } from './body-limits';
import { databaseErrorHandler, remixRequestHandler } from './database-errors';
import { inputGuard } from './input-guard';
import { publicPageCaching } from './public-pages';
import { ResponseCache } from './response-cache';
import { sameOriginOnly, securityHeaders, trustProxySetting } from './security';

export async function startServer({ port, host }: { port: number; host?: string }) {
  const db = await openPreparedDatabase();
  process.env.DATABASE_URL = db.url;
  // Loaded only now: the app's Prisma client reads DATABASE_URL on first use.
  const build: ServerBuild = await import(pathToFileURL(path.join(projectDir, 'build', 'index.js')).href);

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
  // gzip or brotli, as the browser accepts, for HTML, JS, CSS, JSON and CSV (the `compression`
  // package picks by Content-Type and skips small bodies). Streamed downloads are compressed
  // as they stream.
  app.use(compression({ brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } } }));
  // Fingerprinted assets can be cached forever; other public files for an hour.
  app.use('/build', express.static(path.join(projectDir, 'public', 'build'), { immutable: true, maxAge: '1y' }));
  app.use(publicFiles(path.join(projectDir, 'public')));
  const responses = process.env.RESPONSE_CACHE === 'off' ? null : new ResponseCache();
  // The chart scripts are built beside Remix's, not by it: their hashes are part of the build's version.
  app.use(publicPageCaching(prisma, `${build.assets.version}-${chartScriptsVersion()}`, responses));
  // Every counted figure (hundreds of MB): streamed by Express, which waits for a slow reader (Remix does not).
  app.get(NATIONAL_FIGURES_PATH, nationalFiguresHandler());
  app.all(
    '*',
    remixRequestHandler({
      build,
      mode: process.env.NODE_ENV,
      getLoadContext: (req, res): AppLoadContext & PortalLoadContext => ({
        cspNonce: res.locals.cspNonce,
        clientIp: req.ip ?? null,
        publicDataVersion: res.locals.publicDataVersion ?? null,
      }),
    }),
  );
  // The database away: 503 with Retry-After, not a 500 (database-errors.ts).
  app.use(databaseErrorHandler);

  const server = app.listen(port, host ?? '0.0.0.0');
  try {
    await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  } catch (error) {
    await db.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`Port ${port} is already in use: stop the other program or choose another port, e.g. PORT=3001 npm start.`, { cause: error });
    }
    throw error;
  }
  console.log(`Data: ${db.location}`);
  console.log(`Oversight Portal is running: open http://localhost:${port}/`);
  // ICE's lists, once a day across all instances; its first check comes after start-up, never delaying it.
  const iceSchedule = startIceFetchSchedule(prisma);
  // The whole audit chain, once a day across all instances (the public /audit page checks only new entries).
  const auditSchedule = startAuditCheckSchedule(prisma);

  const close = async () => {
    iceSchedule?.stop();
    auditSchedule?.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await disconnectPrisma();
    await db.close();
  };
  return { server, close, db };
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

const isMain = import.meta.url === pathToFileURL(process.argv[1] ?? '').href;
if (isMain) {
  // React and Remix run their production builds unless told otherwise: the development ones
  // check and warn on every render, several times slower. Set before the app is loaded.
  process.env.NODE_ENV ??= 'production';
  const port = Number(process.env.PORT || 3000);
  try {
    const { close } = await startServer({ port, host: process.env.HOST });
    closeOnSignals(close);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
