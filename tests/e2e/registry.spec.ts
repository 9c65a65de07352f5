/**
 * End-to-end journeys through the public registry, against the built portal on a freshly
 * seeded database (tests/support/e2e-server.ts): NC counties and ICE's real 287(g) lists.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const SEARCH_LABEL = 'Does my county or town have a 287(g) agreement?';
const GASTON_SHERIFF = "Gaston County Sheriff's Office";

async function searchFromHome(page: Page, text: string) {
  await page.goto('/');
  const box = page.getByLabel(SEARCH_LABEL);
  await expect(box).toBeVisible();
  await box.fill(text);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.waitForURL((url) => url.pathname === '/search');
  expect(new URL(page.url()).searchParams.get('q')).toBe(text);
}

/** Results for Gaston County → its sheriff's agency page, with the agreement's facts. */
async function followGastonResult(page: Page) {
  // The county comes first; the Town of Gaston follows, its residents reached by the same sheriff.
  const county = page.locator('main section.result').first();
  await expect(county.getByRole('link', { name: 'Gaston County, NC' })).toBeVisible();
  const agencyLink = county.getByRole('link', { name: GASTON_SHERIFF, exact: true });
  await expect(agencyLink).toBeVisible();
  await agencyLink.click();
  await expect(page).toHaveURL(/\/agencies\/nc-gaston-county-sheriffs-office$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(GASTON_SHERIFF);
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 3, name: /Jail Enforcement Model/ })).toBeVisible();
  await expect(main.getByText('Signed June 9, 2020', { exact: true })).toBeVisible();
}

test.describe('search: "Does my county or town have a 287(g) agreement?"', () => {
  test('a resident finds Gaston County and its sheriff\'s agreement', async ({ page }) => {
    // The home page does not hydrate (a chart page: plain HTML and its chart script), with or without JavaScript.
    await page.goto('/');
    await expect(page.locator('canvas[data-chart="statewide-map"]')).toHaveAttribute('data-drawn', 'true');
    expect(await page.evaluate(() => '__remixContext' in window)).toBe(false);
    await searchFromHome(page, 'gaston');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('gaston');
    await expect(page.getByRole('main')).toContainText('Gaston County');
    await followGastonResult(page);
  });

  test('"GASTON county" and "Gaston Co." both find Gaston County', async ({ page }) => {
    for (const text of ['GASTON county', 'Gaston Co.']) {
      await searchFromHome(page, text);
      const firstResult = page.locator('main section.result').first();
      await expect(firstResult.getByRole('heading', { level: 2 })).toHaveText('Gaston County, NC');
      await expect(firstResult.getByRole('link', { name: GASTON_SHERIFF, exact: true })).toBeVisible();
    }
  });

  test('a search with no match says so and offers the county list', async ({ page }) => {
    await searchFromHome(page, 'zzzz');
    const status = page.getByRole('status');
    await expect(status).toContainText('Nothing matched');
    await expect(status).toContainText('zzzz');
    await expect(page.locator('main section.result')).toHaveCount(0);
    await expect(status.getByRole('link')).toHaveAttribute('href', '/places/nc');
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the search journey works as a plain GET form', async ({ page }) => {
    await page.goto('/');
    // Remix's inline bootstrap script never ran, so the app is plain server-rendered HTML.
    expect(await page.evaluate(() => '__remixContext' in window)).toBe(false);
    await searchFromHome(page, 'gaston');
    await expect(page.getByRole('main')).toContainText('Gaston County');
    await followGastonResult(page);
  });
});

test.describe('places', () => {
  test('the Gaston County page lists its sheriff\'s office', async ({ page }) => {
    await page.goto('/places/nc/gaston-county');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gaston County, NC');
    const agencies = page.locator('main section[aria-labelledby="agencies"]');
    await expect(agencies.getByRole('link', { name: GASTON_SHERIFF, exact: true })).toBeVisible();
    await expect(agencies.getByRole('link', { name: GASTON_SHERIFF, exact: true })).toHaveAttribute(
      'href',
      '/agencies/nc-gaston-county-sheriffs-office',
    );
  });

  test('the county list has all 100 North Carolina counties', async ({ page }) => {
    await page.goto('/places/nc');
    const rows = page.locator('main table tbody tr');
    await expect(rows).toHaveCount(100);
    await expect(rows.filter({ hasText: 'Gaston County' })).toHaveCount(1);
    await expect(rows.filter({ hasText: 'Yancey County' })).toHaveCount(1);
  });
});

test.describe('agreement history', () => {
  test('Carteret was first listed as pending, then changed to active', async ({ page }) => {
    await page.goto('/agencies/nc-carteret-county-sheriffs-office');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("Carteret County Sheriff's Office");
    const historyRows = page.locator('main table tbody tr');
    const listed = historyRows.filter({ hasText: 'May 15, 2025' });
    await expect(listed).toHaveCount(1);
    await expect(listed).toContainText(/Warrant Service Officer: listed by ICE as pending/);
    await expect(listed).toContainText('ICE’s pending list of May 15, 2025');
    const changed = historyRows.filter({ hasText: 'July 18, 2025' });
    await expect(changed).toHaveCount(1);
    await expect(changed).toContainText('Warrant Service Officer: approved, now active');
    await expect(changed).toContainText('ICE’s participating list of July 18, 2025');
    await expect(page.getByRole('heading', { level: 3 }).first()).toContainText('Active');
  });
});

test.describe('accessibility (WCAG 2.1 A/AA, axe-core)', () => {
  const pages = [
    '/',
    '/search?q=gaston',
    '/places/nc',
    '/places/nc/gaston-county',
    '/agencies/nc-gaston-county-sheriffs-office',
    '/agencies/nc-carteret-county-sheriffs-office',
    '/agencies/nc-catawba-county-sheriffs-office',
    '/places/nc/cary',
    '/search?q=27513',
    '/data/ice-lists',
    '/audit',
    '/sign-in',
  ];
  for (const path of pages) {
    test(`${path} has no axe violations`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
      const summary = results.violations
        .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`)
        .join('\n');
      expect(results.violations, `axe violations on ${path}:\n${summary}`).toEqual([]);
    });
  }
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test('the home page fits the screen and shows the search box', async ({ page }) => {
    await page.goto('/');
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    }));
    expect(innerWidth).toBe(375);
    expect(scrollWidth, `page is ${scrollWidth}px wide on a ${innerWidth}px screen`).toBeLessThanOrEqual(innerWidth);
    await expect(page.getByLabel(SEARCH_LABEL)).toBeInViewport();
  });
});

test.describe('health check and open-data API', () => {
  test('/healthz reports ok', async ({ request }) => {
    const response = await request.get('/healthz');
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok' });
  });

  test('active NC agreements: 30 (22 on ICE\'s list of 2025-07-18, 8 known from MOAs since)', async ({ request }) => {
    const response = await request.get('/api/v1/agreements?state=NC&status=active');
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body.data).toHaveLength(30);
    expect(body.meta.count).toBe(30);
    for (const item of body.data) {
      expect(item).toMatchObject({ state: 'NC', status: expect.stringMatching(/^active$/i) });
    }
  });

  test('an unknown status is a 400 that says what is allowed', async ({ request }) => {
    const response = await request.get('/api/v1/agreements?status=bogus');
    expect(response.status()).toBe(400);
    const body = await response.json();
    expect(body.error.message).toMatch(/status/);
  });
});
