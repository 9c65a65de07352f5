/**
 * Issue 14, point 1 in a browser: a clerk adopts the town reporting model policy without
 * JavaScript (preview, then adopt), and a resident opens the public policy page in Spanish on a
 * 375 px phone: it fits, says the text is the body's English, and is axe clean. (axe runs in
 * the page, so only where JavaScript is on: the resident's page.)
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const DEMO_PASSWORD = 'demo-pass-287g';

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('a clerk adopts the municipal template without JavaScript; a resident reads it in Spanish on a phone', async ({ browser }) => {
  test.setTimeout(120_000);
  const clerk = await browser.newContext({ javaScriptEnabled: false, extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.141' } });
  const page = await clerk.newPage();
  await page.goto('/sign-in');
  await page.locator('input[name="email"]').fill('admin@example.org');
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('main form button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');

  await page.goto('/review/policies/templates');
  const town = page.locator('section', { has: page.locator('#template-municipal_reporting') });
  await town.locator('select[name="place"]').selectOption({ label: 'Beulaville' });
  await town.locator('button[type="submit"]').click();
  await expect(page).toHaveURL(/\/review\/policies\/adopt\/municipal_reporting\?place=\d+/);
  await expect(page.locator('input[name="jurisdictionName"]')).toHaveValue('Beulaville');

  const effective = await page.locator('input[name="effectiveFrom"]').inputValue();
  await page.locator('input[name="adoptedOn"]').fill(effective);
  await page.locator('input[name="votesFor"]').fill('4');
  await page.locator('input[name="votesAgainst"]').fill('1');
  await page.locator('button[name="intent"][value="preview"]').click();
  await expect(page.locator('#policy-preview')).toBeVisible();
  await expect(page.locator('.resolution')).toContainText('Town Council of Beulaville');

  await page.locator('button[name="intent"][value="adopt"]').click();
  await expect(page).toHaveURL(/\/policies\/\d+$/);
  const policyPath = new URL(page.url()).pathname;
  await expect(page.locator('main')).toContainText('4 for, 1 against');
  await clerk.close();

  const resident = await browser.newContext({
    locale: 'es-MX',
    viewport: { width: 375, height: 667 },
    isMobile: true,
    hasTouch: true,
    extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.142' },
  });
  const phone = await resident.newPage();
  await phone.goto(policyPath);
  await expect(phone.locator('html')).toHaveAttribute('lang', 'es');
  await expect(phone.locator('main')).toContainText('Adoptada por');
  await expect(phone.locator('main')).toContainText('en inglés');
  await expect(phone.locator('main')).toContainText('4 a favor, 1 en contra');
  await expect(phone.locator('main')).toContainText('Cumplimiento hasta ahora');
  const width = await phone.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
  await expectNoAxeViolations(phone);
  await resident.close();
});
