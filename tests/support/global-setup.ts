/**
 * Vitest global setup: one real PostgreSQL for the whole run (the embedded one, or the server
 * of DATABASE_URL) and a freshly migrated template database that each test file copies.
 */
import type { TestProject } from 'vitest/node';
import { migrate, openDatabase, quoteIdent, withClient } from '../../scripts/db/database';

// Names carry the pid of the run that made them, so concurrent runs (two terminals, two
// developers' tools) never drop each other's databases, and leftovers of dead runs are found.
const RUN_PREFIX = `oversight_portal_test_${process.pid}_`;
const TEMPLATE_DATABASE = `${RUN_PREFIX}template`;

function runIsAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
    testDatabasePrefix: string;
  }
}

function withDatabase(url: string, name: string) {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export default async function setup(project: TestProject) {
  const db = await openDatabase(() => {});
  const adminUrl = withDatabase(db.url, 'postgres');
  try {
    await withClient(adminUrl, async (client) => {
      // Databases left by interrupted earlier runs.
      const { rows } = await client.query("select datname from pg_database where datname like 'oversight\\_portal\\_test\\_%'");
      for (const { datname } of rows as { datname: string }[]) {
        const pid = Number(datname.split('_')[3]);
        if (!Number.isInteger(pid) || !runIsAlive(pid)) await client.query(`drop database ${quoteIdent(datname)} with (force)`);
      }
      await client.query(`create database ${quoteIdent(TEMPLATE_DATABASE)}`);
    });
    await migrate(withDatabase(db.url, TEMPLATE_DATABASE), () => {});
  } catch (error) {
    await db.close(); // don't leave the embedded server running
    throw error;
  }
  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', TEMPLATE_DATABASE);
  project.provide('testDatabasePrefix', RUN_PREFIX);

  return async () => {
    await withClient(adminUrl, (client) => client.query(`drop database if exists ${quoteIdent(TEMPLATE_DATABASE)} with (force)`));
    await db.close();
  };
}
