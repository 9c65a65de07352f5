/**
 * Search (issue #13): a Charlotte resident searching "Charlotte" is led to the city of Charlotte
 * and its county, Mecklenburg, and never reads Charlotte County, Florida's "Yes" as their answer;
 * places in other states sit under their own heading. A typo still finds the county.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('"Charlotte" leads to Mecklenburg County, NC through the city, with Florida only under "Outside North Carolina"', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Does my county or town have a 287(g) agreement?').fill('Charlotte');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === 'Charlotte');

  const main = page.getByRole('main');
  const results = main.locator('section.result:not(.elsewhere)');
  // First the city, which names its county, then the county's own answer.
  const city = results.nth(0);
  await expect(city.getByRole('heading', { level: 2 })).toHaveText('Charlotte, NC');
  await expect(city).toContainText('City in Mecklenburg County.');
  await expect(city.getByRole('link', { name: 'Mecklenburg County' })).toHaveAttribute('href', '/places/nc/mecklenburg-county');
  const county = results.nth(1);
  await expect(county.getByRole('heading', { level: 2 })).toHaveText('Mecklenburg County, NC');
  await expect(county).toContainText('Charlotte is in this county');
  await expect(county.locator('p.answer')).toHaveText(/Mecklenburg County/);

  // No answer for another state is styled as the answer, nor shown among North Carolina's.
  await expect(results.filter({ hasText: ', FL' })).toHaveCount(0);
  await expect(main.locator('.answer', { hasText: 'Charlotte County' })).toHaveCount(0);
  const elsewhere = main.getByRole('region', { name: 'Outside North Carolina' });
  await expect(elsewhere.getByRole('heading', { level: 2 })).toHaveText('Outside North Carolina');
  await expect(elsewhere).toContainText('Their agreements do not apply in North Carolina.');
  await expect(elsewhere.getByRole('link', { name: 'Charlotte County, FL' })).toBeVisible();
  await expect(elsewhere.locator('.answer')).toHaveCount(0);
  // The separate group comes after every North Carolina answer.
  const order = await main.locator('section.result h2').allTextContents();
  expect(order.indexOf('Outside North Carolina')).toBe(order.length - 1);
  await expectNoAxeViolations(page);

  await county.getByRole('link', { name: 'Mecklenburg County, NC' }).click();
  await expect(page).toHaveURL(/\/places\/nc\/mecklenburg-county$/);
});

test('a typo still finds the county, and the page says which name it shows', async ({ page }) => {
  await page.goto('/search?q=Mecklenberg');
  const main = page.getByRole('main');
  await expect(main.getByRole('status')).toHaveText('Showing results for Mecklenburg County.');
  await expect(main.locator('section.result').first().getByRole('heading', { level: 2 })).toHaveText('Mecklenburg County, NC');
  await expect(main.getByRole('region', { name: 'Outside North Carolina' }).getByRole('link', { name: 'Mecklenburg County, VA' })).toBeVisible();
  await expectNoAxeViolations(page);
});
