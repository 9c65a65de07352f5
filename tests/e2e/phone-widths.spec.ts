/**
 * The public pages on a 375 × 667 phone, in English and in Spanish (issue #13): no page is wider
 * than the screen (wide tables scroll inside their own frame, hashes wrap), and a search's answer
 * shows without scrolling past the banner and header. Also: the 404 and 403 pages have a title in
 * the reader's language and are axe clean, pages print without the site's navigation, and the
 * audit log check is linked from every page's footer.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';

const PHONE = { width: 375, height: 667 };
const DEMO_PASSWORD = 'demo-pass-287g';
const LANGUAGES = [
  { locale: 'en', acceptLanguage: 'en-US', site: 'Oversight Portal', notFound: 'Page not found', forbidden: 'You do not have access to this page' },
  { locale: 'es', acceptLanguage: 'es-MX', site: 'Portal de Supervisión', notFound: 'No se encontró la página', forbidden: 'No tiene acceso a esta página' },
] as const;

/**
 * Every kind of public page (the routes in app/routes a visitor without an account can open as a
 * page; downloads, feeds and the API are not pages). The report page's address is found on the
 * agency's page: its id comes from the seed.
 */
const PUBLIC_PAGES: { name: string; path: string; status?: number }[] = [
  { name: 'statewide', path: '/' },
  { name: 'all counties', path: '/places/nc' },
  { name: 'county', path: '/places/nc/gaston-county' },
  { name: 'town', path: '/places/nc/beulaville' },
  { name: 'agency', path: '/agencies/nc-gaston-county-sheriffs-office' },
  { name: 'agency with an MOA link', path: '/agencies/nc-carteret-county-sheriffs-office' },
  { name: 'comparison', path: '/compare?metric=gross_cost' },
  { name: 'search results', path: '/search?q=gaston' },
  { name: 'search by ZIP code', path: '/search?q=28518' },
  { name: 'search without results', path: '/search?q=zzzzqqq' },
  { name: 'audit log check', path: '/audit' },
  { name: 'open data', path: '/data' },
  { name: 'ICE list archive', path: '/data/ice-lists' },
  { name: 'sign in', path: '/sign-in' },
  { name: 'forgot password', path: '/forgot-password' },
  { name: 'invitation (unknown)', path: '/invite/not-a-real-token', status: 404 },
  { name: 'password reset (unknown)', path: '/reset-password/not-a-real-token', status: 404 },
  { name: 'page not found', path: '/no-such-page/anywhere', status: 404 },
];

let addressCounter = 0;

/** A browser context in the reader's language, speaking from its own client address (sign-in throttling). */
async function newPage(browser: Browser, acceptLanguage: string, options: { phone?: boolean } = {}) {
  const context = await browser.newContext({
    locale: acceptLanguage,
    ...(options.phone ? { viewport: PHONE, isMobile: true, hasTouch: true } : {}),
    extraHTTPHeaders: { 'x-forwarded-for': `203.0.113.${++addressCounter}` },
  });
  return context.newPage();
}

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** The address of one of Gaston's published reports (its filing id is the report's id). */
async function gastonReportPath(page: Page): Promise<string> {
  await page.goto('/agencies/nc-gaston-county-sheriffs-office');
  const href = await page.locator('main a[href*="/reports/"]').first().getAttribute('href');
  expect(href).toMatch(/^\/agencies\/nc-gaston-county-sheriffs-office\/reports\/\d+$/);
  return href!;
}

async function signIn(page: Page, email: string) {
  await page.goto('/sign-in');
  await page.locator('input[name="email"]').fill(email);
  await page.locator('input[name="password"]').fill(DEMO_PASSWORD);
  await page.locator('main form button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

for (const { locale, acceptLanguage } of LANGUAGES) {
  test(`every public page type fits a 375 px phone (${locale})`, async ({ browser }) => {
    test.setTimeout(90_000);
    const page = await newPage(browser, acceptLanguage, { phone: true });
    const pages = [...PUBLIC_PAGES, { name: 'published report', path: await gastonReportPath(page) }];
    const tooWide: string[] = [];
    for (const { name, path, status } of pages) {
      const response = await page.goto(path);
      expect(response?.status(), `${name} (${path})`).toBe(status ?? 200);
      await expect(page.locator('html')).toHaveAttribute('lang', locale);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      if (width > PHONE.width) tooWide.push(`${name} (${path}): ${width} px`);
    }
    // Every page measured before failing: the message lists all that are too wide.
    expect(tooWide).toEqual([]);
    await page.context().close();
  });

  test(`on a phone the search's first answer shows without scrolling (${locale})`, async ({ browser }) => {
    const page = await newPage(browser, acceptLanguage, { phone: true });
    // A county's answer, and a town's (longer: it names the town's police department).
    for (const query of ['gaston', '28518']) {
      await page.goto(`/search?q=${query}`);
      const answer = page.locator('main section.result .answer').first();
      await expect(answer).toBeVisible();
      const box = await answer.boundingBox();
      expect(box, query).not.toBeNull();
      expect(box!.y + box!.height, `the answer for "${query}" ends below the fold`).toBeLessThanOrEqual(PHONE.height);
    }
    await page.context().close();
  });

  test(`the 404 page has a title in the reader's language and is axe clean (${locale})`, async ({ browser }) => {
    const { site, notFound } = LANGUAGES.find((language) => language.locale === locale)!;
    const page = await newPage(browser, acceptLanguage);
    const response = await page.goto('/no-such-page');
    expect(response?.status()).toBe(404);
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await expect(page).toHaveTitle(`${notFound} · ${site}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(notFound);
    await expectNoAxeViolations(page);
    await page.context().close();
  });
}

test('the 403 page (a filer opening another agency’s report) has a title and is axe clean, in both languages', async ({ browser }) => {
  const page = await newPage(browser, 'en-US');
  const reportPath = await gastonReportPath(page);
  const filingPath = `/filings/${reportPath.split('/').at(-1)}`;
  await signIn(page, 'filer.cabarrus@example.org');
  for (const { locale, site, forbidden } of LANGUAGES) {
    // The language switch's cookie, as a reader choosing Spanish in the header would set it.
    const response = await page.goto(`/language?lang=${locale}&returnTo=${encodeURIComponent(filingPath)}`);
    expect(response?.status()).toBe(403);
    await expect(page.locator('html')).toHaveAttribute('lang', locale);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(forbidden);
    // The error's title, not the report page's own, in the page's language.
    expect(await page.title()).toBe(`${forbidden} · ${site}`);
    await expectNoAxeViolations(page);
  }
  // A filer is not an operator: the operator's pages answer 403 too, with the error's own title.
  await page.goto(`/language?lang=en&returnTo=${encodeURIComponent('/admin')}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LANGUAGES[0].forbidden);
  await expect(page).toHaveTitle(`${LANGUAGES[0].forbidden} · Oversight Portal`);
  await expectNoAxeViolations(page);
  await page.context().close();
});

test('a county page prints its content without the site’s navigation, in fewer pages', async ({ browser }) => {
  const page = await newPage(browser, 'en-US');
  await page.goto('/places/nc/gaston-county');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Site' })).toBeHidden();
  await expect(page.getByRole('navigation', { name: 'Language' })).toBeHidden();
  await expect(page.locator('.site-tagline')).toBeHidden();
  await expect(page.locator('.skip-link')).toBeHidden();
  await expect(page.locator('footer nav')).toBeHidden();
  // Charts print as their tables: the canvas is left out, the table is on paper.
  const chart = page.locator('figure.chart').first();
  await expect(chart.locator('canvas')).toBeHidden();
  await expect(chart.locator('table')).toBeVisible();
  // Wide tables are not clipped by their scrolling frame.
  expect(await page.locator('.table-scroll').first().evaluate((element) => getComputedStyle(element).overflowX)).toBe('visible');
  // The search form is for the screen.
  await page.goto('/');
  await expect(page.getByRole('search')).toBeHidden();
  // Links to other sites show where they lead on paper.
  await page.goto('/agencies/nc-carteret-county-sheriffs-office');
  const external = page.locator('main a[href^="http"]').first();
  const href = await external.getAttribute('href');
  expect(await external.evaluate((element) => getComputedStyle(element, '::after').content)).toBe(`" (${href})"`);
  await page.emulateMedia({ media: 'screen' });
  expect(await external.evaluate((element) => getComputedStyle(element, '::after').content)).toBe('none');

  // On US Letter paper (Chromium's PDF, what "Print" makes): 8 pages before the print rules.
  await page.emulateMedia({ media: 'print' });
  await page.goto('/places/nc/gaston-county');
  const pdf = await page.pdf({ format: 'Letter' });
  const pageCount = (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) ?? []).length;
  expect(pageCount).toBeGreaterThan(0);
  expect(pageCount).toBeLessThanOrEqual(5);
  await page.context().close();
});

for (const { locale, acceptLanguage } of LANGUAGES) {
  test(`the audit log check is linked from the statewide page's footer (${locale})`, async ({ browser }) => {
    const page = await newPage(browser, acceptLanguage);
    await page.goto('/');
    const footer = page.getByRole('contentinfo');
    const link = footer.getByRole('link', { name: locale === 'en' ? 'Check the audit log' : 'Verificar el registro de auditoría' });
    await expect(link).toHaveAttribute('href', '/audit');
    await link.click();
    await expect(page).toHaveURL(/\/audit$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(locale === 'en' ? 'Audit log check' : 'Verificación del registro de auditoría');
    await expect(page.getByRole('status')).toBeVisible();
    await page.context().close();
  });
}
