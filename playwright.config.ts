import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3199);
const baseURL = `http://127.0.0.1:${PORT}`;
/** The local SMTP listener of tests/e2e/global-mail.ts; the portal mails to it. */
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? 3197);

export default defineConfig({
  testDir: 'tests/e2e',
  globalSetup: './tests/e2e/global-mail.ts',
  // One worker: the suite runs on 2-core machines next to PostgreSQL and the portal.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: true,
  reporter: 'list',
  timeout: 30_000,
  use: {
    ...devices['Desktop Chrome'],
    baseURL,
    headless: true,
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium: Playwright's own browser download is not available here.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: 'npx tsx tests/support/e2e-server.ts',
    url: `${baseURL}/healthz`,
    // Demo mode: the browser tests sign in with the demo accounts.
    // TRUST_PROXY: tests speak from their own client addresses (X-Forwarded-For), so sign-in
    // throttling in one test does not spill into the others.
    // Mail: to the run's SMTP listener (tests/e2e/global-mail.ts), delivered and alerts scanned
    // every second.
    env: {
      E2E_PORT: String(PORT),
      PORTAL_DEMO: '1',
      TRUST_PROXY: 'loopback',
      SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
      MAIL_SCHEDULE: 'on',
      MAIL_DELIVERY_INTERVAL_MS: '1000',
      ALERT_SCAN_INTERVAL_MS: '1000',
    },
    // The first run creates and seeds the e2e database.
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    // Without this Playwright SIGKILLs the server, which then cannot stop the embedded PostgreSQL.
    gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
  },
});
