/**
 * The public dashboards as residents get them, in Chromium: the statewide page, a county page,
 * an agency page and the comparison in English and in Spanish, with their charts drawn (a canvas
 * that is not blank), axe-core clean, and with JavaScript disabled still showing every table and
 * number. Chart pages do not hydrate: their one script is the chart bundle (Chart.js, no React;
 * the map's on the statewide page), which pages without charts never download.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';

const PAGES = [
  { name: 'statewide', path: '/', charts: 'map' },
  { name: 'county', path: '/places/nc/gaston-county', charts: 'series' },
  { name: 'agency', path: '/agencies/nc-gaston-county-sheriffs-office', charts: 'series' },
  { name: 'comparison', path: '/compare?metric=gross_cost', charts: 'series' },
];
/** A chart script's URL (built by scripts/build-if-changed.ts), and which one it is. */
const CHART_SCRIPT = /\/build\/charts\/(series|map)-[A-Z0-9]+\.js$/;
const LANGUAGES = [
  { locale: 'en', acceptLanguage: 'en-US' },
  { locale: 'es', acceptLanguage: 'es-MX' },
];

async function newPage(browser: Browser, options: { acceptLanguage: string; javaScriptEnabled?: boolean }) {
  // The browser's locale sets its Accept-Language header, as a Spanish-speaking reader's would.
  const context = await browser.newContext({ javaScriptEnabled: options.javaScriptEnabled ?? true, locale: options.acceptLanguage });
  return context.newPage();
}

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Every chart canvas on the page is drawn and has coloured pixels. */
async function expectChartsDrawn(page: Page) {
  const canvases = page.locator('canvas[data-chart]');
  const count = await canvases.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const canvas = canvases.nth(i);
    await canvas.scrollIntoViewIfNeeded();
    await expect(canvas).toHaveAttribute('data-drawn', 'true', { timeout: 15_000 });
    const painted = await canvas.evaluate((element: HTMLCanvasElement) => {
      const context = element.getContext('2d');
      if (!context || element.width === 0 || element.height === 0) return 0;
      const pixels = context.getImageData(0, 0, element.width, element.height).data;
      let count = 0;
      for (let p = 3; p < pixels.length; p += 4) if (pixels[p] !== 0) count++;
      return count;
    });
    expect(painted, `chart ${await canvas.getAttribute('data-chart')} is blank`).toBeGreaterThan(100);
  }
}

for (const { name, path, charts } of PAGES) {
  for (const { locale, acceptLanguage } of LANGUAGES) {
    test(`the ${name} page in ${locale === 'en' ? 'English' : 'Spanish'}: charts drawn, axe clean`, async ({ browser }) => {
      test.setTimeout(60_000);
      const page = await newPage(browser, { acceptLanguage });
      const scripts: string[] = [];
      const errors: string[] = [];
      page.on('request', (request) => {
        if (request.resourceType() === 'script') scripts.push(request.url());
      });
      // A hydration mismatch (say, the wrong language's catalog) is a console error in React's production build.
      page.on('console', (message) => {
        if (message.type() === 'error' || message.type() === 'warning') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(path);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      await expectChartsDrawn(page);
      // One script, the page's chart bundle: no client app, no catalog, no chunk loaded later.
      expect(scripts.map((url) => CHART_SCRIPT.exec(url)?.[1] ?? url)).toEqual([charts]);
      expect(await page.evaluate(() => '__remixContext' in window)).toBe(false);
      expect(errors).toEqual([]);
      // The demo data is labelled as such on every page.
      await expect(page.getByRole('region', { name: locale === 'en' ? 'Demonstration data' : 'Datos de demostración' })).toBeVisible();
      await expectNoAxeViolations(page);
      await page.context().close();
    });
  }

  test(`the ${name} page without JavaScript keeps its tables and numbers`, async ({ browser }) => {
    const page = await newPage(browser, { acceptLanguage: 'en-US', javaScriptEnabled: false });
    await page.goto(path);
    const tables = page.locator('figure.chart table');
    expect(await tables.count()).toBeGreaterThan(0);
    // Each chart's table has rows with figures in them, server-rendered.
    for (let i = 0; i < (await tables.count()); i++) {
      const rows = tables.nth(i).locator('tbody tr');
      expect(await rows.count()).toBeGreaterThan(0);
      await expect(tables.nth(i).locator('tbody')).toContainText(/\d/);
    }
    await expect(page.locator('canvas[data-drawn="true"]')).toHaveCount(0);
    await page.context().close();
  });
}

test('pages without charts do not load Chart.js; text pages and town pages load no JavaScript at all', async ({ browser }) => {
  const page = await newPage(browser, { acceptLanguage: 'es-MX' });
  const scripts: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(request.url());
  });
  // A text page (handle = { hydrate: false }): no script, not even the client app.
  await page.goto('/search?q=gaston');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(await page.evaluate(() => '__remixContext' in window)).toBe(false);
  expect(scripts).toEqual([]);
  // A town's page is a place page, like a county's, but without charts: no chart script either.
  await page.goto('/places/nc/beulaville');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Beulaville, NC');
  await expect(page.locator('canvas')).toHaveCount(0);
  expect(scripts).toEqual([]);
  // A page with a form that uses JavaScript: the app and the page's language, not Chart.js nor the other catalog.
  await page.goto('/forgot-password');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect.poll(() => page.evaluate(() => '__remixContext' in window)).toBe(true);
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((url) => CHART_SCRIPT.test(url) || /chart/i.test(url))).toEqual([]);
  expect(scripts.filter((url) => /\/(en|es)-[A-Z0-9]+\.js$/.test(url)).map((url) => url.replace(/^.*\/(en|es)-[^/]*$/, '$1'))).toEqual(['es']);
  await page.context().close();
});

test.describe('other public page types are axe clean', () => {
  // The comparison, a chart page, is checked with the others above, in both languages.
  test('/data', async ({ browser }) => {
    const page = await newPage(browser, { acceptLanguage: 'en-US' });
    await page.goto('/data');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.context().close();
  });

  test('the revision history of an amended report', async ({ browser }) => {
    const page = await newPage(browser, { acceptLanguage: 'en-US' });
    // The latest reports on the statewide page include amendments (the demo seed amends some).
    await page.goto('/');
    const mark = page.locator('a.amended-mark').first();
    await expect(mark).toBeVisible();
    await mark.click();
    await expect(page).toHaveURL(/\/agencies\/[^/]+\/reports\/\d+$/);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
    await page.context().close();
  });
});
