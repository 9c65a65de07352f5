/**
 * Vitest global setup: one real PostgreSQL for the whole run (the embedded one, or the server
 * of DATABASE_URL) and a freshly migrated template database that each test file copies.
 */
import type { TestProject } from 'vitest/node';
import { migrate, openDatabase, quoteIdent, withClient } from '../../scripts/db/database';

export const TEMPLATE_DATABASE = 'oversight_portal_test_template';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDatabaseUrl: string;
    templateDatabase: string;
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
      // Databases left by an interrupted earlier run.
      const { rows } = await client.query("select datname from pg_database where datname like 'oversight_portal_test_%'");
      for (const row of rows) await client.query(`drop database ${quoteIdent(row.datname)} with (force)`);
      await client.query(`create database ${quoteIdent(TEMPLATE_DATABASE)}`);
    });
    await migrate(withDatabase(db.url, TEMPLATE_DATABASE), () => {});
  } catch (error) {
    await db.close(); // don't leave the embedded server running
    throw error;
  }
  project.provide('adminDatabaseUrl', adminUrl);
  project.provide('templateDatabase', TEMPLATE_DATABASE);

  return async () => {
    await withClient(adminUrl, (client) => client.query(`drop database if exists ${quoteIdent(TEMPLATE_DATABASE)} with (force)`));
    await db.close();
  };
}
