/**
 * Filing a quarterly report as the demo Gaston filer (filer and head): open the period, save
 * a draft with a mistake, leave and come back to find it as typed, fix it, certify and submit.
 * Another agency's filer can neither open it nor see it listed. With and without JavaScript.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';

const DEMO_PASSWORD = 'demo-pass-287g';
let addressCounter = 0;

/** A browser context speaking from its own client address, so sign-in throttling stays per test. */
async function newPage(browser: Browser, javaScriptEnabled: boolean) {
  const address = `198.51.100.${100 + ++addressCounter}`;
  const context = await browser.newContext({ javaScriptEnabled, extraHTTPHeaders: { 'x-forwarded-for': address } });
  return context.newPage();
}

async function signIn(page: Page, email: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/(account|filings)$/);
}

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const metric = (page: Page, label: string) => page.getByLabel(label, { exact: true });

/** A period label as it must appear, exactly (app/utils/nul-bytes.ts keeps React's NUL bytes out). */
const periodPattern = (period: string) => period;

// Each journey files its own quarter: the e2e database is shared by the tests of a run.
const JOURNEYS = [
  { javaScriptEnabled: true, period: 'January–March 2025' },
  { javaScriptEnabled: false, period: 'April–June 2025' },
];

for (const { javaScriptEnabled, period } of JOURNEYS) {
  test(`a filer drafts, fixes and submits the report for ${period} (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
    test.setTimeout(120_000);
    const page = await newPage(browser, javaScriptEnabled);
    await signIn(page, 'filer.gaston@example.org');

    await page.goto('/filings');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Your reports');
    const row = page.getByRole('row', { name: new RegExp(`^${periodPattern(period)}`) });
    await expect(row).toContainText('Overdue');
    if (javaScriptEnabled) await expectNoAxeViolations(page);
    await row.getByRole('button', { name: new RegExp(`^Open the report for ${periodPattern(period)}$`) }).click();
    await expect(page).toHaveURL(/\/filings\/\d+$/);
    const filingUrl = new URL(page.url()).pathname;
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(new RegExp(`^Report for ${periodPattern(period)}$`));
    await expect(page.getByRole('main')).toContainText("Gaston County Sheriff's Office");

    // Figures with a mistake: more detainers honored than received.
    const typed: [string, string][] = [
      ['Gross cost', '$12,500.50'],
      ['Federal reimbursement', '0'],
      ['IGSA revenue (jail-bed contract)', '0'],
      ['Detainers received', '14'],
      ['Detainers honored', '20'],
      ['Detainers declined', '3'],
      ['Transfers to ICE', '8'],
      ['People encountered', '40'],
      ['Complaints filed', '1'],
      ['Complaints sustained', '0'],
    ];
    for (const [label, value] of typed) await metric(page, label).fill(value);
    await page.getByRole('button', { name: 'Save draft' }).click();
    const mistake = 'Detainers honored (20) cannot be more than detainers received (14).';
    await expect(page.getByRole('main')).toContainText('Draft saved');
    await expect(page.locator('#field-value-detainers_honored-issues')).toContainText(mistake);
    await expect(page.locator('#field-value-detainers_received-issues')).toContainText(mistake);
    await expect(metric(page, 'Detainers honored')).toHaveAttribute('aria-invalid', 'true');
    if (javaScriptEnabled) await expectNoAxeViolations(page);

    // Away and back: the draft is as typed, and the mistake is still pointed out.
    await page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Home' }).click();
    await expect(page).toHaveURL(/\/$/);
    await page.goto(filingUrl);
    for (const [label, value] of typed) await expect(metric(page, label)).toHaveValue(value);
    await expect(page.locator('#field-value-detainers_honored-issues')).toContainText(mistake);

    await metric(page, 'Detainers honored').fill('9');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page.getByRole('main')).toContainText('Draft saved');
    await expect(page.locator('#field-value-detainers_honored-issues')).toHaveCount(0);

    await expect(page.getByRole('main')).toContainText('I certify under oath that this report is true and complete');
    await page.getByLabel('Your full name').fill('Chad Hawkins');
    await page.getByLabel('Your title').fill('Sheriff');
    await page.getByRole('button', { name: 'Certify and submit' }).click();
    await expect(page).toHaveURL(new RegExp(`${filingUrl}\\?submitted=1$`));
    await expect(page.getByRole('status')).toHaveText('Submitted: revision 1.');
    await expect(page.getByRole('row', { name: /^1 / })).toContainText('Chad Hawkins, Sheriff');
    if (javaScriptEnabled) await expectNoAxeViolations(page);

    await page.goto('/filings');
    await expect(page.getByRole('row', { name: new RegExp(`^${periodPattern(period)}`) })).toContainText('Submitted late (revision 1)');

    // Cabarrus's filer: no access to the filing, and it is not in their list.
    const other = await newPage(browser, javaScriptEnabled);
    await signIn(other, 'filer.cabarrus@example.org');
    const response = await other.goto(filingUrl);
    expect(response?.status()).toBe(403);
    await expect(other.getByRole('heading', { level: 1 })).toHaveText('You do not have access to this page');
    await other.goto('/filings');
    await expect(other.getByRole('main')).toContainText("Cabarrus County Sheriff's Office");
    await expect(other.getByRole('main')).not.toContainText('Gaston');
    await expect(other.locator(`a[href="${filingUrl}"]`)).toHaveCount(0);
  });
}
