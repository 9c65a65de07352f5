/**
 * npm run mail:run [-- --json]
 *
 * Runs the reminder job and then mail delivery once, as the server's schedule does (app/mail/):
 * reminders are queued in the outbox, then every queued mail that is due is sent through
 * SMTP_URL. Safe beside running portals: each job runs once across instances, and a run that
 * finds another under way is recorded as skipped. Without SMTP_URL the mail stays queued.
 * Exit status: 0 when done (or skipped), 1 when a job failed.
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createPrismaClient } from '~/db/prisma.server';
import { runMailDelivery } from '~/mail/delivery.server';
import { runReminders } from '~/mail/reminders.server';
import { openPreparedDatabase } from './db/prepare';

const USAGE = 'Usage: npm run mail:run [-- --json]';

let json = false;
try {
  json = Boolean(parseArgs({ options: { json: { type: 'boolean', default: false } } }).values.json);
} catch (error) {
  console.error(`mail:run: ${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

// Logs go to stderr so that --json prints exactly one JSON document on stdout.
const db = await openPreparedDatabase((message) => console.error(message));
const prisma = createPrismaClient(db.url);
const trigger = `cli:${os.userInfo().username}`;
let exitCode: number;
try {
  const reminders = await runReminders(prisma, { trigger, databaseUrl: db.url });
  const delivery = await runMailDelivery(prisma, { trigger, databaseUrl: db.url });
  if (json) {
    console.log(JSON.stringify({ reminders, delivery }, null, 2));
  } else {
    const line = (name: string, run: typeof reminders) =>
      `${name}: run ${run.runId} ${run.outcome}${Object.keys(run.detail).length ? ` (${Object.entries(run.detail).map(([k, v]) => `${k} ${v}`).join(', ')})` : ''}${run.error ? `: ${run.error}` : ''}`;
    console.log(line('Reminders', reminders));
    console.log(delivery ? line('Delivery', delivery) : 'Delivery: SMTP_URL is unset; queued mail stays queued.');
  }
  exitCode = reminders.outcome === 'failed' || delivery?.outcome === 'failed' ? 1 : 0;
} finally {
  await prisma.$disconnect();
  await db.close();
}
process.exit(exitCode);
