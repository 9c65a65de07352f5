/**
 * The portal as Playwright's webServer runs it: the built app on a dedicated, freshly created
 * database `oversight_portal_e2e` (migrated and seeded by startServer), on the same PostgreSQL
 * server the portal uses (the embedded one, or the server of DATABASE_URL).
 *
 * On SIGINT/SIGTERM it stops the HTTP server, keeps the e2e database (handy for inspecting a
 * failed run; the next run recreates it), stops the embedded PostgreSQL if this process started
 * it, and exits.
 */
import { openDatabase, quoteIdent, withClient, type Database } from '../../scripts/db/database';
import { startServer } from '../../server/index';

const E2E_DATABASE = 'oversight_portal_e2e';
const port = Number(process.env.E2E_PORT ?? 3199);

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

const log = (message: string) => console.log(`[e2e-server] ${message}`);

let base: Database | null = null;
let portal: Awaited<ReturnType<typeof startServer>> | null = null;
let stopping = false;

async function shutdown(exitCode: number) {
  if (stopping) return;
  stopping = true;
  try {
    if (portal) await portal.close();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    exitCode ||= 1;
  }
  try {
    if (base) await base.close();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    exitCode ||= 1;
  }
  process.exit(exitCode);
}

// Registered before anything starts, so a signal during start-up still stops PostgreSQL.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping.`);
    void shutdown(0);
  });
}

try {
  base = await openDatabase(log);
  if (stopping) throw new Error('Stopped during start-up.');
  const adminUrl = withDatabase(base.url, 'postgres');
  await withClient(adminUrl, async (client) => {
    await client.query(`drop database if exists ${quoteIdent(E2E_DATABASE)} with (force)`);
    await client.query(`create database ${quoteIdent(E2E_DATABASE)}`);
  });
  process.env.DATABASE_URL = withDatabase(base.url, E2E_DATABASE);
  // The browser tests' portal never fetches ICE's lists from ice.gov on its own.
  process.env.ICE_FETCH_SCHEDULE = 'off';
  // Nor mails reminders on its own (a browser test that needs mail delivery sets MAIL_SCHEDULE=on).
  process.env.MAIL_SCHEDULE ??= 'off';
  log(`Database ${E2E_DATABASE} recreated; migrating and seeding it.`);
  portal = await startServer({ port, host: '127.0.0.1' });
  if (stopping) await portal.close();
} catch (error) {
  if (!stopping) {
    console.error(error instanceof Error ? error.message : error);
    await shutdown(1);
  }
}
