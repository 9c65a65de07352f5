/**
 * Raw SQL plans kept per SQL and kinds of arguments (raw-query-plans.server.ts), checked against
 * Prisma's own compiler: with the check on, every plan taken from the cache is also compiled and
 * must be the same, for random arguments of every kind the cache accepts (and some it does not),
 * run through a real Prisma client on a real PostgreSQL, with the answers checked too.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '~/db/prisma.server';
import { checkRawPlansAgainstCompiler, rawPlanHits } from '~/db/raw-query-plans.server';
import { Prisma } from '~/generated/prisma/client';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
let client: PrismaClient;
beforeAll(async () => {
  db = await createTestDatabase();
  client = createPrismaClient(db.url, { max: 2 });
  checkRawPlansAgainstCompiler(true);
});
afterAll(async () => {
  checkRawPlansAgainstCompiler(false);
  await client.$disconnect();
  await db.drop();
});

const text = fc.string({ unit: 'grapheme', maxLength: 12 }).map((s) => s.replaceAll('\u0000', ''));
const int = fc.integer({ min: -2_147_483_647, max: 2_147_483_647 });
const date = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2200-01-01T00:00:00Z'), noInvalidDate: true });

describe('raw query plans', () => {
  it('are the compiler’s plans, and give the same answers, for every kind of argument they keep', async () => {
    const before = rawPlanHits();
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          i: int,
          l: fc.oneof(fc.integer({ min: 2_147_483_648, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: Number.MIN_SAFE_INTEGER, max: -2_147_483_648 })),
          s: text,
          b: fc.boolean(),
          d: date,
          ints: fc.array(fc.option(int), { maxLength: 5 }),
          texts: fc.array(fc.option(text), { maxLength: 5 }),
          dates: fc.array(date, { maxLength: 3 }),
        }),
        async (v) => {
          const [row] = await client.$queryRaw<Record<string, unknown>[]>`
            select ${v.i}::int as i, ${v.l}::bigint::text as l, ${v.s}::text as s, ${v.b}::boolean as b,
              ${v.d}::timestamp(3) as d, ${null}::text as n, ${v.ints}::int[] as ints, ${v.texts}::text[] as texts, ${v.dates}::timestamp(3)[] as dates`;
          expect(row).toEqual({ i: v.i, l: String(v.l), s: v.s, b: v.b, d: v.d, n: null, ints: v.ints, texts: v.texts, dates: v.dates });
          expect(await client.$executeRaw`select ${v.i}::int, ${v.s}::text, ${v.d}::timestamp(3)`).toBe(1);
        },
      ),
      { numRuns: 60 },
    );
    // Most runs were answered from the cache (and each was compared with the compiler's plan).
    expect(rawPlanHits() - before).toBeGreaterThan(60);
  });

  it('leaves to the compiler what it does not keep, with the same answers', async () => {
    const before = rawPlanHits();
    for (let run = 0; run < 3; run++) {
      const [row] = await client.$queryRaw<Record<string, unknown>[]>`
        select ${new Prisma.Decimal('12.50')}::numeric::text as dec, ${BigInt('9007199254740993')}::bigint::text as big,
          ${{ a: [1, { b: 'x' }] }}::jsonb as json, ${Buffer.from('hi')}::bytea as bytes, ${[1, 'a']}::text[] as mixed,
          ${1.5}::float8 as fraction`;
      expect(row).toMatchObject({ dec: '12.5', big: '9007199254740993', json: { a: [1, { b: 'x' }] }, mixed: ['1', 'a'], fraction: 1.5 });
      expect(Buffer.from(row.bytes as Uint8Array).toString()).toBe('hi');
    }
    expect(rawPlanHits()).toBe(before);
  });
});
