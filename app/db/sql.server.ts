/**
 * Raw SQL for the hottest paths (an API filing submission), straight on the pg pool behind the
 * app's Prisma client. Prisma 6.19 spends about 0.1 ms of CPU on each raw query (it serialises
 * the query to JSON, plans it, interprets the plan and converts every row twice) and 0.3 ms more
 * on each interactive transaction: more than pg itself, and a fifth of a submission's time in
 * the portal process.
 *
 * `sqlOf(db)` and `inSqlTransaction(db, work)` take any `db` a service takes. On a client made by
 * createPrismaClient they use its pool; on a Prisma transaction (a CSV upload filing several
 * periods in one) or any other client they go through Prisma, so a service has one code path
 * and the same statements either way. Rows come back as Prisma's `$queryRaw` gives them (dates
 * and timestamps as Dates read as UTC, bigint as BigInt, numeric as Decimal, JSON parsed), and
 * Dates are sent as UTC ISO text as Prisma sends them, whatever the process's time zone:
 * tests/integration/sql.test.ts compares the two paths.
 */
import pg from 'pg';
import { Prisma } from '~/generated/prisma/client';
import type { Db, PrismaClient } from './prisma.server';
import { inTransaction } from './transaction.server';

export interface Sql {
  /** The statement's rows, as `$queryRaw` returns them. */
  query<T>(statement: Prisma.Sql): Promise<T[]>;
  /** The number of rows the statement changed, as `$executeRaw` returns it. */
  execute(statement: Prisma.Sql): Promise<number>;
}

// On the client itself, not in a module's map: the server entry and the Remix build each bundle
// their own copy of this module, and share one client.
const POOL = Symbol.for('oversight-portal.pg-pool');
type WithPool = { [POOL]?: pg.Pool };
// A Prisma transaction's client sees its parent's properties, the pool too: it must keep to its
// own connection (it has no `$transaction`, which is how inTransaction tells it apart).
const poolOf = (db: Db): pg.Pool | undefined => ('$transaction' in db ? (db as WithPool)[POOL] : undefined);

/** createPrismaClient: statements given this client may run on `pool` (the one under its adapter). */
export function registerPool(client: PrismaClient, pool: pg.Pool) {
  Object.defineProperty(client, POOL, { value: pool });
}

/** A reader of dates that refuses what is not one (infinity, years BC), as Prisma does. */
const dateReader = (read: (text: string) => Date) => (text: string) => {
  const date = read(text);
  if (Number.isNaN(date.getTime())) throw new Error(`Cannot read ${JSON.stringify(text)} as a date.`);
  return date;
};

/** Readers of a column's text where Prisma reads differently from pg's defaults, by type oid. */
const READERS: Record<number, (text: string) => unknown> = {
  20: (text) => BigInt(text), // int8
  1700: (text) => new Prisma.Decimal(text), // numeric
  1082: dateReader((text) => new Date(`${text}T00:00:00Z`)), // date: midnight UTC, not local midnight
  1114: dateReader((text) => new Date(`${text.replace(' ', 'T')}Z`)), // timestamp: as UTC, not local time
  1184: dateReader((text) => new Date(text)), // timestamptz
};
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    format !== 'binary' && READERS[oid] ? READERS[oid] : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/** A parameter as Prisma sends it: a Date as its UTC ISO text (pg would write the local time). */
function parameter(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(parameter);
  if (typeof value === 'bigint') return value.toString();
  return value;
}

function pgSql(target: Pick<pg.Pool, 'query'> | Pick<pg.PoolClient, 'query'>): Sql {
  const run = (statement: Prisma.Sql) => target.query({ text: statement.text, values: statement.values.map(parameter), types });
  return {
    query: async <T>(statement: Prisma.Sql) => (await run(statement)).rows as T[],
    execute: async (statement: Prisma.Sql) => (await run(statement)).rowCount ?? 0,
  };
}

function prismaSql(db: Db): Sql {
  return {
    query: <T>(statement: Prisma.Sql) => db.$queryRaw<T[]>(statement),
    execute: (statement: Prisma.Sql) => db.$executeRaw(statement),
  };
}

/** Statements outside a transaction (or in the caller's), each on whichever connection is free. */
export function sqlOf(db: Db): Sql {
  const pool = poolOf(db);
  return pool ? pgSql(pool) : prismaSql(db);
}

/**
 * Runs `work` in a transaction, or in the caller's when `db` already is one (as inTransaction
 * does; `options` are Prisma's, for a client whose pool is not known). On the pool: BEGIN, then
 * COMMIT when `work` resolves, ROLLBACK when it throws; a connection that broke is discarded,
 * not returned to the pool.
 */
export async function inSqlTransaction<T>(db: Db, work: (sql: Sql) => Promise<T>, options?: { timeout?: number; maxWait?: number }): Promise<T> {
  const pool = poolOf(db);
  if (!pool) return inTransaction(db, (tx) => work(prismaSql(tx)), options);

  const client = await pool.connect();
  // A connection that dies while checked out emits 'error'; unheard, it would end the process.
  // The statement in flight fails with it, and so does the transaction.
  let broken: Error | undefined;
  const onError = (error: Error) => (broken = error);
  client.on('error', onError);
  try {
    await client.query('begin');
    const result = await work(pgSql(client));
    await client.query('commit');
    return result;
  } catch (error) {
    if (!broken) await client.query('rollback').catch((failed: Error) => (broken = failed));
    throw error;
  } finally {
    client.removeListener('error', onError);
    client.release(broken);
  }
}
