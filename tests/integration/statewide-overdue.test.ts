/**
 * The statewide page's list of overdue and declined reports (issue 15, point 6) and its CSV, at
 * a fixed clock (2026-03-10, New York): four North Carolina agencies under monthly policies: one
 * that never filed (overdue by 85, 54 and 23 days), one that declined to report January, one that
 * filed on time and one under an extension. Only the overdue and the declined periods are listed,
 * most overdue first, on the page and in the CSV alike, in English and in Spanish.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { complianceRecords, reviewsByFiling } from '~/dashboards/agency-dashboard.server';
import { overdueForPage, overdueReports, OVERDUE_PAGE_ROWS, type OverdueReport } from '~/dashboards/statewide-overdue.server';
import { disconnectPrisma } from '~/db/prisma.server';
import { importIceList } from '~/registry/ice-import.server';
import { openFiling, saveDraft, submitFiling } from '~/reporting/filings.server';
import { createPolicy } from '~/reporting/policies.server';
import * as indexRoute from '~/routes/_index';
import * as overdueRoute from '~/routes/api.v1.places.$state.overdue[.csv]';
import { ICE_LISTS_DIR } from '../../seeds/ice-registry';
import { seedNcJurisdictions } from '../../seeds/nc-jurisdictions';
import { testRequestHandler } from '../support/page-handler';
import { countyPolicy } from '../support/policies';
import { TEST_CONTEXT } from '../support/requests';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const NOW = new Date('2026-03-10T15:00:00Z');
const SPANISH = { 'accept-language': 'es-MX,es;q=0.9' };

type Loader = (args: { request: Request; params: Record<string, string>; context: typeof TEST_CONTEXT }) => unknown;
const handle = testRequestHandler({ 'routes/_index': { index: true, module: indexRoute } });

async function page(headers: Record<string, string> = {}) {
  const response = await handle(new Request('http://portal.test/', { headers }), TEST_CONTEXT);
  expect(response.status).toBe(200);
  return (await response.text()).replaceAll('<!-- -->', '');
}

/** The overdue table's rows, as the cells' text. */
function tableRows(html: string): string[][] {
  const table = /<table class="statewide-overdue">([\s\S]*?)<\/table>/.exec(html)?.[1];
  expect(table, 'the overdue table').toBeDefined();
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table!)![1];
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1].replace(/<span[^>]*>[\s\S]*?<\/span>/g, '').replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'")),
  );
}

async function csv(query = ''): Promise<Record<string, string>[]> {
  const response = (await (overdueRoute.loader as Loader)({
    request: new Request(`http://portal.test/api/v1/places/nc/overdue.csv${query}`),
    params: { state: 'nc' },
    context: TEST_CONTEXT,
  })) as Response;
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
  return parse((await response.text()).replace(/^\uFEFF/, ''), { columns: true });
}

let db: TestDatabase;
/** The four agencies by role, alphabetical: the overdue one first, so ties at equal days put it first. */
let agencies: { overdue: { name: string; slug: string }; declined: { name: string; slug: string }; onTime: { name: string }; extended: { name: string } };

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  await seedNcJurisdictions(db.prisma);
  const name = 'participating-2025-07-18.xlsx';
  await importIceList(db.prisma, { bytes: fs.readFileSync(path.join(ICE_LISTS_DIR, name)), fileName: name, importedBy: 'test' });
  const chosen = await db.prisma.agency.findMany({
    where: { stateCode: 'NC', jurisdiction: { kind: 'COUNTY' }, agreements: { some: { status: 'ACTIVE' } } },
    orderBy: { name: 'asc' },
    take: 4,
    select: { id: true, name: true, slug: true, jurisdictionId: true },
  });
  expect(chosen).toHaveLength(4);
  const [overdue, declined, onTime, extended] = chosen;
  agencies = { overdue, declined, onTime, extended };
  const reviewer = await db.prisma.user.create({ data: { email: 'clerk@example.org', name: 'Clerk' } });
  const head = await db.prisma.user.create({ data: { email: 'head@example.org', name: 'Head', roles: { create: { role: 'HEAD', agencyId: onTime.id } } } });
  const requirementOf = async (agency: (typeof chosen)[number], effectiveFrom: string) => {
    await createPolicy(
      db.prisma,
      countyPolicy(agency.jurisdictionId!, [
        { agencyId: agency.id, title: 'Monthly report', effectiveFrom, frequency: 'MONTHLY', dueDaysAfterEnd: 15, acceptsLate: true, metricKeys: ['gross_cost'] },
      ]),
    );
    return db.prisma.requirement.findFirstOrThrow({ where: { agencyId: agency.id } });
  };
  // Never filed since November: due 2025-12-15, 2026-01-15 and 2026-02-15.
  await requirementOf(overdue, '2025-11-01');
  // Declined January (due 2026-02-15) by letter of 2026-02-20.
  const declinedRequirement = await requirementOf(declined, '2026-01-01');
  await db.prisma.agencyRefusal.create({
    data: { requirementId: declinedRequirement.id, agencyId: declined.id, periodKeys: ['2026-01'], declinedOn: new Date('2026-02-20'), statement: 'The sheriff will not report.', recordedById: reviewer.id },
  });
  // January filed on 2026-02-05, before its due date.
  const onTimeRequirement = await requirementOf(onTime, '2026-01-01');
  const at = new Date('2026-02-05T15:00:00Z');
  const filing = await openFiling(db.prisma, { requirementId: onTimeRequirement.id, periodKey: '2026-01', now: at });
  await saveDraft(db.prisma, { filingId: filing.id, values: { gross_cost: '100' }, explanations: {}, nothingToReport: false, userId: head.id, now: at });
  await submitFiling(db.prisma, { filingId: filing.id, userId: head.id, certifiedName: 'Head', certifiedTitle: 'Sheriff', channel: 'WEB', now: at });
  // January not filed, but an extension runs until 2026-03-31.
  const extendedRequirement = await requirementOf(extended, '2026-01-01');
  await db.prisma.filingExtension.create({
    data: { requirementId: extendedRequirement.id, periodKey: '2026-01', until: new Date('2026-03-31'), reason: 'Records system replaced.', grantedById: reviewer.id },
  });
  // The loaders judge at the current time: the clock is fixed (Date only; timers stay real).
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
}, 120_000);

afterAll(async () => {
  vi.useRealTimers();
  await disconnectPrisma();
  await db?.drop();
});

describe('the statewide list of overdue and declined reports', () => {
  it('lists only the overdue and declined periods, most overdue first, with their days', async () => {
    const data = await overdueReports(db.prisma, 'nc', { now: NOW });
    const rows = data!.reports.map((report) => [report.agency.slug, report.period.key, report.status, report.daysLate, report.declinedOn]);
    expect(rows).toEqual([
      [agencies.overdue.slug, '2025-11', 'overdue', 85, null],
      [agencies.overdue.slug, '2025-12', 'overdue', 54, null],
      [agencies.overdue.slug, '2026-01', 'overdue', 23, null],
      [agencies.declined.slug, '2026-01', 'declined', 23, '2026-02-20'],
    ]);
    expect(data!.reports[0].requirement).toMatchObject({ title: 'Monthly report', policyTitle: '287(g) reporting' });
    expect(await overdueReports(db.prisma, 'zz', { now: NOW })).toBeNull();
  });

  it('agrees with the agencies’ compliance records, which load every revision and review', async () => {
    const agencyIds = (await db.prisma.agency.findMany({ where: { stateCode: 'NC' }, select: { id: true } })).map((agency) => agency.id);
    const records = await complianceRecords(db.prisma, agencyIds, NOW, await reviewsByFiling(db.prisma, agencyIds));
    const owed = [...records.values()].flat().filter((period) => period.status === 'overdue' || period.status === 'declined');
    const key = (requirementId: number, period: string, status: string, daysLate: number | null, declinedOn: string | null) => [requirementId, period, status, daysLate, declinedOn].join(' ');
    const listed = (await overdueReports(db.prisma, 'NC', { now: NOW }))!.reports;
    expect(listed.map((report) => key(report.requirement.id, report.period.key, report.status, report.daysLate, report.declinedOn)).sort()).toEqual(
      owed.map((period) => key(period.requirementId, period.key, period.status, period.daysLate, period.declinedOn)).sort(),
    );
  });

  it('shows them on the statewide page, linked to the agencies, in English', async () => {
    const html = await page();
    expect(html).toContain('<h2 id="overdue-heading">Agencies with overdue or declined reports</h2>');
    expect(html).toContain('4 overdue or declined reports, most overdue first');
    expect(tableRows(html)).toEqual([
      [agencies.overdue.name, '287(g) reporting', 'November 2025', 'Overdue: not filed', '85 days overdue'],
      [agencies.overdue.name, '287(g) reporting', 'December 2025', 'Overdue: not filed', '54 days overdue'],
      [agencies.overdue.name, '287(g) reporting', 'January 2026', 'Overdue: not filed', '23 days overdue'],
      [agencies.declined.name, '287(g) reporting', 'January 2026', 'The agency declined to report', 'Declined on February 20, 2026'],
    ]);
    expect(html).toContain(`href="/agencies/${agencies.overdue.slug}"`);
    expect(html).toContain('href="/api/v1/places/nc/overdue.csv"');
  });

  it('reads in Spanish, with a Spanish CSV link', async () => {
    const html = await page(SPANISH);
    expect(html).toContain('Agencias con informes vencidos o que se negaron a informar');
    const rows = tableRows(html);
    expect(rows.map((row) => row.slice(2))).toEqual([
      ['noviembre de 2025', 'Vencido: no presentado', '85 días de retraso'],
      ['diciembre de 2025', 'Vencido: no presentado', '54 días de retraso'],
      ['enero de 2026', 'Vencido: no presentado', '23 días de retraso'],
      ['enero de 2026', 'La agencia se negó a informar', 'Se negó a informar el 20 de febrero de 2026'],
    ]);
    expect(html).toContain('href="/api/v1/places/nc/overdue.csv?lang=es"');
  });

  it('gives the same rows as CSV, in English and Spanish', async () => {
    const rows = await csv();
    expect(rows.map((row) => [row.agency, row.agency_name, row.period, row.status, row.days_late, row.declined_on])).toEqual([
      [agencies.overdue.slug, agencies.overdue.name, '2025-11', 'overdue', '85', ''],
      [agencies.overdue.slug, agencies.overdue.name, '2025-12', 'overdue', '54', ''],
      [agencies.overdue.slug, agencies.overdue.name, '2026-01', 'overdue', '23', ''],
      [agencies.declined.slug, agencies.declined.name, '2026-01', 'declined', '23', '2026-02-20'],
    ]);
    expect(rows[0]).toMatchObject({ policy: '287(g) reporting', requirement_title: 'Monthly report', due_on: '2025-12-15', period_label: 'November 2025' });
    expect(rows[0].agency_url).toBe(`http://portal.test/agencies/${agencies.overdue.slug}`);
    const spanish = await csv('?lang=es');
    expect(spanish.map((row) => [row['Período'], row['Situación (en palabras)'], row['Fecha de la negativa']])).toEqual([
      ['2025-11', 'Vencido: no presentado', ''],
      ['2025-12', 'Vencido: no presentado', ''],
      ['2026-01', 'Vencido: no presentado', ''],
      ['2026-01', 'La agencia se negó a informar', '2026-02-20'],
    ]);
  });

  it('answers 404 for a state not in the registry and 400 for an unknown language', async () => {
    const call = (state: string, query = '') =>
      (overdueRoute.loader as Loader)({ request: new Request(`http://portal.test/api/v1/places/${state}/overdue.csv${query}`), params: { state }, context: TEST_CONTEXT }) as Promise<Response>;
    expect((await call('zz')).status).toBe(404);
    expect((await call('nc', '?lang=fr')).status).toBe(400);
  });

  it('bounds the page to the most overdue rows and counts the rest', () => {
    const report = (daysLate: number): OverdueReport => ({
      agency: { slug: 'a', name: 'A' },
      requirement: { id: 1, title: 'Monthly report', policyTitle: 'Policy' },
      period: { key: String(daysLate), label: '', start: '2026-01-01', end: '2026-01-31' },
      dueOn: '2026-02-15',
      status: 'overdue',
      daysLate,
      declinedOn: null,
    });
    const all = Array.from({ length: OVERDUE_PAGE_ROWS + 7 }, (_, i) => report(1000 - i));
    const shown = overdueForPage({ stateCode: 'NC', reports: all });
    expect(shown.reports).toEqual(all.slice(0, OVERDUE_PAGE_ROWS));
    expect(shown).toMatchObject({ total: OVERDUE_PAGE_ROWS + 7, more: 7 });
  });
});
