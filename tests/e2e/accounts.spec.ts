/**
 * Accounts as people use them: an invitation taken from a reviewer to a new filer, sign-in,
 * sign-out, throttling, and pages closed to those without the role; with and without
 * JavaScript, and checked with axe-core.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { waitForSpooled } from '../support/smtp-sink';

const DEMO_PASSWORD = 'demo-pass-287g';
let addressCounter = 0;
const jsEnabled = new WeakMap<Page, boolean>();

/** A browser context speaking from its own client address (the e2e server trusts the proxy header). */
async function newPage(browser: Browser, javaScriptEnabled: boolean) {
  // The e2e database is new each run, so addresses only need to differ within a run.
  const address = `198.51.100.${++addressCounter}`;
  const context = await browser.newContext({ javaScriptEnabled, extraHTTPHeaders: { 'x-forwarded-for': address } });
  const page = await context.newPage();
  jsEnabled.set(page, javaScriptEnabled);
  return page;
}

async function submitSignIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/** Signs in and waits until the portal has taken the person to their landing page (a filer's reports, else their account). */
async function signIn(page: Page, email: string, password: string) {
  await submitSignIn(page, email, password);
  await expect(page).toHaveURL(/\/(account|filings)$/);
}

async function signOut(page: Page) {
  await page.getByRole('navigation', { name: 'Site' }).getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Sign in' })).toBeVisible();
}

async function expectNoAxeViolations(page: Page) {
  // axe runs inside the page: in the JavaScript-off journeys the JavaScript-on twin checks.
  if (!jsEnabled.get(page)) return;
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

for (const javaScriptEnabled of [true, false]) {
  test(`invite → set password → sign in → sign out (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
    test.setTimeout(90_000);
    const email = `new.filer.${Date.now()}.${javaScriptEnabled ? 'js' : 'nojs'}@example.org`;

    // The Gaston County reviewer invites a filer for the county's sheriff's office.
    const reviewer = await newPage(browser, javaScriptEnabled);
    await signIn(reviewer, 'reviewer.gaston@example.org', DEMO_PASSWORD);
    await reviewer.goto('/review');
    await expectNoAxeViolations(reviewer);
    await reviewer.getByLabel('Their email address').fill(email);
    await reviewer.getByLabel('Role', { exact: true }).selectOption({ label: 'Filer: drafts the agency’s reports.' });
    await reviewer.getByLabel('Agency', { exact: true }).selectOption({ label: "Gaston County Sheriff's Office" });
    await reviewer.getByRole('button', { name: 'Create the invitation' }).click();
    const link = (await reviewer.locator('code.secret').textContent())!.trim();
    expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{20,}$/);
    // The same link reached the new filer by mail (the run's SMTP listener, tests/e2e/global-mail.ts).
    await expect(reviewer.getByRole('status')).toContainText(`We emailed this link to ${email}.`);
    const invitation = await waitForSpooled(process.env.E2E_MAIL_DIR!, (mail) => mail.to.includes(email));
    expect(invitation.text).toContain(new URL(link).pathname);

    // The new filer opens the link, names themselves and chooses a password.
    const filer = await newPage(browser, javaScriptEnabled);
    await filer.goto(link);
    await expect(filer.getByRole('heading', { level: 1 })).toHaveText('Accept your invitation');
    await expectNoAxeViolations(filer);
    await filer.getByLabel('Your name').fill('Pat Example');
    await filer.getByLabel('Password', { exact: true }).fill('a long walk by the catawba');
    await filer.getByLabel('Password, again').fill('a long walk by the catawba');
    await filer.getByRole('button', { name: 'Set up my account' }).click();
    await expect(filer).toHaveURL(/\/account$/);
    await expect(filer.getByRole('main')).toContainText(`Signed in as Pat Example (${email})`);
    await expect(filer.getByRole('main')).toContainText("Gaston County Sheriff's Office");

    await signOut(filer);
    await filer.goto('/account');
    await expect(filer).toHaveURL(/\/sign-in\?redirectTo=%2Faccount$/);

    // Back in with the new password; the link no longer works.
    await signIn(filer, email, 'a long walk by the catawba');
    await expectNoAxeViolations(filer);
    await signOut(filer);
    await filer.goto(link);
    await expect(filer.getByRole('main')).toContainText('already used');
  });
}

test('five wrong passwords in a row: the person is told to wait a little, not locked out', async ({ browser }) => {
  const page = await newPage(browser, true);
  for (let i = 0; i < 5; i++) {
    await submitSignIn(page, 'someone@example.org', `wrong password number ${i}`);
    await expect(page.getByRole('alert')).toHaveText('The email address or password is not right.');
  }
  // The account is slowed down (30 seconds after the fifth failure, doubling after that).
  await submitSignIn(page, 'someone@example.org', 'wrong password number 5');
  await expect(page.getByRole('alert')).toContainText('Too many failed sign-ins for this account.');
  await expect(page.getByRole('alert')).toContainText(/try again in \d+ seconds/);
  await expect(page.getByRole('alert')).toContainText('A browser you have signed in with before is not affected.');
  await expectNoAxeViolations(page);
});

test('pages for other roles answer "no access", and signed-out visitors are asked to sign in', async ({ browser }) => {
  const page = await newPage(browser, true);
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/sign-in\?redirectTo=%2Fadmin$/);
  await expect(page.getByRole('complementary', { name: 'Demo accounts' })).toContainText('admin@example.org');
  await expectNoAxeViolations(page);

  await signIn(page, 'filer.cabarrus@example.org', DEMO_PASSWORD);
  const response = await page.goto('/agency/nc-gaston-county-sheriffs-office/tokens');
  expect(response?.status()).toBe(403);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You do not have access to this page');
  expect((await page.goto('/admin'))?.status()).toBe(403);
  expect((await page.goto('/review'))?.status()).toBe(403);

  await page.goto('/agency/nc-cabarrus-county-sheriffs-office/tokens');
  await expectNoAxeViolations(page);
  await page.getByLabel('Name of the token').fill('Jail system');
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.locator('code.secret')).toHaveText(/^opt_/);
});

test('the operator pages and the account page pass axe, and an upload is previewed before import', async ({ browser }) => {
  test.setTimeout(90_000);
  const page = await newPage(browser, true);
  await signIn(page, 'admin@example.org', DEMO_PASSWORD);
  await expectNoAxeViolations(page); // /account
  for (const path of ['/admin', '/admin/accounts', '/admin/places', '/admin/agencies', '/admin/imports', '/admin/agreements', '/admin/events']) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
  }
  // An ICE list goes through a preview; nothing changes until the operator confirms.
  await page.goto('/admin/imports');
  await page.locator('input[type="file"]').setInputFiles('seeds/data/ice-287g/participating-2025-07-18.xlsx');
  await page.getByRole('button', { name: /upload|preview|check/i }).click();
  await expect(page).toHaveURL(/\/admin\/imports\/\d+$/);
  await expect(page.getByRole('main')).toContainText('2025-07-18');
  await expectNoAxeViolations(page);
});
