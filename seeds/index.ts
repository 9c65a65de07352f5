/**
 * Seeds a database once: each step runs only if it has not run before (table seed_run), so
 * starting the portal again never re-seeds, and a step added later runs on old databases too.
 */
import type { PrismaClient } from '~/db/prisma.server';
import { DEMO_SEED_STEPS } from '~/db/seed-steps';
import { seedDemoAccounts } from './demo-accounts';
import { seedDemoFilings } from './demo-filings';
import { seedDemoModelPolicies } from './demo-model-policies';
import { seedDemoPolicies } from './demo-policies';
import { seedIceRegistry } from './ice-registry';
import { seedNcJurisdictions } from './nc-jurisdictions';
import { seedNcMoas } from './nc-moas';
import { seedNcPlaces } from './nc-places';

interface SeedStep {
  /** Those named in DEMO_SEED_STEPS (app/db/seed-steps.ts) write made-up data: seeded only in demo mode. */
  name: string;
  /** When it says no, the step is skipped and not recorded, so it runs on a later start that wants it. */
  wanted?: () => boolean;
  run: (prisma: PrismaClient, log: (message: string) => void) => Promise<void>;
}

/**
 * Demonstration filings (a few hundred reports) are wanted in demo mode unless
 * PORTAL_DEMO_FILINGS=0. Under Vitest they are off unless PORTAL_DEMO_FILINGS=1: the integration
 * tests that prepare a demo database were written against the demo policies alone (which
 * requirements exist, which periods are still unfiled), and they should not each spend seconds
 * filing reports they do not read.
 */
export function demoFilingsWanted(env: Record<string, string | undefined> = process.env): boolean {
  if (env.PORTAL_DEMO_FILINGS) return env.PORTAL_DEMO_FILINGS === '1';
  return !env.VITEST;
}

export const SEED_STEPS: SeedStep[] = [
  { name: 'nc-jurisdictions', run: (prisma) => seedNcJurisdictions(prisma) },
  { name: 'nc-places', run: seedNcPlaces },
  { name: 'ice-registry', run: seedIceRegistry },
  { name: 'nc-moas', run: seedNcMoas },
  { name: 'demo-accounts', run: (prisma) => seedDemoAccounts(prisma) },
  { name: 'demo-policies', run: (prisma) => seedDemoPolicies(prisma) },
  { name: 'demo-filings', wanted: () => demoFilingsWanted(), run: async (prisma, log) => void (await seedDemoFilings(prisma, { log })) },
  // With the filings' switch: the tests that prepare a demo database without filings were
  // written against the demo policies alone, and a town's police department added here would
  // show in their lists of places and agencies.
  { name: 'demo-model-policies', wanted: () => demoFilingsWanted(), run: (prisma) => seedDemoModelPolicies(prisma) },
];

export interface SeedOptions {
  demo: boolean;
  log?: (message: string) => void;
}

export async function seedDatabase(prisma: PrismaClient, { demo, log = console.log }: SeedOptions) {
  const done = new Set((await prisma.seedRun.findMany()).map((run) => run.name));
  for (const step of SEED_STEPS) {
    if (done.has(step.name) || (DEMO_SEED_STEPS.includes(step.name) && !demo) || (step.wanted && !step.wanted())) continue;
    log(`Seeding ${step.name} ...`);
    await step.run(prisma, log);
    await prisma.seedRun.create({ data: { name: step.name } });
  }
}
