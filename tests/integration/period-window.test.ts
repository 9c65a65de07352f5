/**
 * The agency and county pages show the 12 most recent periods, with the rest a plain link
 * (?periods=all) or a download away; totals and downloads still cover every period.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECENT_PERIODS } from '~/dashboards/period-window';
import { disconnectPrisma } from '~/db/prisma.server';
import { createPolicy } from '~/reporting/policies.server';
import * as countyApi from '~/routes/api.v1.places.$state.$county._index';
import * as agencyRoute from '~/routes/agencies.$slug';
import * as placeRoute from '~/routes/places.$state.$slug';
import { prepareDatabase } from '../../scripts/db/prepare';
import { testRequestHandler } from '../support/page-handler';
import { TEST_CONTEXT } from '../support/requests';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const SHERIFF = 'nc-gaston-county-sheriffs-office';
const handle = testRequestHandler({
  'routes/agencies.$slug': { path: 'agencies/:slug', module: agencyRoute },
  'routes/places.$state.$slug': { path: 'places/:state/:slug', module: placeRoute },
});
const page = async (path: string, headers: Record<string, string> = {}) => (await handle(new Request(`http://portal.test${path}`, { headers }), TEST_CONTEXT)).text();
type Loader = (args: { request: Request; params: Record<string, string>; context: typeof TEST_CONTEXT }) => Promise<unknown>;
const load = (loader: unknown, path: string, params: Record<string, string>) =>
  (loader as Loader)({ request: new Request(`http://portal.test${path}`), params, context: TEST_CONTEXT }) as Promise<{
    dashboard: { periods: { key: string }[] };
    periodWindow: { shown: number; total: number; all: boolean } | null;
  }>;

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.url, () => {}, true);
  process.env.DATABASE_URL = db.url;
  // A monthly requirement from January 2024: far more periods than a page shows.
  const sheriff = await db.prisma.agency.findUniqueOrThrow({ where: { slug: SHERIFF } });
  await createPolicy(db.prisma, {
    jurisdictionId: sheriff.jurisdictionId!,
    kind: 'COUNTY_REPORTING',
    title: 'Monthly detainer report',
    statute: 'G.S. 153A-104',
    adoptedOn: '2023-12-01',
    oathText: 'I certify that this report is true.',
    requirements: [{ agencyId: sheriff.id, title: 'Monthly detainers', frequency: 'MONTHLY', dueDaysAfterEnd: 15, acceptsLate: true, effectiveFrom: '2024-01-01', metricKeys: ['detainers_received'] }],
  });
}, 180_000);
afterAll(async () => {
  await disconnectPrisma();
  await db.drop();
});

describe('a bounded window of periods', () => {
  it('the agency page shows the 12 most recent periods, ?periods=all every one', async () => {
    const recent = await load(agencyRoute.loader, `/agencies/${SHERIFF}`, { slug: SHERIFF });
    const all = await load(agencyRoute.loader, `/agencies/${SHERIFF}?periods=all`, { slug: SHERIFF });
    expect(all.periodWindow!.total).toBeGreaterThan(RECENT_PERIODS + 12);
    expect(all.dashboard.periods).toHaveLength(all.periodWindow!.total);
    expect(recent.dashboard.periods).toHaveLength(RECENT_PERIODS);
    expect(recent.dashboard.periods).toEqual(all.dashboard.periods.slice(-RECENT_PERIODS));
    expect(recent.periodWindow).toEqual({ shown: RECENT_PERIODS, total: all.periodWindow!.total, all: false });

    const html = await page(`/agencies/${SHERIFF}`);
    expect(html).toContain(`show the ${RECENT_PERIODS} most recent of ${all.periodWindow!.total} periods`);
    expect(html).toContain(`href="/agencies/${SHERIFF}?periods=all"`);
    const spanish = await page(`/agencies/${SHERIFF}?periods=all`, { 'accept-language': 'es' });
    expect(spanish).toContain(`muestran los ${all.periodWindow!.total} períodos`);
    expect(spanish).toContain(`href="/agencies/${SHERIFF}"`);
  });

  it('the county page shows the same window, while its JSON download keeps every period', async () => {
    const recent = await load(placeRoute.loader, '/places/nc/gaston-county', { state: 'nc', slug: 'gaston-county' });
    expect(recent.dashboard.periods).toHaveLength(RECENT_PERIODS);
    expect(recent.periodWindow!.total).toBeGreaterThan(RECENT_PERIODS);
    const json = (await (await (countyApi.loader as unknown as Loader)({ request: new Request('http://portal.test/api/v1/places/nc/gaston-county'), params: { state: 'nc', county: 'gaston-county' }, context: TEST_CONTEXT }) as Response).json()) as { data: { periods: unknown[] } };
    expect(json.data.periods).toHaveLength(recent.periodWindow!.total);
  });
});
