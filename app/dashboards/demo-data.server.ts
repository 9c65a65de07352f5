/**
 * Whether the database holds the demo seed's made-up filings and policies. Pages and downloads
 * label themselves "demonstration data" when it does: the label follows the data, not an
 * environment variable, so it cannot be forgotten on a database that was seeded in demo mode.
 */
import type { Db } from '~/db/prisma.server';
import { DEMO_SEED_STEPS } from '~/db/seed-steps';

export async function hasDemoData(db: Db): Promise<boolean> {
  return (await db.seedRun.count({ where: { name: { in: [...DEMO_SEED_STEPS] } } })) > 0;
}
