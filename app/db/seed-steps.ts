/**
 * The seed steps that write made-up data (seeded only in demo mode, marked isDemo). seeds/index.ts
 * runs the steps; the app reads this list to tell whether the database holds demonstration data
 * (app/dashboards/demo-data.server.ts), without importing seeds/.
 */
export const DEMO_SEED_STEPS: readonly string[] = ['demo-accounts', 'demo-policies', 'demo-filings', 'demo-model-policies'];
