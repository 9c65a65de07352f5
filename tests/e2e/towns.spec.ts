/**
 * Towns (issue #9): a Spanish-speaking resident on a phone searches their ZIP code and reaches
 * their town's page, which says whether the town's police department has an agreement, with its
 * source, and what else reaches the town's residents.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

const PHONE = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, locale: 'es-MX' };

async function expectNoAxeViolations(page: Page, javaScriptEnabled = true) {
  // axe runs as a script in the page: it can only check the page with JavaScript on.
  if (!javaScriptEnabled) return;
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function expectFitsThePhone(page: Page, javaScriptEnabled = true) {
  // Measured by a script in the page; the layout is the same without JavaScript (CSS only).
  if (!javaScriptEnabled) return;
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

for (const javaScriptEnabled of [true, false]) {
  test(`a Spanish-speaking resident finds Beulaville by ZIP code on a phone (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({ browser }) => {
    const context = await browser.newContext({ ...PHONE, javaScriptEnabled });
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'es');
    const box = page.getByLabel('¿Tiene mi condado o mi municipio un acuerdo 287(g)?');
    await expect(box).toBeInViewport();
    await box.fill('28518');
    await page.getByRole('button', { name: 'Buscar', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === '28518');

    const result = page.locator('main section.result').first();
    await expect(result.getByRole('heading', { level: 2 })).toHaveText('Beulaville, NC');
    await expect(page.getByRole('link', { name: 'Duplin County, NC' })).toBeVisible();
    await expectNoAxeViolations(page, javaScriptEnabled);
    await expectFitsThePhone(page, javaScriptEnabled);

    await result.getByRole('link', { name: 'Beulaville, NC' }).click();
    await expect(page).toHaveURL(/\/places\/nc\/beulaville$/);
    const main = page.getByRole('main');
    await expect(main.getByRole('heading', { level: 1 })).toHaveText('Beulaville, NC');
    await expect(main).toContainText('Pueblo en Duplin County');
    await expect(main.getByText(/Sí: el departamento de policía de Beulaville tiene 1 acuerdo/)).toBeVisible();
    const police = main.getByRole('article').filter({ has: page.getByRole('link', { name: 'Beulaville Police Department' }) });
    await expect(police).toContainText('Modelo de Grupo de Trabajo');
    await expect(police).toContainText('Aún no figura en la lista de ICE');
    await expect(police.getByRole('link', { name: /MOA firmado: BeulavillePoliceDeptNC_TFM_MOA_10172025\.pdf/ })).toHaveAttribute(
      'href',
      /appelson\/Tracking_287g/,
    );
    await expect(main.getByRole('heading', { level: 2, name: 'Acuerdos que alcanzan a los residentes de Beulaville' })).toBeVisible();
    await expectNoAxeViolations(page, javaScriptEnabled);
    await expectFitsThePhone(page, javaScriptEnabled);
    await context.close();
  });
}

test('Cary, in Wake and Chatham counties, has no agreement on record for its police department', async ({ page }) => {
  await page.goto('/search?q=Cary');
  const result = page.locator('main section.result').first();
  await expect(result.getByRole('heading', { level: 2 })).toHaveText('Cary, NC');
  await result.getByRole('link', { name: 'Cary, NC' }).click();
  const main = page.getByRole('main');
  await expect(main).toContainText('Town in Wake County and Chatham County.');
  await expect(main).toContainText('No agreement on record for Cary\u2019s police department');
  await expectNoAxeViolations(page);
});
