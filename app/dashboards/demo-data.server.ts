/**
 * Whether the database holds the demo seed's made-up filings and policies. Pages and downloads
 * label themselves "demonstration data" when it does: the label follows the data, not an
 * environment variable, so it cannot be forgotten on a database that was seeded in demo mode.
 */
import { SEED_STEPS } from '../../seeds/index';
import type { Db } from '~/db/prisma.server';

const DEMO_STEPS = SEED_STEPS.filter((step) => step.demo).map((step) => step.name);

export async function hasDemoData(db: Db): Promise<boolean> {
  return (await db.seedRun.count({ where: { name: { in: DEMO_STEPS } } })) > 0;
}
