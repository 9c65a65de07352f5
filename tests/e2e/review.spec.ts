/**
 * Reviewing a report in Chromium: the Gaston County clerk returns a submitted report with a
 * note; the Gaston filer (filer and head) sees it returned with the note, attaches a document,
 * and certifies an amendment; the clerk then sees it awaiting review again and accepts it.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';

const DEMO_PASSWORD = 'demo-pass-287g';
const PERIOD = 'July–September 2025';
const NOTE = 'Transfers to ICE do not match the jail log for August.';
let addressCounter = 0;

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': `198.51.100.${200 + ++addressCounter}` } });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/(account|filings)$/);
  return page;
}

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** The clerk's page of Gaston's report for the period. */
async function openForReview(page: Page) {
  await page.goto('/review/filings');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: `Review the report for ${PERIOD}` }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Report of Gaston County Sheriff's Office for ${PERIOD}`);
}

test('a clerk returns a report, the agency fixes it with a document, the clerk accepts it', async ({ browser }) => {
  test.setTimeout(120_000);
  const clerk = await signedIn(browser, 'reviewer.gaston@example.org');
  await openForReview(clerk);
  await expectNoAxeViolations(clerk);
  const returnButton = clerk.getByRole('button', { name: /^Return revision \d+ to the agency$/ });
  const revision = Number(/Return revision (\d+)/.exec((await returnButton.textContent()) ?? '')?.[1]);
  // A return without a note is refused, and says what is missing.
  await returnButton.click();
  await expect(clerk.getByRole('alert')).toContainText('at least 10 characters');
  await clerk.getByLabel('Note to the agency').fill(NOTE);
  await clerk.getByRole('button', { name: `Return revision ${revision} to the agency` }).click();
  await expect(clerk.getByRole('status')).toHaveText('Revision returned to the agency with your note.');

  const filer = await signedIn(browser, 'filer.gaston@example.org');
  await filer.goto('/filings');
  const row = filer.getByRole('row', { name: new RegExp(`^${PERIOD}`) });
  await expect(row).toContainText('Returned by the reviewers');
  await row.getByRole('link', { name: `Open the report for ${PERIOD}` }).click();
  await expect(filer.getByRole('alert').filter({ hasText: 'The reviewers returned' })).toContainText(NOTE);

  // Attach the jail log (a small PDF), then certify the amendment.
  await filer.getByLabel(/^Document/).setInputFiles({ name: 'jail-log-august.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') });
  await filer.getByRole('button', { name: /^Attach/ }).click();
  await expect(filer.locator('#attachments')).toContainText('jail-log-august.pdf');
  await expectNoAxeViolations(filer);
  await filer.getByLabel('Why are you amending the report?').fill('Corrected transfers from the jail log; log attached.');
  await filer.getByLabel('Your full name').fill('Chad Hawkins');
  await filer.getByLabel('Your title').fill('Sheriff');
  await filer.getByRole('button', { name: 'Certify and submit the amendment' }).click();
  await expect(filer.getByRole('status').first()).toContainText(`Submitted: revision ${revision + 1}.`);

  await openForReview(clerk);
  await expect(clerk.locator('dl')).toContainText('Awaiting review');
  await expect(clerk.getByRole('link', { name: 'jail-log-august.pdf' })).toBeVisible();
  await clerk.getByRole('button', { name: `Accept revision ${revision + 1}` }).click();
  await expect(clerk.getByRole('status')).toHaveText('Revision accepted.');
  await expect(clerk.locator('dl')).toContainText('Accepted');
});
