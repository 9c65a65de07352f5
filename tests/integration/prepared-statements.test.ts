/**
 * Statements the app runs often are prepared once per connection (prepared-statements.server.ts,
 * through SerialClient): checked on a real PostgreSQL, one connection, with what that
 * connection itself reports in pg_prepared_statements. One-off statements are not kept, nor more
 * than the cap, nor any behind a transaction-mode pooler; results are the same either way, and
 * a statement that fails is not taken for prepared.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '~/db/prisma.server';
import { MAX_PREPARED_PER_CONNECTION, PREPARE_AFTER_RUNS } from '~/db/prepared-statements.server';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
let client: PrismaClient;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterEach(async () => {
  await client?.$disconnect();
  delete process.env.DATABASE_POOLER;
});
afterAll(async () => {
  await db.drop();
});

/** A client with one connection, so every query and the check below share a session. */
const oneConnection = () => (client = createPrismaClient(db.url, { max: 1 }));
const prepared = async (like: string) =>
  (await client.$queryRawUnsafe<{ n: number }[]>(`select count(*)::int as n from pg_prepared_statements where statement like $1`, like))[0]!.n;

describe('prepared statements', () => {
  it('prepares a statement once it has run a few times, and answers the same', async () => {
    oneConnection();
    const run = (n: number) => client.$queryRaw<{ x: number; d: Date; a: number[] }[]>`select ${n}::int + 1 as x /* often */, ${new Date(Date.UTC(2026, 0, n))}::timestamp(3) as d, ${[n, n]}::int[] as a`;
    for (let n = 1; n <= PREPARE_AFTER_RUNS + 5; n++) {
      const [row] = await run(n);
      expect(row).toEqual({ x: n + 1, d: new Date(Date.UTC(2026, 0, n)), a: [n, n] });
    }
    expect(await prepared('%/* often */%')).toBe(1);
  });

  it('leaves a statement run once unprepared', async () => {
    oneConnection();
    await client.$queryRaw`select 1 as once /* one-off */`;
    expect(await prepared('%/* one-off */%')).toBe(0);
  });

  it('keeps at most the cap per connection', async () => {
    oneConnection();
    for (let i = 0; i < MAX_PREPARED_PER_CONNECTION + 20; i++) {
      for (let run = 0; run < PREPARE_AFTER_RUNS; run++) await client.$queryRawUnsafe(`select ${i} as n /* many */`);
    }
    expect(await prepared('%/* many */%')).toBeLessThanOrEqual(MAX_PREPARED_PER_CONNECTION);
    expect(await prepared('%/* many */%')).toBeGreaterThan(MAX_PREPARED_PER_CONNECTION / 2);
  }, 60_000);

  it('prepares nothing behind a transaction-mode pooler', async () => {
    process.env.DATABASE_POOLER = 'transaction';
    oneConnection();
    for (let run = 0; run < PREPARE_AFTER_RUNS + 2; run++) await client.$queryRaw`select 2 as n /* pooled */`;
    expect(await prepared('%/* pooled */%')).toBe(0);
  });

  it('does not take a statement that failed for prepared, and the connection goes on', async () => {
    oneConnection();
    const failing = () => client.$queryRawUnsafe('select no_such_column /* failing */');
    for (let run = 0; run < PREPARE_AFTER_RUNS + 2; run++) await expect(failing()).rejects.toThrow(/no_such_column/);
    expect(await prepared('%/* failing */%')).toBe(0);
    // Inside a transaction that fails and rolls back, too.
    for (let run = 0; run < PREPARE_AFTER_RUNS + 2; run++) {
      await expect(
        client.$transaction(async (tx) => {
          await tx.$queryRaw`select 3 as n /* in a transaction */`;
          await tx.$queryRawUnsafe('select 1/0');
        }),
      ).rejects.toThrow(/division by zero/);
    }
    const [row] = await client.$queryRaw<{ n: number }[]>`select 3 as n /* in a transaction */`;
    expect(row).toEqual({ n: 3 });
  });
});
