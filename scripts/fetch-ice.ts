/**
 * npm run fetch:ice [-- --json]
 *
 * Fetches ICE's participating and pending lists now, as the daily schedule does, imports them if
 * they are new, and prints what happened. Safe beside running portals: if a fetch is already
 * running anywhere, this one says so and stops. Exit status: 0 when done (or skipped), 1 when the
 * lists could not be fetched or imported (including no network).
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { createPrismaClient } from '~/db/prisma.server';
import { translator } from '~/i18n/i18n';
import { fetchMessageText } from '~/registry/ice-fetch-messages';
import { runIceFetch } from '~/registry/ice-fetch.server';
import { openPreparedDatabase } from './db/prepare';

const USAGE = 'Usage: npm run fetch:ice [-- --json]';

let json = false;
try {
  json = Boolean(parseArgs({ options: { json: { type: 'boolean', default: false } } }).values.json);
} catch (error) {
  console.error(`fetch:ice: ${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

// Logs go to stderr so that --json prints exactly one JSON document on stdout.
const db = await openPreparedDatabase((message) => console.error(message));
const prisma = createPrismaClient(db.url);
const t = translator('en');
let exitCode: number;
try {
  const result = await runIceFetch(prisma, { trigger: `cli:${os.userInfo().username}` });
  const lines = result.messages.map((message) => fetchMessageText(t, message));
  if (json) {
    console.log(JSON.stringify({ runId: result.runId, outcome: result.outcome, messages: lines, codes: result.messages }, null, 2));
  } else {
    const heading = result.runId === null ? 'Did not run' : `Fetch run ${result.runId}: ${result.outcome}`;
    console.log([heading, ...lines.map((line) => `  ${line}`)].join('\n'));
  }
  exitCode = result.outcome === 'OK' || result.outcome === 'SKIPPED' ? 0 : 1;
} finally {
  await prisma.$disconnect();
  await db.close();
}
process.exit(exitCode);
