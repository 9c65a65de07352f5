/**
 * English and Spanish as a browser gets them: whole pages rendered by Remix's request handler
 * (root layout, routes and entry.server, the app's own modules) against a seeded database.
 * The language follows Accept-Language unless the switch's cookie says otherwise.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '~/db/prisma.server';
import * as agencyRoute from '~/routes/agencies.$slug';
import * as indexRoute from '~/routes/_index';
import * as csvRoute from '~/routes/api.v1.agreements[.csv]';
import * as languageRoute from '~/routes/language';
import { prepareDatabase } from '../../scripts/db/prepare';
import { run, TEST_CONTEXT } from '../support/requests';
import { testRequestHandler } from '../support/page-handler';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** The part of the app these tests need, assembled as the Remix compiler would. */
const handle = testRequestHandler({
  'routes/_index': { index: true, module: indexRoute },
  'routes/agencies.$slug': { path: 'agencies/:slug', module: agencyRoute },
  'routes/language': { path: 'language', module: languageRoute },
});
const page = (path: string, headers: Record<string, string> = {}) =>
  handle(new Request(`http://portal.test${path}`, { headers }), TEST_CONTEXT);

const GASTON = '/agencies/nc-gaston-county-sheriffs-office';
const SPANISH_BROWSER = { 'accept-language': 'es-MX,es;q=0.9' };

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.url, () => {}, false);
  process.env.DATABASE_URL = db.url;
});
afterAll(async () => {
  await disconnectPrisma();
  await db.drop();
});

describe('pages in the browser’s language', () => {
  it('renders the home page in English for an English or silent browser', async () => {
    for (const headers of [{}, { 'accept-language': 'en-US,en;q=0.9' }] as Record<string, string>[]) {
      const response = await page('/', headers);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(html).toContain('<html lang="en">');
      expect(html).toMatch(/<h1>287\(g\) agreements in North Carolina<\/h1>/);
      expect(html).toContain('<title>287(g) agreements in North Carolina · Oversight Portal</title>');
    }
  });

  it('renders the home page in Spanish for a browser that prefers Spanish', async () => {
    const response = await page('/', SPANISH_BROWSER);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="es">');
    expect(html).toMatch(/<h1>Acuerdos 287\(g\) en Carolina del Norte<\/h1>/);
    expect(html).toContain('<title>Acuerdos 287(g) en Carolina del Norte · Portal de Supervisión</title>');
    expect(html).toContain('Modelo de Control en Cárceles');
    // The registry holds agreements known from MOAs since that list (seeds/data/moa-nc).
    expect(html).toContain('Según la lista de ICE del 18 de julio de 2025, más 8 acuerdos firmados (MOA) que ICE ha publicado pero aún no lista.');
    expect(html).not.toContain('Jail Enforcement Model</');
    // The open-data page, in the site navigation.
    expect(html).toMatch(/<a [^>]*href="\/data"[^>]*>Datos abiertos<\/a>/);
  });

  it('renders an agency page in Spanish, its history and dates included', async () => {
    const response = await page(GASTON, SPANISH_BROWSER);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain("<h1>Gaston County Sheriff&#x27;s Office</h1>");
    expect(html).toContain('<h2>Acuerdos 287(g)</h2>');
    expect(html).toContain('Firmado el 9 de junio de 2020');
    expect(html).toContain('Oficina del sheriff');
    expect(html).toContain('Lista de agencias participantes de ICE del ');
    expect(html).toContain('<title>Gaston County Sheriff&#x27;s Office · 287(g) · Portal de Supervisión</title>');
  });

  it('shows the not-found page in Spanish too', async () => {
    const response = await page('/agencies/nobody', SPANISH_BROWSER);
    expect(response.status).toBe(404);
    const html = await response.text();
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('No se encontró la página');
  });

  it('marks the current language in the switch, which links back to this page', async () => {
    const html = await (await page(`${GASTON}?x=1`, SPANISH_BROWSER)).text();
    const returnTo = encodeURIComponent(`${GASTON}?x=1`);
    expect(html).toContain(`href="/language?lang=en&amp;returnTo=${returnTo}" lang="en" hrefLang="en">English</a>`);
    expect(html).toContain(`href="/language?lang=es&amp;returnTo=${returnTo}" lang="es" hrefLang="es" aria-current="true"><strong>Español</strong></a>`);
    expect(html).toContain('<nav aria-label="Idioma" class="language-switch">');

    const english = await (await page('/')).text();
    expect(english).toContain('href="/language?lang=en&amp;returnTo=%2F" lang="en" hrefLang="en" aria-current="true"><strong>English</strong></a>');
    expect(english).toContain('href="/language?lang=es&amp;returnTo=%2F" lang="es" hrefLang="es">Español</a>');
  });

  it('says that pages vary by Accept-Language and Cookie', async () => {
    const response = await page('/', SPANISH_BROWSER);
    expect(response.headers.get('vary')).toMatch(/Accept-Language/);
    expect(response.headers.get('vary')).toMatch(/Cookie/);
    // So does the data of client-side navigation, which carries the language too.
    const data = await page('/agencies/nc-gaston-county-sheriffs-office.data', SPANISH_BROWSER);
    expect(data.status).toBe(200);
    expect(data.headers.get('vary')).toMatch(/Accept-Language, Cookie/);
  });
});

describe('the language switch', () => {
  it('remembers the choice in a long-lived cookie and goes back to the same page', async () => {
    const response = await page(`/language?lang=es&returnTo=${encodeURIComponent(`${GASTON}?x=1`)}`);
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe(`${GASTON}?x=1`);
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^lang=es;/);
    expect(cookie).toMatch(/Max-Age=31536000/);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
  });

  it('works as a form post too', async () => {
    const body = new URLSearchParams({ lang: 'en', returnTo: '/search?q=gaston' });
    const outcome = await run(languageRoute.action, new Request('http://portal.test/language', { method: 'POST', body }));
    expect(outcome.status).toBe(303);
    expect(outcome.location).toBe('/search?q=gaston');
    expect(outcome.setCookie).toBe('lang=en');
  });

  it('lets the cookie override the browser’s language, both ways', async () => {
    const english = await (await page('/', { ...SPANISH_BROWSER, cookie: 'lang=en' })).text();
    expect(english).toContain('<html lang="en">');
    expect(english).toMatch(/<h1>287\(g\) agreements in North Carolina<\/h1>/);

    const spanish = await (await page(GASTON, { 'accept-language': 'en-US', cookie: 'other=1; lang=es' })).text();
    expect(spanish).toContain('<html lang="es">');
    expect(spanish).toContain('<h2>Acuerdos 287(g)</h2>');
  });

  it.each(['//evil.example', '//evil.example/agencies', 'https://evil.example/', '/\\evil.example', '/\t/evil.example', '/.//evil.example'])(
    'refuses to send anyone off-site (%s): back to the home page instead',
    async (returnTo) => {
      const response = await page(`/language?lang=es&returnTo=${encodeURIComponent(returnTo)}`);
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('/');
    },
  );

  it('ignores an unknown language', async () => {
    const response = await page(`/language?lang=fr&returnTo=${encodeURIComponent(GASTON)}`);
    expect(response.headers.get('location')).toBe(GASTON);
    expect(response.headers.get('set-cookie')).toBeNull();
  });
});

describe('the agreements CSV', () => {
  const csv = (url: string) => csvRoute.loader({ request: new Request(`http://portal.test${url}`), params: {}, context: TEST_CONTEXT }) as Promise<Response>;

  it('keeps the machine header by default, whatever the browser’s language', async () => {
    const response = await csv('/api/v1/agreements.csv?state=NC');
    expect((await response.text()).split('\r\n')[0]).toBe('id,agency,agency_type,state,county,model,model_name,status,signed_on,moa_link,moa_url');
  });

  it('has Spanish headers with lang=es, and the same rows', async () => {
    const [english, spanish] = await Promise.all([csv('/api/v1/agreements.csv?state=NC&status=active'), csv('/api/v1/agreements.csv?state=NC&status=active&lang=es')]);
    expect(spanish.status).toBe(200);
    expect(spanish.headers.get('content-disposition')).toBe('attachment; filename="287g-acuerdos-2025-07-18.csv"');
    const [englishRows, spanishRows] = [parse(await english.text(), { bom: true }) as string[][], parse(await spanish.text(), { bom: true }) as string[][]];
    expect(spanishRows[0]).toEqual(['Identificador', 'Agencia', 'Tipo de agencia', 'Estado', 'Condado', 'Modelo', 'Nombre del modelo', 'Situación', 'Fecha de firma', 'Enlace al MOA', 'Dirección del MOA']);
    // The same rows, but for the model's name, which is in the file's language.
    const withoutModelName = (rows: string[][]) => rows.slice(1).map((row) => row.filter((_, i) => i !== 6));
    expect(withoutModelName(spanishRows)).toEqual(withoutModelName(englishRows));
    expect(spanishRows.find((row) => row[5] === 'JEM')![6]).toBe('Modelo de Control en Cárceles');
  });

  it('refuses an unknown language with a 400 that says what is allowed', async () => {
    const response = await csv('/api/v1/agreements.csv?lang=fr');
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/lang must be en or es/);
  });
});
