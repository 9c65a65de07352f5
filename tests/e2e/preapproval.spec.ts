/**
 * Issue 14, point 3 in a browser: a Spanish-speaking resident on a 375 px phone goes from
 * Hillsborough's town page to its pre-approval policy and on to its police department's
 * application (the demo seed's, seeds/demo-model-policies.ts: at public notice, two comments, one
 * hidden by the clerk), reads the dated stages in Spanish, sees the hidden comment by its reason
 * only, and comments without JavaScript. Every page fits the phone and is axe clean (axe and the
 * width run in the page, so on the pages opened with JavaScript on; the layout is CSS only).
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';

const PHONE = { width: 375, height: 667 };
/** A long date in Spanish, as the portal writes it ("3 de diciembre de 2026"). */
const SPANISH_DATE = String.raw`\d{1,2} de \p{L}+ de \d{4}`;

async function expectNoAxeViolations(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function expectFitsThePhone(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, new URL(page.url()).pathname).toBeLessThanOrEqual(PHONE.width);
}

/** A resident's phone in Spanish, speaking from its own client address (comments are rate-limited by address). */
async function residentPhone(browser: Browser, address: string, javaScriptEnabled = true) {
  const context = await browser.newContext({
    locale: 'es-MX',
    viewport: PHONE,
    isMobile: true,
    hasTouch: true,
    javaScriptEnabled,
    extraHTTPHeaders: { 'x-forwarded-for': address },
  });
  return context.newPage();
}

test('a resident follows Hillsborough’s pre-approval from the town page to the application’s timeline and comments, in Spanish on a phone', async ({ browser }) => {
  test.setTimeout(90_000);
  const phone = await residentPhone(browser, '203.0.113.151');

  // The town page lists the adopted policy.
  await phone.goto('/places/nc/hillsborough');
  await expect(phone.locator('html')).toHaveAttribute('lang', 'es');
  const policies = phone.locator('main section[aria-labelledby="adopted-policies"]');
  await expect(policies.getByRole('heading', { level: 2 })).toHaveText('Políticas adoptadas');
  await policies.getByRole('link').first().click();

  // The policy page: the town's English resolution in a Spanish page, with the recorded vote.
  await expect(phone).toHaveURL(/\/policies\/\d+$/);
  const policy = phone.getByRole('main');
  await expect(policy).toContainText('Adoptada por');
  await expect(policy).toContainText('en inglés');
  await expect(policy).toContainText('4 a favor, 1 en contra, 0 abstenciones');
  await expect(policy.locator('.resolution')).toContainText('Hillsborough');
  await expectFitsThePhone(phone);
  await expectNoAxeViolations(phone);

  // It lists the applications filed under it: the police department's, at public notice.
  const applications = policy.locator('section[aria-labelledby="preapproval-applications"]');
  await expect(applications.getByRole('heading', { level: 2 })).toHaveText('Solicitudes de aprobación previa');
  await expect(applications.getByRole('listitem')).toHaveCount(1);
  await expect(applications.getByRole('listitem')).toContainText('Hillsborough Police Department');
  await expect(applications.getByRole('listitem')).toContainText('Aviso público y período de comentarios');
  await applications.getByRole('link', { name: new RegExp(`^Presentada el ${SPANISH_DATE}: Modelo de Grupo de Trabajo$`, 'u') }).click();

  // The timeline: each stage so far, dated, in Spanish.
  await expect(phone).toHaveURL(/\/preapproval\/applications\/\d+$/);
  const applicationPath = new URL(phone.url()).pathname;
  const main = phone.getByRole('main');
  await expect(main.getByRole('heading', { level: 1 })).toHaveText('Solicitud de aprobación previa: Hillsborough Police Department');
  await expect(main.locator('.lead')).toHaveText('Acuerdo solicitado: Modelo de Grupo de Trabajo. Etapa: Aviso público y período de comentarios.');
  const timeline = main.locator('section[aria-labelledby="timeline"]');
  await expect(timeline.getByRole('heading', { level: 2 })).toHaveText('Cronología');
  const stages = ['Presentada', 'Revisión de integridad', 'Aviso público y período de comentarios'];
  await expect(timeline.locator('ol > li')).toHaveText(stages.map((stage) => new RegExp(`^${SPANISH_DATE}: ${stage}$`, 'u')));
  // Notice opened the comment period: its first day is the notice's date.
  const noticeDate = (await timeline.locator('ol > li').last().locator('strong').textContent())!;
  const comments = main.locator('section[aria-labelledby="comments"]');
  await expect(comments).toContainText(new RegExp(`Se aceptan comentarios del ${noticeDate} al ${SPANISH_DATE}\\.`, 'u'));

  // One comment shows; the hidden one shows its reason, not its text.
  await expect(comments.getByRole('article')).toHaveCount(2);
  await expect(comments.getByRole('article').first()).toContainText('M. Alvarez');
  await expect(comments.getByRole('article').first()).toContainText('Please publish how many stops');
  await expect(comments.getByRole('article').last()).toHaveText('Comentario ocultado por la secretaría. Motivo: Advertising, not a comment on the application.');
  await expect(main).not.toContainText('gutter cleaning');
  await expectFitsThePhone(phone);
  await expectNoAxeViolations(phone);

  // A second resident comments without JavaScript: the plain form posts, and the page says so.
  const noScript = await residentPhone(browser, '203.0.113.152', false);
  await noScript.goto(applicationPath);
  await expect(noScript.locator('html')).toHaveAttribute('lang', 'es');
  const stamp = Date.now();
  // Two paragraphs and a long address: the line break stays, the address wraps (checked below).
  const body = `Comentario de prueba ${stamp}: ¿cuántas paradas hará el departamento?\n\nVéase https://www.hillsboroughnc.gov/government/town-council/agendas-and-minutes/regular-meeting-agenda-item-7-${stamp}`;
  await noScript.getByLabel('Su nombre (opcional)', { exact: true }).fill('R. Morales');
  await noScript.getByLabel('Su comentario', { exact: true }).fill(body);
  await noScript.getByRole('button', { name: 'Enviar el comentario' }).click();
  await expect(noScript).toHaveURL(`${applicationPath}?done=commented`);
  await expect(noScript.getByRole('status')).toHaveText('Gracias: su comentario consta en el registro.');
  const posted = noScript.getByRole('main').getByRole('article').filter({ hasText: `Comentario de prueba ${stamp}` });
  await expect(posted).toContainText('R. Morales');
  await noScript.context().close();

  // The first resident sees it too; the page with the new comment and the notice still fits and is axe clean.
  await phone.goto(`${applicationPath}?done=commented`);
  const mine = phone.getByRole('main').getByRole('article').filter({ hasText: `Comentario de prueba ${stamp}` });
  await expect(mine).toContainText('R. Morales');
  expect(await mine.locator('.prewrap').evaluate((element) => (element as HTMLElement).innerText)).toBe(body);
  await expect(phone.getByRole('main').getByRole('article')).toHaveCount(3);
  await expectFitsThePhone(phone);
  await expectNoAxeViolations(phone);
  await phone.context().close();
});
