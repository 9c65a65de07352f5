/**
 * Pages that list a county's agencies run a fixed number of queries, however many agencies the
 * county has (no query per agency): counted on the SQL the Prisma client sends, before and
 * after four more agencies with their own reporting requirements join Gaston County.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countyDashboard } from '~/dashboards/county-dashboard.server';
import { overdueReports } from '~/dashboards/statewide-overdue.server';
import { PrismaClient } from '~/generated/prisma/client';
import { createPolicy } from '~/reporting/policies.server';
import { reviewQueue } from '~/reporting/review-pages.server';
import { prepareDatabase } from '../../scripts/db/prepare';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
const countingClient = (url: string) =>
  new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }), log: [{ emit: 'event' as const, level: 'query' as const }] });
let counting: ReturnType<typeof countingClient>;
let queries = 0;
const savedDemoFilings = process.env.PORTAL_DEMO_FILINGS;
const NOW = new Date('2026-11-15T12:00:00Z');

async function queriesOf(work: () => Promise<unknown>) {
  queries = 0;
  await work();
  return queries;
}

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.PORTAL_DEMO_FILINGS = '1';
  await prepareDatabase(db.url, () => {}, true);
  counting = countingClient(db.url);
  counting.$on('query', () => void (queries += 1));
}, 180_000);

afterAll(async () => {
  if (savedDemoFilings === undefined) delete process.env.PORTAL_DEMO_FILINGS;
  else process.env.PORTAL_DEMO_FILINGS = savedDemoFilings;
  await counting?.$disconnect();
  await db.drop();
});

/** Four more agencies based in the county, each with an agreement and a monthly requirement. */
async function addAgencies(countyId: number) {
  for (let i = 1; i <= 4; i += 1) {
    const slug = `nc-extra-agency-${i}`;
    const agency = await db.prisma.agency.create({ data: { slug, matchKey: `nc|extra agency ${i}`, name: `Extra Agency ${i}`, kind: 'SHERIFF', stateCode: 'NC', jurisdictionId: countyId } });
    await db.prisma.agreement.create({
      data: { publicId: `${slug}-jem`, matchKey: `nc|extra agency ${i}|jem`, agencyId: agency.id, model: 'JEM', status: 'ACTIVE', signedOn: new Date('2024-01-01'), firstListedOn: new Date('2024-01-15') },
    });
    await createPolicy(db.prisma, {
      jurisdictionId: countyId,
      kind: 'COUNTY_REPORTING',
      title: `Extra policy ${i}`,
      statute: 'G.S. 153A-104',
      adoptedOn: '2024-01-02',
      oathText: 'I certify that this report is true.',
      requirements: [{ agencyId: agency.id, title: 'Monthly report', frequency: 'MONTHLY', dueDaysAfterEnd: 15, acceptsLate: true, effectiveFrom: '2024-02-01', metricKeys: ['gross_cost'] }],
    });
  }
}

describe('query counts', () => {
  it('the county page, the review queue and the statewide overdue list run the same number of queries with 4 more agencies', async () => {
    const county = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { fips: '37071' } });
    const reviewer = { userId: 1, email: 'r@example.org', name: 'Reviewer', grants: [{ role: 'REVIEWER' as const, jurisdictionId: county.id, agencyId: null }] };
    const agenciesBefore = await db.prisma.agency.count({ where: { jurisdictionId: county.id, requirements: { some: {} } } });
    expect(agenciesBefore).toBeGreaterThan(0);

    const countyBefore = await queriesOf(() => countyDashboard(counting, 'gaston-county', { now: NOW }));
    const overdueBefore = await queriesOf(() => overdueReports(counting, 'NC', { now: NOW }));
    const reviewBefore = await queriesOf(() => reviewQueue(counting, reviewer, 'en', NOW));
    await addAgencies(county.id);
    const countyAfter = await queriesOf(async () => {
      const dashboard = await countyDashboard(counting, 'gaston-county', { now: NOW });
      // The new agencies are on the page (else the count would prove nothing).
      expect(dashboard?.agencies.map((agency) => agency.name)).toEqual(expect.arrayContaining(['Extra Agency 1', 'Extra Agency 4']));
    });
    // The statewide list of overdue reports: the new agencies never filed, so they are on it.
    const overdueAfter = await queriesOf(async () => {
      const overdue = await overdueReports(counting, 'NC', { now: NOW });
      expect(overdue?.reports.map((report) => report.agency.name)).toEqual(expect.arrayContaining(['Extra Agency 1', 'Extra Agency 4']));
    });
    const reviewAfter = await queriesOf(async () => {
      const queue = await reviewQueue(counting, reviewer, 'en', NOW);
      expect(queue).toHaveLength(agenciesBefore + 4);
    });

    expect(countyBefore).toBeGreaterThan(0);
    expect(countyAfter).toBe(countyBefore);
    expect(reviewAfter).toBe(reviewBefore);
    expect(overdueBefore).toBeGreaterThan(0);
    expect(overdueAfter).toBe(overdueBefore);
  });
});
