/**
 * sql.server.ts runs a service's raw SQL straight on the pool of a client made by
 * createPrismaClient, and through Prisma otherwise. Checked on a real PostgreSQL: rows come
 * back exactly as Prisma's $queryRaw gives them and Dates go in as Prisma sends them, in a
 * process whose time zone is not UTC; a transaction commits, rolls back whole, returns its
 * connection, joins a Prisma transaction it is given, and survives its connection being killed.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '~/db/prisma.server';
import { inSqlTransaction, sqlOf } from '~/db/sql.server';
import { isDatabaseUnavailable } from '~/db/unavailable.server';
import { Prisma, PrismaClient as BarePrismaClient } from '~/generated/prisma/client';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
const clients: PrismaClient[] = [];
const client = (config: Parameters<typeof createPrismaClient>[1] = {}) => {
  const made = createPrismaClient(db.url, config);
  clients.push(made);
  return made;
};
const zone = process.env.TZ;

beforeAll(async () => {
  db = await createTestDatabase();
  await db.prisma.$executeRawUnsafe('create table sql_test (id serial primary key, at timestamp(3), day date, note text)');
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((made) => made.$disconnect()));
  await db.prisma.$executeRawUnsafe('truncate sql_test');
  process.env.TZ = zone;
});
afterAll(async () => {
  await db.drop();
});

const count = async () => (await db.prisma.$queryRaw<{ n: number }[]>`select count(*)::int as n from sql_test`)[0]!.n;

describe('sql.server', () => {
  it('reads every kind of column as $queryRaw does, in any time zone', async () => {
    process.env.TZ = 'America/Los_Angeles'; // pg's own readers would take dates as local time here
    const statement = Prisma.sql`select 7::int as int, 9007199254740993::int8 as big, 1234.50::numeric(16,2) as decimal, 2.5::float8 as float,
      '2026-03-08'::date as day, '2026-03-08 02:30:00.123'::timestamp(3) as at, '2026-03-08 02:30:00+05'::timestamptz as at_zone,
      '{"a": [1, "b"]}'::jsonb as jsonb, '{"c": null}'::json as json, array['x', 'y'] as texts, array[1, 2]::int[] as ints,
      'MONTHLY'::"Frequency" as frequency, true as yes, null::text as nothing, ${'a parameter'} as param`;
    const prismaRows = await db.prisma.$queryRaw<Record<string, unknown>[]>(statement);
    const direct = await sqlOf(client()).query<Record<string, unknown>>(statement);
    expect(direct).toEqual(prismaRows);
    // toEqual takes a Decimal for its digits; say what both are.
    expect(direct[0]!.decimal).toBeInstanceOf(Prisma.Decimal);
    expect(direct[0]).toMatchObject({ big: 9007199254740993n, day: new Date('2026-03-08T00:00:00Z'), at: new Date('2026-03-08T02:30:00.123Z') });
  });

  it('writes Dates as Prisma does, as UTC, whatever the time zone', async () => {
    process.env.TZ = 'Asia/Kolkata';
    const at = new Date('2026-07-01T23:45:00.250Z');
    const written = await sqlOf(client()).execute(Prisma.sql`insert into sql_test (at, day, note) values (${at}, ${at}::date, ${'direct'})`);
    expect(written).toBe(1);
    await db.prisma.$executeRaw`insert into sql_test (at, day, note) values (${at}, ${at}::date, ${'prisma'})`;
    const rows = await db.prisma.$queryRaw<{ at: Date; day: Date; note: string }[]>`select at, day, note from sql_test order by id`;
    expect(rows).toEqual([
      { at, day: new Date('2026-07-01T00:00:00Z'), note: 'direct' },
      { at, day: new Date('2026-07-01T00:00:00Z'), note: 'prisma' },
    ]);
  });

  it('commits a transaction, or rolls it back whole, and gives its connection back', async () => {
    const one = client({ max: 1, connectionTimeoutMillis: 2_000 });
    const insert = (note: string) => Prisma.sql`insert into sql_test (note) values (${note})`;
    // Each failed transaction must return the pool's only connection, or the next would wait for it.
    for (let n = 0; n < 3; n++) {
      await expect(
        inSqlTransaction(one, async (sql) => {
          await sql.execute(insert(`failed ${n}`));
          throw new Error(`refused ${n}`);
        }),
      ).rejects.toThrow(`refused ${n}`);
    }
    // A statement that fails in the database rolls back what came before it, too.
    await expect(
      inSqlTransaction(one, async (sql) => {
        await sql.execute(insert('before a bad statement'));
        await sql.execute(Prisma.sql`insert into sql_test (id) values (${'not a number'})`);
      }),
    ).rejects.toThrow();
    expect(await count()).toBe(0);
    const id = await inSqlTransaction(one, async (sql) => {
      const [row] = await sql.query<{ id: number }>(Prisma.sql`insert into sql_test (note) values ('kept') returning id`);
      return row!.id;
    });
    // Only what was committed: nothing of the failed ones came along with it.
    expect(await db.prisma.$queryRaw`select id, note from sql_test`).toEqual([{ id, note: 'kept' }]);
  });

  it('runs inside a Prisma transaction it is given, on that transaction’s connection', async () => {
    const portal = client();
    await expect(
      portal.$transaction(async (tx) => {
        await inSqlTransaction(tx, (sql) => sql.execute(Prisma.sql`insert into sql_test (note) values ('inner')`));
        await sqlOf(tx).execute(Prisma.sql`insert into sql_test (note) values ('outer')`);
        expect((await tx.$queryRaw<{ n: number }[]>`select count(*)::int as n from sql_test`)[0]!.n).toBe(2);
        throw new Error('the caller gives up');
      }),
    ).rejects.toThrow('the caller gives up');
    expect(await count()).toBe(0);
  });

  it('goes through Prisma for a client it does not know, with the same rows', async () => {
    const bare = new BarePrismaClient({ adapter: new PrismaPg({ connectionString: db.url, max: 1 }) });
    try {
      const statement = Prisma.sql`select ${3}::int as n, '2026-01-02'::date as day`;
      expect(await sqlOf(bare).query(statement)).toEqual(await sqlOf(client()).query(statement));
      await inSqlTransaction(bare, (sql) => sql.execute(Prisma.sql`insert into sql_test (note) values ('bare')`));
      expect(await count()).toBe(1);
    } finally {
      await bare.$disconnect();
    }
  });

  it('closes its connections on $disconnect, whether Prisma connected or not', async () => {
    const connections = async (name: string) =>
      (await db.prisma.$queryRaw<{ n: number }[]>`select count(*)::int as n from pg_stat_activity where application_name = ${name}`)[0]!.n;
    const onlySql = createPrismaClient(db.url, { application_name: 'sql-test-only-sql' });
    const both = createPrismaClient(db.url, { application_name: 'sql-test-both' });
    await sqlOf(onlySql).query(Prisma.sql`select 1`);
    await sqlOf(both).query(Prisma.sql`select 1`);
    await both.$queryRaw`select 1`;
    expect(await connections('sql-test-only-sql')).toBe(1);
    await onlySql.$disconnect();
    await both.$disconnect();
    // The server notices a closed connection a moment after the client closed it.
    for (let wait = 0; wait < 40 && (await connections('sql-test-only-sql')) + (await connections('sql-test-both')) > 0; wait++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect([await connections('sql-test-only-sql'), await connections('sql-test-both')]).toEqual([0, 0]);
  });

  it('fails a transaction whose connection is killed as "database unavailable", and goes on', async () => {
    const one = client({ max: 1, connectionTimeoutMillis: 2_000 });
    const failure = await inSqlTransaction(one, async (sql) => {
      await sql.execute(Prisma.sql`insert into sql_test (note) values ('lost')`);
      const [{ pid }] = await sql.query<{ pid: number }>(Prisma.sql`select pg_backend_pid() as pid`);
      await db.prisma.$queryRaw`select pg_terminate_backend(${pid}::int)`;
      await sql.query(Prisma.sql`select 1`);
    }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).not.toBeNull();
    expect(isDatabaseUnavailable(failure)).toBe(true);
    expect(await count()).toBe(0);
    // The pool dropped the dead connection: the next transaction gets a new one.
    await inSqlTransaction(one, (sql) => sql.execute(Prisma.sql`insert into sql_test (note) values ('after')`));
    expect(await count()).toBe(1);
  });
});
