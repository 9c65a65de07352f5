/**
 * Seeds a database once: each step runs only if it has not run before (table seed_run), so
 * starting the portal again never re-seeds, and a step added later runs on old databases too.
 */
import type { PrismaClient } from '~/db/prisma.server';
import { seedDemoAccounts } from './demo-accounts';
import { seedDemoPolicies } from './demo-policies';
import { seedIceRegistry } from './ice-registry';
import { seedNcJurisdictions } from './nc-jurisdictions';

interface SeedStep {
  name: string;
  /** Made-up data, seeded only in demo mode. */
  demo?: boolean;
  run: (prisma: PrismaClient, log: (message: string) => void) => Promise<void>;
}

export const SEED_STEPS: SeedStep[] = [
  { name: 'nc-jurisdictions', run: (prisma) => seedNcJurisdictions(prisma) },
  { name: 'ice-registry', run: seedIceRegistry },
  { name: 'demo-accounts', demo: true, run: (prisma) => seedDemoAccounts(prisma) },
  { name: 'demo-policies', demo: true, run: (prisma) => seedDemoPolicies(prisma) },
];

export interface SeedOptions {
  demo: boolean;
  log?: (message: string) => void;
}

export async function seedDatabase(prisma: PrismaClient, { demo, log = console.log }: SeedOptions) {
  const done = new Set((await prisma.seedRun.findMany()).map((run) => run.name));
  for (const step of SEED_STEPS) {
    if (done.has(step.name) || (step.demo && !demo)) continue;
    log(`Seeding ${step.name} ...`);
    await step.run(prisma, log);
    await prisma.seedRun.create({ data: { name: step.name } });
  }
}
