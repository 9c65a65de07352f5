/**
 * `npm start`: serves the built portal with Express. Resolves the database first (the embedded
 * PostgreSQL when DATABASE_URL is unset), migrates and seeds it, then listens.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServerBuild } from '@remix-run/node';
import { chartScriptsVersion } from '~/components/charts/chart-scripts.server';
import { startDataVersionWatch } from '~/dashboards/data-version-watch.server';
import { disconnectPrisma, prisma } from '~/db/prisma.server';
import { startMailSchedule } from '~/mail/schedule.server';
import { startAlertSchedule } from '~/alerts/schedule.server';
import { startIceFetchSchedule } from '~/registry/ice-fetch.server';
import { startAuditCheckSchedule } from '~/reporting/audit-log.server';
import { closeOnSignals, projectDir } from '../scripts/db/database';
import { openPreparedDatabase } from '../scripts/db/prepare';
import { portalApp } from './app';
import { ResponseCache } from './response-cache';

export async function startServer({ port, host }: { port: number; host?: string }) {
  const db = await openPreparedDatabase();
  process.env.DATABASE_URL = db.url;
  // Loaded only now: the app's Prisma client reads DATABASE_URL on first use.
  const build: ServerBuild = await import(pathToFileURL(path.join(projectDir, 'build', 'index.js')).href);

  const responses = process.env.RESPONSE_CACHE === 'off' ? null : new ResponseCache();
  // The chart scripts are built beside Remix's, not by it: their hashes are part of the build's version.
  const app = portalApp({ build, buildVersion: `${build.assets.version}-${chartScriptsVersion()}`, responses, mode: process.env.NODE_ENV });

  // Anonymous readers' pages learn the public data version from the database's notifications
  // instead of a query each; not behind a pooler that does not keep sessions (docs/deploy.md).
  const versionWatch = process.env.DATABASE_POOLER === 'transaction' ? null : startDataVersionWatch(prisma(), db.url);

  const server = app.listen(port, host ?? '0.0.0.0');
  try {
    await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  } catch (error) {
    await versionWatch?.stop();
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
  // Reminder mails once a day and delivery of the outbox, each once across all instances (app/mail/).
  const mailSchedule = startMailSchedule(prisma);
  // Residents' alerts: what happened since the last look, queued for delivery (app/alerts/).
  const alertSchedule = startAlertSchedule(prisma);

  const close = async () => {
    iceSchedule?.stop();
    auditSchedule?.stop();
    mailSchedule?.stop();
    alertSchedule?.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await versionWatch?.stop();
    await disconnectPrisma();
    await db.close();
  };
  return { server, close, db };
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
