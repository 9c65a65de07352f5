/**
 * A returned report fixed in Spanish, in Chromium with the browser set to es-MX: the Gaston
 * County clerk returns one of Gaston's submitted reports; the Gaston filer (filer and head), whose
 * browser speaks Spanish, opens it, types figures that break the checks (more detainers honored
 * than received, a negative count, a word for a number), saves and tries to submit the
 * amendment, and reads every message in Spanish, with none of the English sentences the checks
 * used to give. Then the filer puts the figures back and submits the amendment, so the report
 * counts with the figures it had (the e2e database is shared by the run's specs).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';

const DEMO_PASSWORD = 'demo-pass-287g';
const NOTE = 'Detainers do not match the jail log: please check them.';
/** The period tests/e2e/review.spec.ts returns and amends. */
const REVIEW_SPEC_PERIOD = 'July–September 2025';
let addressCounter = 0;

/** The English the checks used to show on a Spanish page (and the English catalog still says). */
const ENGLISH_PROSE = [
  'cannot be more than',
  'is more than',
  'add up to',
  'Cannot be negative',
  'is not a number',
  'Enter a value, or 0',
  'Enter a whole number',
  'is far above',
  'is far below',
  'Check it, or explain',
  'breakdown adds up',
  'This report was already submitted',
  'say why you are amending',
  'Enter the name of the person certifying',
  'Enter the title of the person certifying',
  'Warning:',
];

async function signedIn(browser: Browser, email: string, locale?: string): Promise<Page> {
  const context = await browser.newContext({ locale, extraHTTPHeaders: { 'x-forwarded-for': `198.51.100.${220 + ++addressCounter}` } });
  const page = await context.newPage();
  await page.goto('/sign-in');
  const spanish = locale?.startsWith('es');
  await page.getByLabel(spanish ? 'Correo electrónico' : 'Email address').fill(email);
  await page.getByLabel(spanish ? 'Contraseña' : 'Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: spanish ? 'Iniciar sesión' : 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/(account|filings)$/);
  return page;
}

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function expectNoEnglishProse(page: Page) {
  const text = await page.getByRole('main').innerText();
  expect(ENGLISH_PROSE.filter((english) => text.includes(english))).toEqual([]);
}

/** A figure's input, by its metric key (its label is the metric's). */
const figure = (page: Page, key: string) => page.locator(`#field-value-${key.replace(/[^A-Za-z0-9_-]/g, '-')}`);
const issuesOf = (page: Page, field: string) => page.locator(`#field-${field.replace(/[^A-Za-z0-9_-]/g, '-')}-issues`);

test('a filer whose browser speaks Spanish reads the checks of a returned report in Spanish', async ({ browser }) => {
  test.setTimeout(120_000);

  // The clerk returns one of Gaston's submitted reports, not the one review.spec.ts returns.
  const clerk = await signedIn(browser, 'reviewer.gaston@example.org');
  await clerk.goto('/review/filings');
  const labels = await clerk.getByRole('link', { name: /^Review the report for / }).evaluateAll((links) => links.map((link) => link.getAttribute('aria-label') ?? ''));
  const label = labels.find((name) => name !== `Review the report for ${REVIEW_SPEC_PERIOD}`);
  expect(label, 'a submitted Gaston report besides the one review.spec.ts uses').toBeTruthy();
  const period = label!.replace(/^Review the report for /, '');
  await clerk.getByRole('link', { name: label, exact: true }).click();
  await expect(clerk).toHaveURL(/\/review\/filings\/\d+$/);
  await expect(clerk.getByRole('heading', { level: 1 })).toContainText(period);
  const filingId = /\/review\/filings\/(\d+)$/.exec(clerk.url())![1];
  const returnButton = clerk.getByRole('button', { name: /^Return revision \d+ to the agency$/ });
  const revision = Number(/Return revision (\d+)/.exec((await returnButton.textContent()) ?? '')?.[1]);
  await clerk.getByLabel('Note to the agency').fill(NOTE);
  await returnButton.click();
  await expect(clerk.getByRole('status')).toHaveText('Revision returned to the agency with your note.');

  // The filer's browser asks for Mexican Spanish: the portal answers in Spanish.
  const filer = await signedIn(browser, 'filer.gaston@example.org', 'es-MX');
  await filer.goto('/filings');
  await expect(filer.getByRole('heading', { level: 1 })).toHaveText('Sus informes');
  const row = filer.getByRole('row').filter({ hasText: 'Devuelto por los revisores' });
  await expect(row).toHaveCount(1);
  await row.getByRole('link', { name: /^Abrir el informe de / }).click();
  await expect(filer).toHaveURL(new RegExp(`/filings/${filingId}$`));
  await expect(filer.getByRole('alert').filter({ hasText: 'Los revisores devolvieron la versión' })).toContainText(NOTE);

  // Figures that break the checks: more detainers honored than received, a negative count, a word.
  const original = Object.fromEntries(
    await Promise.all(['detainers_received', 'detainers_honored', 'complaints_filed', 'people_encountered'].map(async (key) => [key, await figure(filer, key).inputValue()] as const)),
  );
  const received = Number(original.detainers_received.replace(/,/g, ''));
  await figure(filer, 'detainers_honored').fill(String(received + 5));
  await figure(filer, 'complaints_filed').fill('-2');
  await figure(filer, 'people_encountered').fill('cuarenta');
  await filer.getByRole('button', { name: 'Guardar borrador' }).click();
  // One banner: the error summary says the draft is saved (no green "Borrador guardado" beside it).
  await expect(filer.locator('.error-summary')).toContainText('Su borrador está guardado.');

  const count = (value: number) => value.toLocaleString('en-US'); // figures read as in the United States in both languages
  const tooMany = `Error: La cifra de órdenes de retención cumplidas (${count(received + 5)}) no puede ser mayor que la de órdenes de retención recibidas (${count(received)}).`;
  await expect(issuesOf(filer, 'value:detainers_honored')).toContainText(tooMany);
  await expect(issuesOf(filer, 'value:detainers_received')).toContainText(tooMany);
  await expect(issuesOf(filer, 'value:complaints_filed')).toHaveText('Error: No puede ser negativo.');
  await expect(issuesOf(filer, 'value:people_encountered')).toHaveText('Error: "cuarenta" no es un número.');
  await expect(figure(filer, 'detainers_honored')).toHaveAttribute('aria-invalid', 'true');
  const summary = filer.locator('.alert').filter({ hasText: 'Revise esto antes de presentar:' });
  await expect(summary).toContainText(tooMany);
  await expect(summary).toContainText('Error: No puede ser negativo.');
  await expectNoEnglishProse(filer);
  await expectNoAxeViolations(filer);

  // Certifying without a reason for the amendment or a name: refused, in Spanish too.
  await filer.getByRole('button', { name: 'Certificar y presentar la enmienda' }).click();
  await expect(filer.getByRole('alert').filter({ hasText: 'No se presentó el informe.' })).toBeVisible();
  await expect(issuesOf(filer, 'amendmentReason')).toHaveText('Error: Este informe ya se presentó: explique por qué lo enmienda (al menos 10 caracteres).');
  await expect(issuesOf(filer, 'certifiedName')).toHaveText('Error: Escriba el nombre de la persona que certifica el informe.');
  await expect(issuesOf(filer, 'value:people_encountered')).toHaveText('Error: "cuarenta" no es un número.');
  await expectNoEnglishProse(filer);
  await expectNoAxeViolations(filer);

  // The figures as they were, and the amendment certified: the report counts as before.
  for (const [key, value] of Object.entries(original)) await figure(filer, key).fill(value);
  await filer.getByLabel('¿Por qué enmienda el informe?').fill('Se revisaron las cifras con el registro de la cárcel.');
  await filer.getByLabel('Su nombre completo').fill('Chad Hawkins');
  await filer.getByLabel('Su cargo').fill('Sheriff');
  await filer.getByRole('button', { name: 'Certificar y presentar la enmienda' }).click();
  await expect(filer.getByRole('status').first()).toContainText(`Presentado: versión ${revision + 1}.`);
});
