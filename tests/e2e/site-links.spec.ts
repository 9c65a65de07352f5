/**
 * The layout's header and footer links are plain anchors (app/components/in-app-links.ts): on a
 * page that runs the client app a plain click goes through the router, without reloading the
 * document, as a <Link> would; a click with a modifier key stays the browser's (a new tab); the
 * language switch always reloads the whole document.
 */
import { expect, test, type Page } from '@playwright/test';

declare global {
  interface Window {
    sameDocument?: boolean;
  }
}

/** Marks the document: a reload or a new page loses the mark, a client-side navigation keeps it. */
const mark = (page: Page) => page.evaluate(() => (window.sameDocument = true));
const marked = (page: Page) => page.evaluate(() => window.sameDocument === true);

test('header and footer links navigate in the app once hydrated; modified clicks and the language switch do not', async ({ browser }) => {
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-for': '192.0.2.61' } });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill('filer.gaston@example.org');
  await page.getByLabel('Password').fill('demo-pass-287g');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
  await page.goto('/filings');
  // The reports list runs the client app: wait until it has taken over the page.
  await page.waitForFunction(() => '__remixRouter' in window);
  await mark(page);

  const site = page.getByRole('navigation', { name: 'Site' });
  await site.getByRole('link', { name: 'Open data' }).click();
  await expect(page).toHaveURL(/\/data$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Open data');
  expect(await marked(page)).toBe(true);

  await page.getByRole('navigation', { name: 'Data and verification' }).getByRole('link', { name: 'Check the audit log' }).click();
  await expect(page).toHaveURL(/\/audit$/);
  expect(await marked(page)).toBe(true);

  // Ctrl/Cmd + click: a new tab, this page stays where it is.
  const [opened] = await Promise.all([context.waitForEvent('page'), site.getByRole('link', { name: 'Home' }).click({ modifiers: ['ControlOrMeta'] })]);
  await opened.waitForLoadState();
  expect(new URL(opened.url()).pathname).toBe('/');
  await opened.close();
  await expect(page).toHaveURL(/\/audit$/);
  expect(await marked(page)).toBe(true);

  // The language switch is a plain link the router leaves alone: the whole document reloads.
  await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Español' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'es');
  expect(await marked(page)).toBe(false);
  await context.close();
});
