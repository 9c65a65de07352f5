/**
 * The password of every demo account (seeds/demo-accounts.ts, seeded only in demo mode), shown
 * on the sign-in page while demo accounts exist. Here, not in seeds/, because the app may not
 * import seeds/ (docs/architecture.md, "Rules checked by lint").
 */
export const DEMO_PASSWORD = 'demo-pass-287g';
