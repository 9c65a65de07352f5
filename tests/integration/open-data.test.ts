/**
 * The open-data agreements endpoints and the health check, run through their route loaders
 * against a seeded PostgreSQL database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '~/db/prisma.server';
import { loader as csvLoader } from '~/routes/api.v1.agreements[.csv]';
import { loader as jsonLoader } from '~/routes/api.v1.agreements';
import { loader as healthLoader } from '~/routes/healthz';
import { prepareDatabase } from '../../scripts/db/prepare';
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

const call = (loader: typeof jsonLoader, url: string) =>
  loader({ request: new Request(`http://portal.test${url}`), params: {}, context: { cspNonce: '', clientIp: null } }) as Promise<Response>;

describe('GET /api/v1/agreements', () => {
  it("lists North Carolina's active agreements with the documented fields", async () => {
    const response = await call(jsonLoader, '/api/v1/agreements?state=NC&status=active');
    expect(response.status).toBe(200);
    const body = await response.json();
    // ICE's list of 2025-07-18 (22) and the agreements known from MOAs since (8).
    expect(body.meta).toEqual({ count: 30, asOf: '2025-07-18', demo: false });
    expect(body.data).toHaveLength(30);
    // snake_case keys (issue #13), with the camelCase ones of before kept beside them for one release.
    expect(body.data.find((a: { id: string }) => a.id === 'nc-gaston-county-sheriffs-office-jem')).toEqual({
      id: 'nc-gaston-county-sheriffs-office-jem',
      agency: "Gaston County Sheriff's Office",
      agency_type: 'SHERIFF',
      state: 'NC',
      county: 'Gaston County',
      model: 'JEM',
      model_name: 'Jail Enforcement Model',
      status: 'ACTIVE',
      signed_on: '2020-06-09',
      moa_link: expect.stringMatching(/^(LINKED|PENDING|NONE)$/),
      moa_url: expect.toSatisfy((url: unknown) => url === null || (typeof url === 'string' && url.startsWith('http'))),
      agencyType: 'SHERIFF',
      signedOn: '2020-06-09',
    });
  });

  it('filters by model, case-insensitively', async () => {
    const body = await (await call(jsonLoader, '/api/v1/agreements?state=nc&status=ACTIVE&model=jem')).json();
    expect(body.data.map((a: { agency: string }) => a.agency).sort()).toEqual([
      "Cabarrus County Sheriff's Office",
      "Gaston County Sheriff's Office",
      "Henderson County Sheriff's Office",
      "Person County Sheriff's Office",
    ]);
  });

  it.each([
    ['/api/v1/agreements?status=retired', /status must be one of active, pending, ended.*"retired"/],
    ['/api/v1/agreements?state=Carolina', /state must be a two-letter USPS code/],
    ['/api/v1/agreements?model=287g', /model must be one of jem, wso, tfm/],
    ['/api/v1/agreements?county=Gaston', /Unknown filter "county"/],
  ])('answers 400 with a message for %s', async (url, message) => {
    const response = await call(jsonLoader, url);
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(message);
  });

  it('gives the same list as CSV', async () => {
    const json = await (await call(jsonLoader, '/api/v1/agreements?state=NC&status=active')).json();
    const response = await call(csvLoader, '/api/v1/agreements.csv?state=NC&status=active');
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    // Response.text() drops a byte-order mark: read the bytes.
    const body = Buffer.from(await response.arrayBuffer()).toString('utf8');
    expect(body.charCodeAt(0)).toBe(0xfeff);
    const lines = body.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('id,agency,agency_type,state,county,model,model_name,status,signed_on,moa_link,moa_url');
    expect(lines).toHaveLength(json.data.length + 1);
    expect(lines.some((line) => line.startsWith(`nc-gaston-county-sheriffs-office-jem,Gaston County Sheriff's Office,SHERIFF,NC,Gaston County,JEM,Jail Enforcement Model,ACTIVE,2020-06-09,`))).toBe(true);
    const legacy = await call(csvLoader, '/api/v1/agreements.csv?state=NC&status=active&columns=legacy');
    expect((await legacy.text()).split('\r\n')[0]).toBe('id,agency,agencyType,state,county,model,model_name,status,signedOn,moa_link,moa_url');
    expect((await call(csvLoader, '/api/v1/agreements.csv?status=nope')).status).toBe(400);
  });
});

describe('GET /healthz', () => {
  it('answers 200 while the database is reachable and 503 when it is not', async () => {
    const ok = await healthLoader();
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ok', database: 'reachable' });

    await disconnectPrisma();
    process.env.DATABASE_URL = 'postgresql://nobody:wrong@127.0.0.1:1/none';
    const down = await healthLoader();
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ status: 'error', database: 'unreachable' });
    await disconnectPrisma();
    process.env.DATABASE_URL = db.url;
  });
});
