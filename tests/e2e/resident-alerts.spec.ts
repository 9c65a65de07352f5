/**
 * Alerts for residents (issue 15, point 5), end to end with a real SMTP listener: on a phone,
 * a resident follows Gaston County by email (no account), opens the confirmation link from the
 * mail that arrives, confirms, and after the county's sheriff files a report gets exactly one
 * alert, whose RFC 8058 one-click unsubscribe (a cookieless POST, as a mail client sends it)
 * stops the alerts. The portal delivers every second to the run's listener (tests/e2e/global-mail.ts;
 * playwright.config.ts sets SMTP_URL, MAIL_DELIVERY_INTERVAL_MS and ALERT_SCAN_INTERVAL_MS).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { spooledMail, waitForSpooled, type ReceivedMail } from '../support/smtp-sink';
const DEMO_PASSWORD = 'demo-pass-287g';
const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true };

// The run's SMTP listener (tests/e2e/global-mail.ts) spools every mail the portal sends here.
const mailDir = () => process.env.E2E_MAIL_DIR!;

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function expectFitsThePhone(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/**
 * Gaston's demo filer (filer and head) files the newest overdue period with nothing to report
 * (the demo data leaves the latest period unfiled; tests/e2e/filing.spec.ts files the oldest
 * two) and returns its label.
 */
async function fileAReport(browser: Browser, address: string): Promise<string> {
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': address } });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill('filer.gaston@example.org');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/(account|filings)$/);
  await page.goto('/filings');
  const open = page.getByRole('row').filter({ hasText: 'Overdue' }).first().getByRole('button', { name: /^Open the report for / });
  const period = (await open.getAttribute('aria-label'))!.replace(/^Open the report for /, '');
  await open.click();
  await expect(page).toHaveURL(/\/filings\/\d+$/);
  await page.getByLabel('Nothing to report for this period').check();
  await page.getByLabel('Your full name').fill('Chad Hawkins');
  await page.getByLabel('Your title').fill('Sheriff');
  await page.getByRole('button', { name: 'Certify and submit' }).click();
  await expect(page.getByRole('status')).toHaveText('Submitted: revision 1.');
  await context.close();
  return period;
}

const alertsTo = (email: string) => spooledMail(mailDir()).filter((mail) => mail.to.includes(email) && mail.subject.startsWith('New report: '));
const linkIn = (mail: ReceivedMail, kind: 'confirm' | 'unsubscribe') => {
  const match = new RegExp(`https?://[^\\s/]+/alerts/${kind}/[A-Za-z0-9_-]{43}`).exec(mail.text);
  expect(match, mail.text).not.toBeNull();
  return match![0];
};

test('a resident follows Gaston County by email, confirms, gets one alert for a new report and unsubscribes with one click', async ({ browser, playwright }) => {
  test.setTimeout(120_000);
  const email = `resident.${Date.now()}@example.org`;
  const context = await browser.newContext({ ...PHONE, extraHTTPHeaders: { 'x-forwarded-for': '198.51.100.231' } });
  const page = await context.newPage();

  await page.goto('/places/nc/gaston-county');
  const follow = page.getByRole('region', { name: 'Follow Gaston County, NC by email' });
  await expect(follow).toContainText('No account needed');
  await expectNoAxeViolations(page);
  await expectFitsThePhone(page);
  await follow.getByLabel('Your email address').fill(email);
  await follow.getByRole('button', { name: 'Follow by email' }).click();
  await expect(page).toHaveURL(/\/alerts\/subscribe\?place=nc%2Fgaston-county$/);
  await expect(page.getByRole('status')).toContainText('Check your email.');
  await expectNoAxeViolations(page);
  await expectFitsThePhone(page);

  // Double opt-in: the mail's link shows a button; opening it confirms nothing.
  const confirmation = await waitForSpooled(mailDir(), (mail) => mail.to.includes(email) && mail.subject === 'Confirm alerts for Gaston County, NC');
  await page.goto(linkIn(confirmation, 'confirm'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirm your alerts');
  await expectNoAxeViolations(page);
  await expectFitsThePhone(page);
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.getByRole('status')).toContainText('Confirmed: you will get an email when something happens in Gaston County, NC.');

  const period = await fileAReport(browser, '198.51.100.232');
  const alert = await waitForSpooled(mailDir(), (mail) => mail.to.includes(email) && mail.subject.startsWith('New report: '));
  expect(alert.subject).toBe(`New report: Gaston County Sheriff's Office, ${period}`);
  expect(alert.text).toMatch(/\/agencies\/nc-gaston-county-sheriffs-office\/reports\/\d+/);
  const unsubscribe = linkIn(alert, 'unsubscribe');
  expect(alert.headers.get('list-unsubscribe')).toBe(`<${unsubscribe}>`);
  expect(alert.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
  // Several scans and deliveries later, still exactly one.
  await page.waitForTimeout(4_000);
  expect(alertsTo(email)).toHaveLength(1);

  // The link in the text opens a page that asks (opening it changes nothing): unsubscribe, or erase.
  await page.goto(unsubscribe);
  await expect(page.getByRole('button', { name: 'Unsubscribe' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Erase my address' })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectFitsThePhone(page);

  // RFC 8058: the mail client POSTs from its own servers, with no cookie and no Origin.
  const mailClient = await playwright.request.newContext();
  const oneClick = await mailClient.post(unsubscribe, { form: { 'List-Unsubscribe': 'One-Click' } });
  expect(oneClick.status()).toBe(200);
  await mailClient.dispose();

  // The subscription is gone (tests/integration/resident-alerts.test.ts files again and sees no alert).
  await page.goto(unsubscribe);
  await expect(page.getByRole('main')).toContainText('This link no longer works');
  await expect(page.getByRole('button')).toHaveCount(0);
  // A second one-click POST: the link is used up.
  const again = await playwright.request.newContext();
  expect((await again.post(unsubscribe, { form: { 'List-Unsubscribe': 'One-Click' } })).status()).toBe(404);
  await again.dispose();
  await expectNoAxeViolations(page);
  await context.close();
});
