/**
 * The data dictionary: the /data page and its downloads, generated from the metric catalogue,
 * in both languages, labelled as demonstration data when the database holds demo data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '~/db/prisma.server';
import { METRIC_CATALOGUE_VERSION, METRICS } from '~/reporting/metrics';
import * as dataPage from '~/routes/data';
import * as json from '~/routes/api.v1.metrics';
import * as csv from '~/routes/api.v1.metrics[.csv]';
import { prepareDatabase } from '../../scripts/db/prepare';
import { TEST_CONTEXT } from '../support/requests';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

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

const call = (loader: (args: never) => unknown, url: string, headers: Record<string, string> = {}) =>
  loader({ request: new Request(`http://portal.test${url}`, { headers }), params: {}, context: TEST_CONTEXT } as never) as Promise<Response>;

describe('the data dictionary', () => {
  it('lists every metric on /data, in the reader’s language', async () => {
    const english = (await call(dataPage.loader, '/data')) as unknown as { entries: { key: string; label: string }[] };
    expect(english.entries.map((entry) => entry.key)).toEqual(METRICS.map((metric) => metric.key));
    expect(english.entries.find((entry) => entry.key === 'gross_cost')?.label).toBe('Gross cost');
    const spanish = (await call(dataPage.loader, '/data', { 'accept-language': 'es' })) as unknown as { entries: { key: string; label: string }[] };
    expect(spanish.entries.find((entry) => entry.key === 'gross_cost')?.label).not.toBe('Gross cost');
  });

  it('downloads as JSON and CSV, in English unless ?lang=es, with ETags', async () => {
    const response = await call(json.loader, '/api/v1/metrics');
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: { key: string; unit: string; formula: string | null }[]; meta: { demo: boolean; source: string } };
    expect(body.data).toHaveLength(METRICS.length);
    expect(body.data.find((entry) => entry.key === 'net_local_cost')).toMatchObject({ unit: 'USD', formula: 'gross_cost - federal_reimbursement - igsa_revenue' });
    expect(body.meta).toMatchObject({ demo: false, source: expect.stringContaining(`version ${METRIC_CATALOGUE_VERSION}`) });
    const etag = response.headers.get('ETag')!;
    expect((await call(json.loader, '/api/v1/metrics', { 'If-None-Match': etag })).status).toBe(304);

    const table = await (await call(csv.loader, '/api/v1/metrics.csv')).text();
    const [header, firstRow] = table.replace(/^\uFEFF/, '').split('\r\n');
    expect(header).toBe('key,catalogue_version,label,definition,unit,category,models,formula,breakdown_of,group,group_label');
    expect(firstRow.startsWith(`${METRICS[0].key},1,`)).toBe(true);
    const spanish = await (await call(csv.loader, '/api/v1/metrics.csv?lang=es')).text();
    expect(spanish.replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('clave,versionCatalogo,nombre,definicion,unidad,categoria,modelos,formula,desgloseDe,grupo,nombreGrupo');
    const refused = await call(csv.loader, '/api/v1/metrics.csv?lang=fr');
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ error: { message: expect.stringContaining('en or es') } });
  });

  it('is labelled as demonstration data when the database holds demo data', async () => {
    await db.prisma.seedRun.create({ data: { name: 'demo-accounts' } });
    const body = (await (await call(json.loader, '/api/v1/metrics')).json()) as { meta: { demo: boolean; notice: string } };
    expect(body.meta).toMatchObject({ demo: true, notice: expect.stringContaining('Demonstration data') });
    const response = await call(csv.loader, '/api/v1/metrics.csv');
    expect(response.headers.get('Content-Disposition')).toContain('data-dictionary-demonstration.csv');
    expect((await response.text()).replace(/^\uFEFF/, '').startsWith('demonstration_data,key,')).toBe(true);
  });
});
