/**
 * The public dashboards against a demo database: North Carolina's real registry with the
 * demonstration filings (amended, returned and fixed, returned and not fixed, missing). Expected
 * figures are computed here independently, from each filing's revisions (FilingRevision.values)
 * and reviews with the counting rule of reporting/counting.ts, never from revision_value or
 * filing.counted_revision_id, which the dashboards read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyDashboard } from '~/dashboards/agency-dashboard.server';
import type { AgencyDashboard } from '~/dashboards/dashboard-types';
import { compareCounties, statewideOverview } from '~/dashboards/statewide.server';
import { countyDashboard } from '~/dashboards/county-dashboard.server';
import { publicDataVersion } from '~/dashboards/data-version.server';
import { suppressGroup } from '~/dashboards/suppression';
import { countedRevisionNumber } from '~/reporting/counting';
import { openFiling, saveDraft, submitFiling } from '~/reporting/filings.server';
import { METRICS, netLocalCost, toHundredths } from '~/reporting/metrics';
import { createPolicy } from '~/reporting/policies.server';
import { prepareDatabase } from '../../scripts/db/prepare';
import { SMALL_CELL } from '../../seeds/demo-filings';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const GASTON = 'nc-gaston-county-sheriffs-office';
const YANCEY = 'nc-yancey-county-sheriffs-office';
const NASH = 'nc-nash-county-sheriffs-office';
const CABARRUS = 'nc-cabarrus-county-sheriffs-office';

let db: TestDatabase;
const savedEnv = { demoFilings: process.env.PORTAL_DEMO_FILINGS, threshold: process.env.PUBLIC_SUPPRESSION_THRESHOLD };

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.PORTAL_DEMO_FILINGS = '1';
  delete process.env.PUBLIC_SUPPRESSION_THRESHOLD;
  await prepareDatabase(db.url, () => {}, true);
});
afterAll(async () => {
  const restore = (name: string, value: string | undefined) => (value === undefined ? delete process.env[name] : (process.env[name] = value));
  restore('PORTAL_DEMO_FILINGS', savedEnv.demoFilings);
  restore('PUBLIC_SUPPRESSION_THRESHOLD', savedEnv.threshold);
  await db.drop();
});

interface Counted {
  filingId: number;
  number: number;
  values: Record<string, string>;
}

/** Each period's counted revision, decided here from revisions and reviews with the counting rule. */
async function countedByPeriod(agencySlug: string): Promise<{ counted: Map<string, Counted>; returned: Set<string> }> {
  const filings = await db.prisma.filing.findMany({
    where: { agency: { slug: agencySlug } },
    include: { revisions: true, reviews: true },
  });
  const counted = new Map<string, Counted>();
  const returned = new Set<string>();
  for (const filing of filings) {
    const number = countedRevisionNumber(filing.revisions.map((revision) => revision.number), filing.reviews);
    if (filing.revisions.length > 0 && number === null) returned.add(filing.periodKey);
    if (number === null) continue;
    const revision = filing.revisions.find((candidate) => candidate.number === number)!;
    const values = { ...(revision.values as Record<string, string>) };
    const net = netLocalCost(values);
    if (net !== null) values.net_local_cost = net;
    counted.set(filing.periodKey, { filingId: filing.id, number, values });
  }
  return { counted, returned };
}

const add = (values: string[]) => values.reduce((total, value) => total + toHundredths(value), 0n);

function expectSeriesMatches(dashboard: AgencyDashboard, counted: Map<string, Counted>) {
  for (const period of dashboard.periods) {
    const expected = counted.get(period.key);
    for (const metric of dashboard.metrics) {
      expect(period.values[metric.key], `${dashboard.agency.slug} ${period.key} ${metric.key}`).toBe(expected?.values[metric.key] ?? null);
    }
    expect(period.report?.filingId ?? null).toBe(expected?.filingId ?? null);
    expect(period.report?.revisionNumber ?? null).toBe(expected?.number ?? null);
    expect(period.report?.amended ?? false).toBe((expected?.number ?? 1) > 1);
  }
  // Every counted period is in the series.
  expect([...counted.keys()].every((key) => dashboard.periods.some((period) => period.key === key))).toBe(true);
}

describe('agency dashboard', () => {
  it('equals, period by period, the latest counting revision of each submitted filing — amended and returned ones included', async () => {
    const agencies = await db.prisma.agency.findMany({ where: { filings: { some: {} } }, select: { slug: true }, orderBy: { slug: 'asc' } });
    expect(agencies.length).toBeGreaterThanOrEqual(20);
    let amended = 0;
    let returned = 0;
    for (const { slug } of agencies) {
      const dashboard = (await agencyDashboard(db.prisma, slug))!;
      const expected = await countedByPeriod(slug);
      expectSeriesMatches(dashboard, expected.counted);
      amended += dashboard.periods.filter((period) => period.report?.amended).length;
      for (const key of expected.returned) {
        returned += 1;
        const period = dashboard.periods.find((candidate) => candidate.key === key)!;
        expect(period.report).toBeNull();
        expect(Object.values(period.values).every((value) => value === null)).toBe(true);
        expect(period.status).toBe('returned');
      }
    }
    expect(amended).toBeGreaterThanOrEqual(5);
    expect(returned).toBeGreaterThanOrEqual(1);
  });

  it('counts the fixed revision of a report the reviewer returned, and links to its history', async () => {
    const filing = await db.prisma.filing.findFirstOrThrow({ where: { agency: { slug: CABARRUS }, periodKey: '2025-Q2' }, include: { reviews: true, revisions: true } });
    const decisions = [...filing.reviews].sort((a, b) => a.id - b.id).map((review) => [review.revisionNumber, review.decision]);
    // Returned at revision 1; the demo's reviewers may since have accepted the fix, revision 2.
    expect(decisions[0]).toEqual([1, 'RETURNED']);
    expect(decisions.slice(1)).toEqual(decisions.slice(1).map(() => [2, 'ACCEPTED']));
    const dashboard = (await agencyDashboard(db.prisma, CABARRUS))!;
    const period = dashboard.periods.find((candidate) => candidate.key === '2025-Q2')!;
    expect(period.report).toMatchObject({ filingId: filing.id, revisionNumber: 2, amended: true, demo: true });
    const fixed = filing.revisions.find((revision) => revision.number === 2)!;
    expect(period.values.gross_cost).toBe((fixed.values as Record<string, string>).gross_cost);
    expect(period.values.gross_cost).not.toBe((filing.revisions.find((revision) => revision.number === 1)!.values as Record<string, string>).gross_cost);
  });

  it('shows a report returned and not yet fixed as returned in the compliance record, and counts none of it', async () => {
    const dashboard = (await agencyDashboard(db.prisma, NASH))!;
    const entry = dashboard.compliance.periods.find((period) => period.key === '2025-Q4')!;
    expect(entry).toMatchObject({ status: 'returned', review: 'returned', latestRevision: 1 });
    expect(dashboard.compliance.summary.counts.returned).toBe(1);
    expect(dashboard.periods.find((period) => period.key === '2025-Q4')!.report).toBeNull();
  });

  it('sums the cost totals over a range from the same revisions, and leaves out what was not reported', async () => {
    const range = { from: '2025-01-01', to: '2025-12-31' };
    const dashboard = (await agencyDashboard(db.prisma, YANCEY, { range }))!;
    const { counted } = await countedByPeriod(YANCEY);
    const in2025 = [...counted.entries()].filter(([key]) => key.startsWith('2025-')).map(([, value]) => value);
    expect(dashboard.costs.periodsReported).toBe(in2025.length);
    for (const key of ['gross_cost', 'net_local_cost', 'detention_bed_days']) {
      const total = dashboard.costs.totals.find((entry) => entry.key === key)!;
      expect(toHundredths(total.value!)).toBe(add(in2025.map((entry) => entry.values[key])));
      expect(total.periodsReported).toBe(in2025.length);
    }
    // Staff FTE is a level, not a flow: no total over quarters.
    expect(dashboard.costs.totals.map((entry) => entry.key)).not.toContain('staff_fte');
  });

  it('suppresses a breakdown cell of 3 with a complementary cell, and publishes the traffic/misdemeanor share only when safe', async () => {
    const dashboard = (await agencyDashboard(db.prisma, YANCEY))!;
    const { counted } = await countedByPeriod(YANCEY);
    const cellKeys = METRICS.filter((metric) => metric.group === 'transferred_by_charge').map((metric) => metric.key);
    const sums = Object.fromEntries(cellKeys.map((key) => [key, Number(add([...counted.values()].map((entry) => entry.values[key] ?? '0')) / 100n)]));
    expect(sums[SMALL_CELL.key]).toBe(3);

    const group = dashboard.breakdowns.groups.find((candidate) => candidate.id === 'transferred_by_charge')!;
    const total = Object.values(sums).reduce((a, b) => a + b, 0);
    expect(group.total).toBe(String(total));
    expect(group.periodsReported).toBe(counted.size);
    const cell = group.cells.find((candidate) => candidate.key === SMALL_CELL.key)!;
    expect(cell).toMatchObject({ value: null, suppressed: true, reason: 'suppressed' });
    // A complement is hidden too, so total − shown cells is the sum of at least two hidden cells.
    const hidden = group.cells.filter((candidate) => candidate.suppressed);
    expect(hidden.length).toBeGreaterThanOrEqual(2);
    const shownSum = group.cells.reduce((sum, candidate) => sum + Number(candidate.value ?? 0), 0);
    expect(total - shownSum).not.toBe(3);
    // Shown cells are the independent sums; the choice of hidden cells is the rule's.
    const expected = suppressGroup({ id: group.id, total, cells: cellKeys.map((key) => ({ key, count: sums[key] })) }, 5);
    expect(group.cells.map((candidate) => candidate.value)).toEqual(expected.cells.map((candidate) => (candidate.value === null ? null : String(candidate.value))));

    const lowLevel = dashboard.breakdowns.lowLevelCharges;
    const trafficOrMisdemeanorHidden = group.cells.filter((candidate) => candidate.suppressed && /traffic|misdemeanor/.test(candidate.key)).length;
    if (trafficOrMisdemeanorHidden > 0 && trafficOrMisdemeanorHidden < hidden.length) expect(lowLevel).toMatchObject({ people: null, percent: null, reason: 'suppressed' });
    else expect(lowLevel.people).toBe(String(sums['transferred_by_charge.traffic'] + sums['transferred_by_charge.misdemeanor']));
  });

  it('reads the threshold from PUBLIC_SUPPRESSION_THRESHOLD', async () => {
    try {
      process.env.PUBLIC_SUPPRESSION_THRESHOLD = '1';
      const open = (await agencyDashboard(db.prisma, YANCEY))!;
      const group = open.breakdowns.groups.find((candidate) => candidate.id === 'transferred_by_charge')!;
      expect(open.breakdowns.threshold).toBe(1);
      expect(group.cells.find((candidate) => candidate.key === SMALL_CELL.key)!.value).toBe('3');
      process.env.PUBLIC_SUPPRESSION_THRESHOLD = 'five';
      await expect(agencyDashboard(db.prisma, YANCEY)).rejects.toThrow(/PUBLIC_SUPPRESSION_THRESHOLD/);
    } finally {
      delete process.env.PUBLIC_SUPPRESSION_THRESHOLD;
    }
  });

  it("keeps Gaston's first two 2025 quarters open for the browser test, and says where the figures come from", async () => {
    const dashboard = (await agencyDashboard(db.prisma, GASTON))!;
    expect(dashboard.agreements).toMatchObject([{ model: 'JEM', status: 'ACTIVE', signedOn: '2020-06-09' }]);
    expect(dashboard.periods.slice(0, 2).map((period) => [period.key, period.label, period.status, period.report])).toEqual([
      ['2025-Q1', 'January–March 2025', 'overdue', null],
      ['2025-Q2', 'April–June 2025', 'overdue', null],
    ]);
    expect(dashboard.metrics.slice(0, 4).map((metric) => metric.key)).toEqual(['gross_cost', 'federal_reimbursement', 'igsa_revenue', 'net_local_cost']);
    expect(dashboard.breakdowns.groups).toEqual([]);
    expect(dashboard.breakdowns.lowLevelCharges.reason).toBe('not_reported');
    expect(dashboard.sources).toMatchObject([
      { policy: { statute: 'G.S. 153A-104', kind: 'COUNTY_REPORTING', adoptedBy: 'Gaston County' }, requirement: { frequency: 'QUARTERLY', since: '2025-01-01' }, firstPeriod: { key: '2025-Q1' } },
    ]);
    expect(dashboard.demo).toBe(true);
    expect(await agencyDashboard(db.prisma, 'nc-no-such-agency')).toBeNull();
    // Plain data a loader can return as JSON: no Date, bigint or Decimal left in it.
    expect(JSON.parse(JSON.stringify(dashboard))).toEqual(dashboard);
    expect(await agencyDashboard(db.prisma, dashboard.agency.id)).toEqual(dashboard);
  });
});

describe('statewide overview', () => {
  it("maps each county's agreements from the real registry: Gaston JEM, Alamance WSO, none in Wake", async () => {
    const overview = await statewideOverview(db.prisma, 'NC');
    expect(overview.state).toEqual({ code: 'NC', name: 'North Carolina' });
    expect(overview.asOf).toBe('2025-07-18');
    expect(overview.counties).toHaveLength(100);
    const county = (name: string) => overview.counties.find((candidate) => candidate.name === name)!;
    expect(county('Gaston County')).toMatchObject({ fips: '37071', slug: 'gaston-county', presence: 'county', models: ['JEM'], municipalModels: [], activeAgreements: 1 });
    expect(county('Alamance County')).toMatchObject({ fips: '37001', presence: 'county', models: ['WSO'] });
    expect(county('Pasquotank County').agencies.map((agency) => agency.slug)).toEqual(['nc-albemarle-district-jail']);
    expect(county('Wake County')).toMatchObject({ presence: 'none', models: [], activeAgreements: 0, agencies: [] });
    // ICE's list of 2025-07-18 (3 JEM, 19 WSO) and the eight agreements known from MOAs since
    // (seeds/data/moa-nc: Person JEM, seven TFM), not yet on ICE's list.
    expect(overview.totals).toMatchObject({ active: 30, byModel: { JEM: 4, WSO: 19, TFM: 7 }, outsideCounties: 0, notOnIceList: 8 });

    // The timeline starts with the first list and ends today with the registry's count.
    expect(overview.timeline[0].month).toBe('2025-05');
    expect(overview.timeline.at(-1)).toMatchObject({ active: 30, byModel: { JEM: 4, WSO: 19, TFM: 7 } });

    const latest = overview.latestFilings;
    expect(latest).toHaveLength(20);
    expect(latest.map((filing) => filing.certifiedAt)).toEqual([...latest.map((filing) => filing.certifiedAt)].sort().reverse());
    const newest = await db.prisma.filingRevision.findFirstOrThrow({ orderBy: [{ certifiedAt: 'desc' }, { id: 'desc' }], include: { filing: { include: { agency: true } } } });
    expect(latest[0]).toMatchObject({ filingId: newest.filingId, agency: { slug: newest.filing.agency.slug }, revisionNumber: newest.number, demo: true });
    const all = (await statewideOverview(db.prisma, 'NC', { latestFilings: 10_000 })).latestFilings;
    expect(all).toHaveLength(await db.prisma.filingRevision.count());
    expect(all.filter((filing) => filing.kind === 'amendment').every((filing) => filing.revisionNumber > 1 && filing.amendmentReason)).toBe(true);
    expect(all.some((filing) => filing.kind === 'amendment')).toBe(true);
    // A returned revision is listed, but does not count.
    expect(all.some((filing) => !filing.counted)).toBe(true);
    expect(overview.demo).toBe(true);
    expect(JSON.parse(JSON.stringify(overview))).toEqual(overview);
  });

  it('compares net local cost across counties, null (not zero) where nobody reported', async () => {
    const comparison = await compareCounties(db.prisma, 'net_local_cost', { from: '2024-01-01', to: '2025-12-31' });
    const { counted } = await countedByPeriod('nc-alamance-county-sheriffs-office');
    const inRange = [...counted.entries()].filter(([key]) => key < '2026').map(([, value]) => value.values.net_local_cost);
    const alamance = comparison.counties.find((county) => county.slug === 'alamance-county')!;
    expect(toHundredths(alamance.value!)).toBe(add(inRange));
    expect(alamance).toMatchObject({ periodsReported: inRange.length, agenciesReporting: 1, agenciesRequired: 1 });
    // The seed gives every county its 2020 Census population, so figures per resident exist.
    expect(alamance.perResident).not.toBeNull();
    expect(comparison.counties.find((county) => county.slug === 'wake-county')).toMatchObject({ value: null, periodsReported: 0, agenciesRequired: 0 });
    await expect(compareCounties(db.prisma, 'transferred_by_sex.female')).rejects.toThrow(/cannot be compared/);
    await expect(compareCounties(db.prisma, 'staff_fte')).rejects.toThrow(/cannot be compared/);
  });
});

describe('county dashboard', () => {
  it('adds up its agencies per period with their coverage, and figures per resident once the population is known', async () => {
    // A town police department in Gaston County with a task-force agreement, reporting one quarter of two.
    const county = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { fips: '37071' } });
    const town = await db.prisma.jurisdiction.create({
      data: { kind: 'MUNICIPALITY', name: 'Testville', searchName: 'testville', slug: 'testville', stateCode: 'NC', parentId: county.id },
    });
    const police = await db.prisma.agency.create({
      data: { slug: 'nc-testville-police-department', matchKey: 'nc|testville police department', name: 'Testville Police Department', kind: 'POLICE', stateCode: 'NC', jurisdictionId: town.id },
    });
    await db.prisma.agreement.create({
      data: { publicId: 'nc-testville-police-department-tfm', matchKey: 'nc|testville police department|tfm', agencyId: police.id, model: 'TFM', status: 'ACTIVE', signedOn: new Date('2024-06-01'), firstListedOn: new Date('2025-05-16') },
    });
    const policy = await createPolicy(db.prisma, {
      jurisdictionId: town.id,
      kind: 'MUNICIPAL_REPORTING',
      title: 'Police 287(g) reporting',
      statute: 'G.S. 160A-281',
      adoptedOn: '2024-09-02',
      oathText: 'I certify that this report is true.',
      requirements: [
        { agencyId: police.id, title: 'Quarterly report', frequency: 'QUARTERLY', dueDaysAfterEnd: 30, acceptsLate: true, effectiveFrom: '2024-10-01', metricKeys: ['gross_cost', 'task_force_stops', 'task_force_arrests', 'transfers_to_ice'] },
      ],
    });
    const user = await db.prisma.user.create({ data: { email: 'clerk@testville.example', name: 'Town Clerk' } });
    const file = async (periodKey: string, values: Record<string, string>, now: string) => {
      const filing = await openFiling(db.prisma, { requirementId: policy.requirements[0].id, periodKey });
      await saveDraft(db.prisma, { filingId: filing.id, values, explanations: {}, nothingToReport: false, userId: user.id });
      await submitFiling(db.prisma, { filingId: filing.id, userId: user.id, certifiedName: 'Pat Chief', certifiedTitle: 'Chief', channel: 'WEB', now: new Date(now) });
    };
    await file('2024-Q4', { gross_cost: '23700.00', task_force_stops: '12', task_force_arrests: '4', transfers_to_ice: '4' }, '2025-01-20T15:00:00Z');
    await file('2025-Q3', { gross_cost: '1000.01', task_force_stops: '9', task_force_arrests: '2', transfers_to_ice: '2' }, '2025-10-20T15:00:00Z');
    await db.prisma.jurisdiction.update({ where: { id: county.id }, data: { population: 237_000 } });

    const dashboard = (await countyDashboard(db.prisma, 'gaston-county'))!;
    expect(dashboard.county).toMatchObject({ name: 'Gaston County', fips: '37071', population: 237_000 });
    expect(dashboard.agencies.map((agency) => [agency.slug, agency.municipal, agency.reports])).toEqual([
      [GASTON, false, true],
      ['nc-testville-police-department', true, true],
    ]);
    const period = (key: string) => dashboard.periods.find((candidate) => candidate.key === key)!;

    // Only the police department was expected in 2024 Q4: $23,700 over 237,000 residents.
    expect(period('2024-Q4').coverage).toEqual({ expected: 1, reported: 1, nothingToReport: 0, missing: [] });
    expect(period('2024-Q4').values.gross_cost).toEqual({ value: '23700.00', agenciesReporting: 1, complete: true, perResident: '0.10', per100k: '10000.0' });

    // 2025 Q3: both reported, summed.
    const gaston = await countedByPeriod(GASTON);
    const q3 = period('2025-Q3');
    expect(q3.coverage).toMatchObject({ expected: 2, reported: 2, missing: [] });
    expect(toHundredths(q3.values.gross_cost.value!)).toBe(add([gaston.counted.get('2025-Q3')!.values.gross_cost, '1000.01']));
    expect(q3.values.gross_cost).toMatchObject({ agenciesReporting: 2, complete: true });
    // Only the sheriff reports detainers: 1 agency of 2, not complete.
    expect(q3.values.detainers_received).toMatchObject({ value: gaston.counted.get('2025-Q3')!.values.detainers_received, agenciesReporting: 1, complete: false });

    // 2025 Q4: the police department did not report; its absence is not a zero.
    const q4 = period('2025-Q4');
    expect(q4.coverage).toMatchObject({ expected: 2, reported: 1, missing: ['nc-testville-police-department'] });
    expect(q4.values.gross_cost).toMatchObject({ value: gaston.counted.get('2025-Q4')!.values.gross_cost, agenciesReporting: 1, complete: false });
    expect(q4.values.task_force_stops).toMatchObject({ value: null, agenciesReporting: 0, complete: false, perResident: null });

    // 2025 Q1: expected from both, filed by neither (Gaston's is left for the browser test).
    expect(period('2025-Q1').coverage).toMatchObject({ expected: 2, reported: 0 });
    expect(period('2025-Q1').values.gross_cost.value).toBeNull();

    expect(dashboard.agencies[1].compliance).toMatchObject({ counts: { on_time: 2 } });
    expect(dashboard.agencies[1].compliance.counts.overdue).toBeGreaterThanOrEqual(2);
    expect(await countyDashboard(db.prisma, 'testville')).toBeNull();
    expect(JSON.parse(JSON.stringify(dashboard))).toEqual(dashboard);

    // The map now shows a municipal agreement in Gaston too.
    const overview = await statewideOverview(db.prisma, 'NC');
    expect(overview.counties.find((candidate) => candidate.slug === 'gaston-county')).toMatchObject({
      presence: 'county_and_municipal',
      models: ['JEM'],
      municipalModels: ['TFM'],
      activeAgreements: 1,
      municipalAgreements: 1,
    });
    // Testville's, and the five town police departments known from MOAs.
    expect(overview.totals.municipalByModel).toEqual({ JEM: 0, WSO: 0, TFM: 6 });
  });
});

describe('publicDataVersion', () => {
  it('changes when a filing is submitted, and only then', async () => {
    const now = new Date('2026-01-15T17:00:00Z');
    const before = await publicDataVersion(db.prisma, now);
    expect(before).toMatch(/^20260115-[0-9a-f]{16}$/);
    expect(await publicDataVersion(db.prisma, now)).toBe(before);

    const gaston = await db.prisma.agency.findUniqueOrThrow({ where: { slug: GASTON }, include: { requirements: true } });
    const user = await db.prisma.user.create({ data: { email: 'filer@gaston.example', name: 'Gaston Filer' } });
    const filing = await openFiling(db.prisma, { requirementId: gaston.requirements[0].id, periodKey: '2025-Q1' });
    await saveDraft(db.prisma, {
      filingId: filing.id,
      values: { gross_cost: '12500.50', federal_reimbursement: '0', igsa_revenue: '0', detainers_received: '14', detainers_honored: '9', detainers_declined: '3', transfers_to_ice: '8', people_encountered: '40', complaints_filed: '1', complaints_sustained: '0' },
      explanations: {},
      nothingToReport: false,
      userId: user.id,
    });
    expect(await publicDataVersion(db.prisma, now)).toBe(before); // a draft is not public
    await submitFiling(db.prisma, { filingId: filing.id, userId: user.id, certifiedName: 'Chad Hawkins', certifiedTitle: 'Sheriff', channel: 'WEB' });
    const after = await publicDataVersion(db.prisma, now);
    expect(after).not.toBe(before);

    const dashboard = (await agencyDashboard(db.prisma, GASTON))!;
    expect(dashboard.periods.find((period) => period.key === '2025-Q1')).toMatchObject({ status: 'late', report: { revisionNumber: 1, demo: false }, values: { gross_cost: '12500.50' } });

    // A population typed by an operator, and the next day in New York, change it too.
    await db.prisma.jurisdiction.update({ where: { fips: '37025' }, data: { population: 225_000 } });
    expect(await publicDataVersion(db.prisma, now)).not.toBe(after);
    expect((await publicDataVersion(db.prisma, new Date('2026-01-16T17:00:00Z'))).startsWith('20260116-')).toBe(true);
  });
});
