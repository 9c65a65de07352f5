/**
 * Nothing typed on a report is lost (issue #13), and a failed save or upload is easy to act on:
 * - a figure typed and not saved (99 people encountered) survives attaching a document, with
 *   and without JavaScript: Attach posts the whole form, which saves the draft with the file;
 * - leaving the form with unsaved edits asks first, for the portal's own links and for
 *   closing the page; without edits it does not;
 * - after a failed save or upload the error summary takes focus, and each problem in it is a
 *   link to its field; "Draft saved" never shows beside it; a check the filer may explain
 *   reads "Warning:", not "Error:".
 * Each test works on Gaston periods other specs do not fill in (already submitted: the form
 * drafts an amendment).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';

const DEMO_PASSWORD = 'demo-pass-287g';
let addressCounter = 0;

/** A browser context speaking from its own client address, so sign-in throttling stays per test. */
async function signedIn(browser: Browser, javaScriptEnabled = true): Promise<Page> {
  const address = `198.51.100.${180 + ++addressCounter}`;
  const context = await browser.newContext({ javaScriptEnabled, extraHTTPHeaders: { 'x-forwarded-for': address } });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill('filer.gaston@example.org');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  return page;
}

/**
 * With JavaScript, waits until the page is hydrated (the unsaved-changes guard marks the form):
 * typing or clicking before would test the page without JavaScript.
 */
async function hydrated(page: Page, javaScriptEnabled: boolean) {
  if (javaScriptEnabled) await expect(page.locator('form.filing-form[data-guarded="true"]')).toHaveCount(1);
}

/** Opens the report of a period from the filer's list (a button for a period never opened, else a link). */
async function openReport(page: Page, period: string, javaScriptEnabled = true): Promise<string> {
  await page.goto('/filings');
  const row = page.getByRole('row', { name: new RegExp(`^${period}`) });
  const name = `Open the report for ${period}`;
  await row.getByRole('link', { name, exact: true }).or(row.getByRole('button', { name, exact: true })).click();
  await expect(page).toHaveURL(/\/filings\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Report for ${period}`);
  await hydrated(page, javaScriptEnabled);
  return new URL(page.url()).pathname;
}

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const figure = (page: Page, key: string) => page.locator(`#field-value-${key}`);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const summary = (page: Page) => page.locator('.error-summary');

for (const { javaScriptEnabled, period } of [
  { javaScriptEnabled: true, period: 'January–March 2026' },
  { javaScriptEnabled: false, period: 'April–June 2026' },
]) {
  test(`a figure typed and not saved survives attaching a document (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
    test.setTimeout(90_000);
    const page = await signedIn(browser, javaScriptEnabled);
    const url = await openReport(page, period, javaScriptEnabled);
    await expect(figure(page, 'people_encountered')).not.toHaveValue('99');

    await figure(page, 'people_encountered').fill('99');
    const file = `detainer-log-${javaScriptEnabled ? 'js' : 'nojs'}.pdf`;
    await page.getByLabel(/^Document/).setInputFiles({ name: file, mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'Attach', exact: true }).click();

    await expect(page.locator('#attachments')).toContainText(`${file} is attached.`);
    await expect(page.getByRole('link', { name: `Download ${file}` })).toBeVisible();
    await expect(figure(page, 'people_encountered')).toHaveValue('99');
    // Saved with the file, not only shown again: a fresh visit has it too.
    await page.goto(url);
    await hydrated(page, javaScriptEnabled);
    await expect(figure(page, 'people_encountered')).toHaveValue('99');

    // Removing a document keeps what was typed as well.
    await figure(page, 'people_encountered').fill('98');
    await page.getByRole('button', { name: `Remove ${file}` }).click();
    await expect(page.locator('#attachments')).toContainText('The attachment was removed.');
    await expect(figure(page, 'people_encountered')).toHaveValue('98');
    await page.goto(url);
    await expect(figure(page, 'people_encountered')).toHaveValue('98');
  });
}

test('leaving the report with unsaved edits asks first; without edits it does not', async ({ browser }) => {
  test.setTimeout(90_000);
  const page = await signedIn(browser);
  const url = await openReport(page, 'January–March 2026');
  const home = page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Home' });

  // Typed as a person types (a real key press also gives the page the user activation the
  // browser wants before it may ask on unload).
  await figure(page, 'people_encountered').click();
  await figure(page, 'people_encountered').press('ControlOrMeta+a');
  await page.keyboard.type('77');

  // A link of the portal: a confirm. Staying keeps the typed figure; leaving goes.
  const asked: string[] = [];
  page.once('dialog', (dialog) => {
    asked.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  await home.click();
  await expect.poll(() => asked).toEqual(['confirm: You have changes to this report that are not saved. Leave without saving them?']);
  await expect(page).toHaveURL(new RegExp(`${url}$`));
  await expect(figure(page, 'people_encountered')).toHaveValue('77');

  page.once('dialog', (dialog) => {
    asked.push(dialog.type());
    void dialog.accept();
  });
  await home.click();
  await expect(page).toHaveURL(/\/$/);
  expect(asked).toHaveLength(2);

  // Closing or reloading the page: the browser's own prompt (beforeunload).
  await page.goto(url);
  await hydrated(page, true);
  await figure(page, 'people_encountered').click();
  await page.keyboard.type('1');
  const unload = new Promise<string>((resolve) => page.once('dialog', (dialog) => (resolve(dialog.type()), void dialog.dismiss())));
  await page.close({ runBeforeUnload: true });
  expect(await unload).toBe('beforeunload');

  // Saved, then left: nothing to ask.
  const again = await signedIn(browser);
  await openReport(again, 'January–March 2026');
  const unexpected: string[] = [];
  again.on('dialog', (dialog) => {
    unexpected.push(dialog.type());
    void dialog.dismiss();
  });
  await figure(again, 'people_encountered').fill('99');
  await again.getByRole('button', { name: 'Save draft' }).click();
  // Saved (with or without checks to make: the draft's figures depend on the seed).
  await expect(again.getByRole('status').or(summary(again))).toContainText(/Draft saved|Your draft is saved/);
  await again.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Home' }).click();
  await expect(again).toHaveURL(/\/$/);
  expect(unexpected).toEqual([]);
});

test('after a failed save the error summary takes focus, links to each field, and labels warnings as warnings', async ({ browser }) => {
  test.setTimeout(90_000);
  const page = await signedIn(browser);
  await openReport(page, 'April–June 2026');

  // A mistake (more honored than received) and a check that may be right (more transfers than people encountered).
  await figure(page, 'detainers_received').fill('14');
  await figure(page, 'detainers_honored').fill('20');
  await figure(page, 'detainers_declined').fill('0');
  await figure(page, 'people_encountered').fill('5');
  await figure(page, 'transfers_to_ice').fill('9');
  await page.getByRole('button', { name: 'Save draft' }).click();

  await expect(summary(page)).toBeFocused();
  await expect(summary(page).getByRole('heading')).toHaveText('Your draft is saved. Check these before submitting:');
  // One banner: the summary says the draft was saved; no green "Draft saved" beside it.
  await expect(page.getByRole('status')).toHaveCount(0);

  const mistake = summary(page).getByRole('link', { name: /^Error: Detainers honored \(20\) cannot be more than detainers received \(14\)/ });
  await expect(mistake).toHaveAttribute('href', '#field-value-detainers_honored');
  const explainable = summary(page).getByRole('link', { name: /^Warning: Transfers to ICE \(9\)/ });
  await expect(explainable).toHaveAttribute('href', '#field-explanation-transfers_within_encountered');
  await expect(summary(page).getByRole('link', { name: /^Error: Transfers to ICE/ })).toHaveCount(0);
  await expect(page.locator('#field-value-transfers_to_ice-issues')).toContainText(/^Warning: Transfers to ICE/);
  // Every link of the summary leads to a field of the form.
  for (const href of await summary(page).getByRole('link').evaluateAll((links) => links.map((link) => link.getAttribute('href')))) {
    await expect(page.locator(href!), `${href} is on the page`).toHaveCount(1);
  }
  await expectNoAxeViolations(page);

  await mistake.click();
  await expect(figure(page, 'detainers_honored')).toBeFocused();
  await explainable.click();
  await expect(page.locator('#field-explanation-transfers_within_encountered')).toBeFocused();

  // A failed upload: the summary takes focus again and links to the file field.
  await page.getByRole('button', { name: 'Attach', exact: true }).click();
  await expect(summary(page)).toBeFocused();
  await expect(summary(page).getByRole('link', { name: 'Choose a file to attach.' })).toHaveAttribute('href', '#field-file');
  await expect(figure(page, 'detainers_honored')).toHaveValue('20');
});

test('without JavaScript the summary after a failed save is announced at the top, its items linking to the fields', async ({ browser }) => {
  const page = await signedIn(browser, false);
  await openReport(page, 'April–June 2026', false);
  await figure(page, 'detainers_honored').fill('21');
  await page.getByRole('button', { name: 'Save draft' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Check these before submitting' });
  await expect(alert).toBeVisible();
  await expect(alert.getByRole('link', { name: /^Error: Detainers honored \(21\)/ })).toHaveAttribute('href', '#field-value-detainers_honored');
  await expect(page.getByRole('status')).toHaveCount(0);
  // At the top: before the facts of the report and the form.
  expect(await alert.evaluate((node) => node.compareDocumentPosition(document.querySelector('form.filing-form')!) & Node.DOCUMENT_POSITION_FOLLOWING)).toBeTruthy();
});
