import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reviewState } from '~/reporting/counting';
import { verifyPassword } from '~/auth/credentials.server';
import { DEMO_PASSWORD } from '~/auth/demo-password';
import { verifyAuditLog } from '~/reporting/audit-log.server';
import { expectedFilings } from '~/reporting/filings.server';
import { addDays, dateOnly, newYorkDate } from '~/reporting/calendar';
import { applicationRecord } from '~/preapproval/applications.server';
import { prepareDatabase } from '../../scripts/db/prepare';
import { DEMO_FIRST_QUARTER, DEMO_LOADER, demoValues, SMALL_CELL } from '../../seeds/demo-filings';
import { DEMO_PREAPPROVAL, seedDemoModelPolicies } from '../../seeds/demo-model-policies';
import { demoFilingsWanted } from '../../seeds/index';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.url, () => {}, false);
});
afterAll(async () => {
  await db.drop();
});

describe('seeding a new database', () => {
  it('creates North Carolina and its 100 counties with FIPS codes', async () => {
    const counties = await db.prisma.jurisdiction.findMany({ where: { stateCode: 'NC', kind: 'COUNTY' } });
    expect(counties).toHaveLength(100);
    expect(counties.every((county) => /^37\d{3}$/.test(county.fips ?? ''))).toBe(true);
    expect(counties.find((county) => county.fips === '37071')?.name).toBe('Gaston County');
    expect(await db.prisma.jurisdiction.findUnique({ where: { fips: '37' } })).toMatchObject({ kind: 'STATE', name: 'North Carolina' });
  });

  it("imports ICE's real lists in date order into the registry", async () => {
    const imports = await db.prisma.iceImport.findMany({ orderBy: { id: 'asc' } });
    expect(imports.map((i) => i.fileName)).toEqual([
      'pending-2025-05-15.xlsx',
      'participating-2025-05-16.xlsx',
      'participating-2025-07-18.xlsx',
      'pending-2025-07-18.xlsx',
    ]);
    expect(imports.every((i) => i.importedBy === 'seed')).toBe(true);
    const active = await db.prisma.agreement.count({ where: { status: 'ACTIVE', agency: { stateCode: 'NC' } } });
    // 22 from ICE's list of 2025-07-18, 8 more known from MOAs published since (seeds/data/moa-nc).
    expect(active).toBe(30);
    expect(await db.prisma.agreement.count({ where: { status: 'ACTIVE', onIceList: true, agency: { stateCode: 'NC' } } })).toBe(22);
    // Albemarle District Jail: ICE's "Albemarle County" is no county; the jail is in Pasquotank.
    const jail = await db.prisma.agency.findUniqueOrThrow({ where: { slug: 'nc-albemarle-district-jail' }, include: { jurisdiction: true } });
    expect(jail.jurisdiction?.name).toBe('Pasquotank County');
  });

  it('creates no accounts outside demo mode', async () => {
    expect(await db.prisma.user.count()).toBe(0);
  });

  it('marks no real data as demo data', async () => {
    const demo = await Promise.all([
      db.prisma.jurisdiction.count({ where: { isDemo: true } }),
      db.prisma.agency.count({ where: { isDemo: true } }),
      db.prisma.agreement.count({ where: { isDemo: true } }),
    ]);
    expect(demo).toEqual([0, 0, 0]);
  });

  it('seeds once: preparing the database again adds nothing', async () => {
    const before = [await db.prisma.iceImport.count(), await db.prisma.jurisdiction.count(), await db.prisma.agreementEvent.count()];
    await prepareDatabase(db.url, () => {}, false);
    expect([await db.prisma.iceImport.count(), await db.prisma.jurisdiction.count(), await db.prisma.agreementEvent.count()]).toEqual(before);
  });
});

describe('several instances starting at once', () => {
  it('take turns: each seed step runs once', async () => {
    const fresh = await createTestDatabase();
    try {
      await Promise.all([prepareDatabase(fresh.url, () => {}, false), prepareDatabase(fresh.url, () => {}, false), prepareDatabase(fresh.url, () => {}, false)]);
      const runs = await fresh.prisma.seedRun.groupBy({ by: ['name'], _count: true });
      expect(runs.length).toBeGreaterThan(0);
      expect(runs.filter((run) => run._count !== 1)).toEqual([]);
      expect(await fresh.prisma.iceImport.count()).toBe(await db.prisma.iceImport.count());
      expect(await fresh.prisma.jurisdiction.count()).toBe(await db.prisma.jurisdiction.count());
    } finally {
      await fresh.drop();
    }
  }, 300_000);
});

describe('demo filings', () => {
  it('are wanted in demo mode unless PORTAL_DEMO_FILINGS=0, and under Vitest only with PORTAL_DEMO_FILINGS=1', () => {
    expect(demoFilingsWanted({})).toBe(true);
    expect(demoFilingsWanted({ PORTAL_DEMO_FILINGS: '0' })).toBe(false);
    expect(demoFilingsWanted({ VITEST: 'true' })).toBe(false);
    expect(demoFilingsWanted({ VITEST: 'true', PORTAL_DEMO_FILINGS: '1' })).toBe(true);
  });
});

describe('demo mode', () => {
  let demo: TestDatabase;
  const wanted = process.env.PORTAL_DEMO_FILINGS;
  let seconds = 0;
  beforeAll(async () => {
    demo = await createTestDatabase();
    process.env.PORTAL_DEMO_FILINGS = '1'; // off by default under Vitest (seeds/index.ts)
    const started = Date.now();
    await prepareDatabase(demo.url, () => {}, true);
    seconds = (Date.now() - started) / 1000;
  });
  afterAll(async () => {
    if (wanted === undefined) delete process.env.PORTAL_DEMO_FILINGS;
    else process.env.PORTAL_DEMO_FILINGS = wanted;
    await demo.drop();
  });

  it('adds the four demo accounts and the demonstration data loader, marked as demo, with their roles', async () => {
    const users = await demo.prisma.user.findMany({
      include: { roles: { include: { agency: true, jurisdiction: true } } },
      orderBy: { email: 'asc' },
    });
    expect(users.map((u) => u.email)).toEqual([
      'admin@example.org',
      DEMO_LOADER.email,
      'filer.cabarrus@example.org',
      'filer.gaston@example.org',
      'reviewer.gaston@example.org',
    ]);
    expect(users.every((u) => u.isDemo)).toBe(true);
    const roles = Object.fromEntries(
      users.map((u) => [u.email, u.roles.map((r) => `${r.role}:${r.agency?.name ?? r.jurisdiction?.name ?? '-'}`).sort()]),
    );
    expect(roles).toEqual({
      'admin@example.org': ['OPERATOR:-'],
      [DEMO_LOADER.email]: [],
      'filer.cabarrus@example.org': ["FILER:Cabarrus County Sheriff's Office", "HEAD:Cabarrus County Sheriff's Office"],
      'filer.gaston@example.org': ["FILER:Gaston County Sheriff's Office", "HEAD:Gaston County Sheriff's Office"],
      'reviewer.gaston@example.org': ['REVIEWER:Gaston County'],
    });
    expect(await verifyPassword(users[0].passwordHash!, DEMO_PASSWORD)).toBe(true);
    // The loader cannot sign in: it has no password.
    expect(users[1]).toMatchObject({ name: DEMO_LOADER.name, passwordHash: null });
  });

  it('gives every North Carolina agency with an active agreement a demonstration policy and quarterly requirement', async () => {
    const agencies = await demo.prisma.agency.findMany({
      where: { stateCode: 'NC', agreements: { some: { status: 'ACTIVE' } } },
      include: { requirements: { include: { policy: true, versions: true } }, jurisdiction: true },
    });
    // 22 agencies on ICE's list of 2025-07-18, and six more known from MOAs (five town police
    // departments and Person County's sheriff).
    expect(agencies).toHaveLength(28);
    for (const agency of agencies) {
      expect(agency.requirements, agency.name).toHaveLength(1);
      const { policy, versions } = agency.requirements[0];
      expect(policy.resolutionText, agency.name).toMatch(/^Demonstration data/);
      expect(policy.jurisdictionId).toBe(agency.jurisdictionId);
      // A county's agency reports under G.S. 153A-104, a town's police department under G.S. 160A-281.
      expect([agency.jurisdiction?.kind, policy.kind, policy.statute]).toEqual(
        agency.kind === 'POLICE' ? ['MUNICIPALITY', 'MUNICIPAL_REPORTING', 'G.S. 160A-281'] : ['COUNTY', 'COUNTY_REPORTING', 'G.S. 153A-104'],
      );
      expect(versions.map((v) => v.frequency)).toEqual(['QUARTERLY']);
    }
    const yancey = agencies.find((agency) => agency.slug === SMALL_CELL.agencySlug)!;
    expect(yancey.requirements[0].versions[0].metricKeys).toEqual(expect.arrayContaining(['transfers_to_ice', 'warrants_served', SMALL_CELL.key, 'transferred_by_sex.female']));
    expect(yancey.requirements[0].versions[0].metricKeys).not.toContain('task_force_stops'); // WSO, not TFM
  });

  it('files two years and more of consistent, clearly labelled reports, some late, amended, returned or missing', async () => {
    const filings = await demo.prisma.filing.findMany({ include: { revisions: { orderBy: { number: 'asc' } }, reviews: true, agency: true } });
    const revisions = filings.flatMap((filing) => filing.revisions);
    const loader = await demo.prisma.user.findUniqueOrThrow({ where: { email: DEMO_LOADER.email } });
    expect(filings.length).toBeGreaterThan(150);
    expect(filings.map((filing) => filing.periodKey).sort()[0]).toBe(DEMO_FIRST_QUARTER);
    expect(revisions.every((revision) => revision.submittedById === loader.id && /\(demonstration data\)$/.test(revision.certifiedTitle))).toBe(true);
    // Certified in the past, after the period ended.
    expect(revisions.every((revision) => revision.certifiedAt < new Date() && revision.certifiedAt > filing(revision.filingId).periodEnd)).toBe(true);
    function filing(id: number) {
      return filings.find((candidate) => candidate.id === id)!;
    }

    expect(filings.filter((f) => f.revisions[0].certifiedAt > f.dueAt).length).toBeGreaterThanOrEqual(5); // late
    const amendments = revisions.filter((revision) => revision.number > 1);
    expect(amendments.length).toBeGreaterThanOrEqual(5);
    expect(amendments.every((revision) => (revision.amendmentReason ?? '').length >= 10)).toBe(true);
    const returns = filings.flatMap((f) => f.reviews.filter((review) => review.decision === 'RETURNED').map(() => f));
    expect(returns.length).toBeGreaterThanOrEqual(2);
    expect(returns.filter((f) => f.countedRevisionId !== null && f.revisions.length === 2).length).toBeGreaterThanOrEqual(2); // fixed
    expect(returns.some((f) => f.countedRevisionId === null)).toBe(true); // not yet fixed
    // The reviewers accepted most reports, the recent ones still await review: the demo shows both,
    // in Gaston County (the demo reviewer's) too.
    const states = filings.map((f) => ({ gaston: f.agency.slug === 'nc-gaston-county-sheriffs-office', state: reviewState(f.revisions.map((r) => r.number), f.reviews) }));
    expect(states.filter((f) => f.state === 'accepted').length).toBeGreaterThan(filings.length / 2);
    expect(states.some((f) => f.state === 'awaiting_review')).toBe(true);
    expect(new Set(states.filter((f) => f.gaston).map((f) => f.state))).toEqual(new Set(['accepted', 'awaiting_review']));

    // Gaston's first two 2025 quarters are left for the browser test to file.
    const gaston = filings.filter((f) => f.agency.slug === 'nc-gaston-county-sheriffs-office').map((f) => f.periodKey);
    expect(gaston).not.toContain('2025-Q1');
    expect(gaston).not.toContain('2025-Q2');

    // Some periods were never filed: overdue.
    const agencies = [...new Set(filings.map((f) => f.agencyId))];
    let overdue = 0;
    for (const agencyId of agencies) {
      for (const { periods } of await expectedFilings(demo.prisma, agencyId)) overdue += periods.filter((period) => period.status === 'overdue').length;
    }
    // Gaston's two, and at least three left missing elsewhere.
    expect(overdue).toBeGreaterThanOrEqual(5);

    // Internally consistent: honored within received, offsets within the cost, breakdowns add up.
    const n = (values: Record<string, string>, key: string) => Number(values[key] ?? 0);
    for (const revision of revisions) {
      const values = revision.values as Record<string, string>;
      expect(n(values, 'detainers_honored') + n(values, 'detainers_declined')).toBeLessThanOrEqual(n(values, 'detainers_received'));
      expect(n(values, 'federal_reimbursement') + n(values, 'igsa_revenue')).toBeLessThanOrEqual(n(values, 'gross_cost'));
      expect(n(values, 'complaints_sustained')).toBeLessThanOrEqual(n(values, 'complaints_filed'));
      for (const group of ['transferred_by_charge', 'transferred_by_sex']) {
        const cells = Object.keys(values).filter((key) => key.startsWith(`${group}.`));
        if (cells.length > 0) expect(cells.reduce((sum, key) => sum + n(values, key), 0)).toBe(n(values, 'transfers_to_ice'));
      }
    }
    // A breakdown cell below 5 somewhere visible: Yancey's "no criminal charge" transfers.
    const yancey = filings.filter((f) => f.agency.slug === SMALL_CELL.agencySlug && f.countedRevisionId !== null);
    const small = yancey.map((f) => f.revisions.find((r) => r.id === f.countedRevisionId)!.values as Record<string, string>).reduce((sum, values) => sum + n(values, SMALL_CELL.key), 0);
    expect(small).toBe(3);

    // The same figures every time: a period's values come from the agency and period alone.
    const first = filings.find((f) => f.agency.slug === SMALL_CELL.agencySlug && f.periodKey === '2024-Q1')!;
    const keys = (await demo.prisma.requirementVersion.findUniqueOrThrow({ where: { id: first.versionId } })).metricKeys;
    expect(first.revisions[0].values).toEqual(demoValues(SMALL_CELL.agencySlug, '2024-Q1', 0, keys));

    expect(await verifyAuditLog(demo.prisma)).toMatchObject({ valid: true });
    expect(await demo.prisma.seedRun.findUnique({ where: { name: 'demo-filings' } })).not.toBeNull();
    console.log(`demo database prepared (migrations, registry, demo accounts, policies and filings) in ${seconds.toFixed(1)} s`);
  });

  it("shows a town's pre-approval policy and its police department's application in its comment period, clearly labelled", async () => {
    const town = await demo.prisma.jurisdiction.findUniqueOrThrow({ where: { fips: DEMO_PREAPPROVAL.townFips } });
    const loader = await demo.prisma.user.findUniqueOrThrow({ where: { email: DEMO_LOADER.email } });
    // The department ICE never listed: added for the demo, marked as such, with no agreement.
    const agency = await demo.prisma.agency.findFirstOrThrow({ where: { jurisdictionId: town.id }, include: { agreements: true, requirements: true } });
    expect(agency).toMatchObject({ name: DEMO_PREAPPROVAL.agencyName, kind: 'POLICE', isDemo: true, agreements: [] });

    const policies = await demo.prisma.policy.findMany({ where: { jurisdictionId: town.id }, include: { versions: true } });
    expect(policies).toHaveLength(1);
    const [policy] = policies;
    expect(policy).toMatchObject({ kind: 'MUNICIPAL_PREAPPROVAL', statute: 'G.S. 160A-281', createdById: loader.id });
    expect(policy.resolutionText).toContain(`Demonstration data: the ${town.name} Town Council did not adopt this resolution.`);
    expect(policy.versions).toHaveLength(1);
    expect(policy.versions[0]).toMatchObject({ number: 1, templateId: 'municipal_preapproval', votesFor: 4, votesAgainst: 1, votesAbstaining: 0, resolutionText: policy.resolutionText });
    expect(agency.requirements.map((r) => r.policyId)).toEqual([policy.id]);
    // No agreement, so nothing to report yet.
    expect((await expectedFilings(demo.prisma, agency.id)).flatMap((entry) => entry.periods)).toEqual([]);

    const [application, ...others] = await demo.prisma.preapprovalApplication.findMany({ where: { agencyId: agency.id } });
    expect(others).toEqual([]);
    expect(application).toMatchObject({ policyId: policy.id, model: DEMO_PREAPPROVAL.model, stage: 'PUBLIC_NOTICE', createdById: loader.id });
    // Open for weeks after the seed's today, which is today here.
    const today = newYorkDate(new Date());
    expect(dateOnly(application.commentsOpenOn!)).toBe(addDays(today, -DEMO_PREAPPROVAL.daysAgo.notice));
    expect(dateOnly(application.commentsCloseOn!) >= addDays(today, 20)).toBe(true);
    const record = (await applicationRecord(demo.prisma, application.id))!;
    expect(record.events.map((event) => event.toStage)).toEqual(['SUBMITTED', 'COMPLETENESS_REVIEW', 'PUBLIC_NOTICE']);
    expect(record.events.every((event) => event.at < new Date())).toBe(true);
    // Two residents' comments: one shown, one hidden by the clerk, its text kept in the record.
    expect(record.comments.map((comment) => [comment.hidden, comment.name, comment.hiddenReason])).toEqual([
      [false, 'M. Alvarez', null],
      [true, null, 'Advertising, not a comment on the application.'],
    ]);
    const hidden = await demo.prisma.applicationComment.findUniqueOrThrow({ where: { id: record.comments[1].id } });
    expect(hidden).toMatchObject({ hiddenById: loader.id, body: expect.stringContaining('gutter cleaning') });

    // Once only: seeding it again (a database where the town is set up) adds nothing.
    const counts = async () => [await demo.prisma.policy.count(), await demo.prisma.preapprovalApplication.count(), await demo.prisma.applicationComment.count(), await demo.prisma.agency.count()];
    const before = await counts();
    await seedDemoModelPolicies(demo.prisma);
    await prepareDatabase(demo.url, () => {}, true);
    expect(await counts()).toEqual(before);
    expect(await verifyAuditLog(demo.prisma)).toMatchObject({ valid: true });
  });
});
