/**
 * Atom feeds of reports, amendments and registry changes, statewide and per county, in the
 * reader's language, with ETags that answer 304 until something new lands.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '~/db/prisma.server';
import { importIceList } from '~/registry/ice-import.server';
import { openFiling, saveDraft, submitFiling } from '~/reporting/filings.server';
import { createPolicy } from '~/reporting/policies.server';
import * as countyFeed from '~/routes/feeds.$state.$file';
import * as stateFeed from '~/routes/feeds.$file';
import { ICE_LISTS_DIR } from '../../seeds/ice-registry';
import { seedNcJurisdictions } from '../../seeds/nc-jurisdictions';
import { TEST_CONTEXT } from '../support/requests';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
let requirementId = 0;
let headId = 0;
const NOV_20 = new Date('2025-11-20T17:00:00Z');

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  await seedNcJurisdictions(db.prisma);
  for (const name of ['participating-2025-07-18.xlsx']) {
    await importIceList(db.prisma, { bytes: fs.readFileSync(path.join(ICE_LISTS_DIR, name)), fileName: name, importedBy: 'test' });
  }
  const gaston = await db.prisma.agency.findUniqueOrThrow({ where: { slug: 'nc-gaston-county-sheriffs-office' } });
  const county = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { fips: '37071' } });
  headId = (await db.prisma.user.create({ data: { email: 'head@example.org', name: 'Head' } })).id;
  const policy = await createPolicy(db.prisma, {
    jurisdictionId: county.id,
    kind: 'COUNTY_REPORTING',
    title: 'Reporting',
    statute: 'G.S. 153A-104',
    adoptedOn: '2024-12-02',
    oathText: 'I certify.',
    requirements: [{ agencyId: gaston.id, title: 'Quarterly', effectiveFrom: '2025-01-01', frequency: 'QUARTERLY', dueDaysAfterEnd: 30, acceptsLate: true, metricKeys: ['gross_cost'] }],
  });
  requirementId = policy.requirements[0].id;
});
afterAll(async () => {
  await disconnectPrisma();
  await db.drop();
});

async function file(periodKey: string, gross: string, amendmentReason?: string) {
  const filing = await openFiling(db.prisma, { requirementId, periodKey, now: NOV_20 });
  await saveDraft(db.prisma, { filingId: filing.id, values: { gross_cost: gross }, explanations: {}, nothingToReport: false, userId: headId });
  await submitFiling(db.prisma, { filingId: filing.id, userId: headId, certifiedName: 'A Head', certifiedTitle: 'Sheriff', channel: 'WEB', amendmentReason, now: NOV_20 });
}

const request = (url: string, headers: Record<string, string> = {}) => new Request(`http://portal.test${url}`, { headers });
const state = (url: string, headers?: Record<string, string>) => stateFeed.loader({ request: request(url, headers), params: { file: url.split('/').pop()! }, context: TEST_CONTEXT }) as Promise<Response>;
const county = (url: string, headers?: Record<string, string>) => {
  const [, , stateSlug, fileName] = url.split('/');
  return countyFeed.loader({ request: request(url, headers), params: { state: stateSlug, file: fileName }, context: TEST_CONTEXT }) as Promise<Response>;
};

describe('Atom feeds', () => {
  it('list registry changes and reports, newest first, with links to the agency', async () => {
    await file('2025-Q1', '1000');
    await file('2025-Q1', '1200', 'Overtime was left out.');
    const response = await state('/feeds/nc.atom');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await response.text();
    expect(xml).toContain('<title>287(g) reports and agreements: North Carolina</title>');
    const titles = [...xml.matchAll(/<entry>\s*<id>[^<]*<\/id>\s*<title>([^<]*)<\/title>/g)].map((match) => match[1]);
    expect(titles.slice(0, 2)).toEqual([
      'Gaston County Sheriff&apos;s Office: report for January–March 2025 amended (revision 2)',
      'Gaston County Sheriff&apos;s Office: report for January–March 2025 submitted',
    ]);
    expect(xml).toContain('<summary>Reason given: Overtime was left out.</summary>');
    expect(xml).toContain('href="http://portal.test/agencies/nc-gaston-county-sheriffs-office"');
    // Registry changes: the July 2025 list's agreements.
    expect(titles.some((title) => title.includes('agreement appears in ICE’s list'))).toBe(true);
  });

  it('keep a county to its own agencies, and 404 for places that do not exist', async () => {
    const gaston = await (await county('/feeds/nc/gaston-county.atom')).text();
    expect(gaston).toContain('Gaston County Sheriff&apos;s Office: report for');
    const cabarrus = await (await county('/feeds/nc/cabarrus-county.atom')).text();
    expect(cabarrus).not.toContain('Gaston County');
    expect(cabarrus).toContain('Cabarrus County Sheriff&apos;s Office');
    expect((await county('/feeds/nc/atlantis-county.atom')).status).toBe(404);
    expect((await state('/feeds/zz.atom')).status).toBe(404);
    expect((await state('/feeds/nc.rss')).status).toBe(404);
  });

  it('speak Spanish when asked', async () => {
    const xml = await (await state('/feeds/nc.atom', { 'Accept-Language': 'es-MX,es;q=0.9' })).text();
    expect(xml).toContain('xml:lang="es"');
    expect(xml).not.toContain('<title>287(g) reports and agreements');
    expect(xml).toContain('enero');
  });

  it('answer 304 to a matching ETag until a new report lands, then 200', async () => {
    const first = await state('/feeds/nc.atom');
    const etag = first.headers.get('ETag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('Cache-Control')).toBe('public, no-cache');
    const again = await state('/feeds/nc.atom', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');

    await file('2025-Q2', '900');
    const changed = await state('/feeds/nc.atom', { 'If-None-Match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('ETag')).not.toBe(etag);
  });
});
