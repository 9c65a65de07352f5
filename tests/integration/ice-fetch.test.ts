/**
 * The job that fetches ICE's lists, against real PostgreSQL and a real HTTP server on 127.0.0.1
 * serving ICE's real spreadsheets (seeds/data/ice-287g): one import across concurrent portal
 * processes, refusals that leave the registry as it was, retries, no network, the list's date,
 * the schedule, the operator's button, and the public archive of every file served.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '~/db/prisma.server';
import { translator } from '~/i18n/i18n';
import { fetchMessageText, type FetchMessage } from '~/registry/ice-fetch-messages';
import { ICE_FETCH_LOCK, runIceFetch, startIceFetchSchedule, type IceFetchOptions } from '~/registry/ice-fetch.server';
import { importIceList } from '~/registry/ice-import.server';
import * as importsRoute from '~/routes/admin.imports/route';
import * as apiRoute from '~/routes/api.v1.ice-lists';
import * as archivePage from '~/routes/data_.ice-lists';
import * as downloadRoute from '~/routes/data_.ice-lists.$id';
import { projectDir } from '../../scripts/db/database';
import { ICE_LISTS_DIR } from '../../seeds/ice-registry';
import { SEED_STEPS } from '../../seeds/index';
import { seedNcJurisdictions } from '../../seeds/nc-jurisdictions';
import { testRequestHandler } from '../support/page-handler';
import { cookieFor, get, run, TEST_CONTEXT } from '../support/requests';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const iceList = (name: string) => fs.readFileSync(path.join(ICE_LISTS_DIR, name));
const JULY_PARTICIPATING = iceList('participating-2025-07-18.xlsx');
const JULY_PENDING = iceList('pending-2025-07-18.xlsx');
const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');
const english = translator('en');
const words = (messages: FetchMessage[]) => messages.map((message) => fetchMessageText(english, message)).join('\n');
const codes = (messages: FetchMessage[]) => messages.map((message) => message.key);

/* ------------------------------------------------------------------------ */
/* A stand-in for ICE's web server                                           */
/* ------------------------------------------------------------------------ */

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

interface ListServer {
  origin: string;
  routes: Map<string, Handler>;
  requests: { path: string; at: number }[];
  /** Every body sent whole with status 200: what the archive must hold. */
  served: { path: string; sha256: string; size: number }[];
  close: () => Promise<void>;
}

let server: ListServer;

async function startListServer(): Promise<ListServer> {
  const routes = new Map<string, Handler>();
  const requests: ListServer['requests'] = [];
  const httpServer = http.createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://x').pathname;
    requests.push({ path: pathname, at: Date.now() });
    const handler = routes.get(pathname);
    if (handler) handler(request, response);
    else response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
  });
  await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = httpServer.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    routes,
    requests,
    served: [],
    close: async () => {
      httpServer.closeAllConnections();
      await new Promise((resolve) => httpServer.close(resolve));
    },
  };
}

/** A file, sent whole (after a delay, if asked). */
function file(bytes: Uint8Array, options: { type?: string; headers?: Record<string, string>; delayMs?: number } = {}): Handler {
  return (request, response) => {
    const send = () => {
      response.writeHead(200, { 'Content-Type': options.type ?? XLSX, 'Content-Length': bytes.length, ...options.headers });
      response.end(bytes);
      server.served.push({ path: new URL(request.url ?? '/', 'http://x').pathname, sha256: sha256(bytes), size: bytes.length });
    };
    if (options.delayMs) setTimeout(send, options.delayMs);
    else send();
  };
}
const status =
  (code: number): Handler =>
  (_request, response) =>
    response.writeHead(code, { 'Content-Type': 'text/html' }).end(`<html><body>Error ${code}</body></html>`);
/** Never answers: the job's timeout must give up. */
const hang: Handler = () => {};
/** Announces the whole file, sends half, and drops the connection. */
const cutOff =
  (bytes: Uint8Array): Handler =>
  (_request, response) => {
    response.writeHead(200, { 'Content-Type': XLSX, 'Content-Length': bytes.length });
    response.write(bytes.subarray(0, bytes.length / 2), () => response.socket?.destroy());
  };
/** Answers each request with the next handler, then keeps to the last. */
function inTurn(...handlers: Handler[]): Handler {
  let call = 0;
  return (request, response) => handlers[Math.min(call++, handlers.length - 1)](request, response);
}

function serve(routes: Record<string, Handler>) {
  server.routes.clear();
  for (const [pathname, handler] of Object.entries(routes)) server.routes.set(pathname, handler);
}
const urlsOf = (participating: string, pending: string) => ({ PARTICIPATING: `${server.origin}${participating}`, PENDING: `${server.origin}${pending}` });
const requestsTo = (pathname: string) => server.requests.filter((request) => request.path === pathname);

/* ------------------------------------------------------------------------ */
/* Databases                                                                 */
/* ------------------------------------------------------------------------ */

/**
 * A database holding ICE's lists of May 2025 (the July ones are what the server serves). Its
 * seed steps are marked done, so the tools spawned on it, which prepare their database as every
 * tool does, leave this registry as it is.
 */
async function mayRegistry(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  await seedNcJurisdictions(db.prisma);
  for (const name of ['participating-2025-05-16.xlsx', 'pending-2025-05-15.xlsx']) {
    await importIceList(db.prisma, { bytes: iceList(name), fileName: name, importedBy: 'seed' });
  }
  await db.prisma.seedRun.createMany({ data: SEED_STEPS.map((step) => ({ name: step.name })) });
  return db;
}

async function registryCounts(db: TestDatabase) {
  const [agreements, events, imports, active] = await Promise.all([
    db.prisma.agreement.count(),
    db.prisma.agreementEvent.count(),
    db.prisma.iceImport.count(),
    db.prisma.agreement.count({ where: { status: 'ACTIVE' } }),
  ]);
  return { agreements, events, imports, active };
}

const FAST = { attempts: 3, timeoutMs: 400, backoffMs: 50 };
const fetchNow = (db: TestDatabase, options: Partial<IceFetchOptions> = {}) =>
  runIceFetch(db.prisma, { trigger: 'test', settings: FAST, urls: urlsOf('/participating.xlsx', '/pending.xlsx'), ...options });

beforeAll(async () => {
  server = await startListServer();
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
  server.served.length = 0;
});

/* ------------------------------------------------------------------------ */

describe('two portal processes fetching at the same moment', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await mayRegistry();
  });
  afterAll(async () => {
    await db.drop();
  });

  function fetchIce(...args: string[]) {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/fetch-ice.ts', ...args], {
      cwd: projectDir,
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        ICE_PARTICIPATING_URL: `${server.origin}/participating.xlsx`,
        ICE_PENDING_URL: `${server.origin}/pending.xlsx`,
        ICE_FETCH_TIMEOUT_MS: '20000',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    return new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ status: code, stdout, stderr })));
  }

  it('imports each list once: one process imports, the other skips or finds the same bytes already imported', async () => {
    const before = await registryCounts(db);
    // Slow answers, so that the two runs overlap.
    serve({ '/participating.xlsx': file(JULY_PARTICIPATING, { delayMs: 1500 }), '/pending.xlsx': file(JULY_PENDING, { delayMs: 1500 }) });
    const runs = await Promise.all([fetchIce('--json'), fetchIce('--json')]);
    for (const result of runs) expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    const [first, second] = runs.map((result) => JSON.parse(result.stdout) as { outcome: string; codes: FetchMessage[]; messages: string[] });
    const importing = [first, second].filter((result) => codes(result.codes).includes('iceFetch.msg.imported'));
    expect(importing).toHaveLength(1);
    expect(codes(importing[0].codes).filter((key) => key === 'iceFetch.msg.imported')).toHaveLength(2);
    const other = importing[0] === first ? second : first;
    if (other.outcome === 'SKIPPED') {
      expect(other.messages.join('\n')).toMatch(/Another fetch of ICE’s lists is already running/);
    } else {
      expect(other.outcome).toBe('OK');
      expect(codes(other.codes).filter((key) => key === 'iceFetch.msg.alreadyImported')).toHaveLength(2);
    }

    const imports = await db.prisma.iceImport.findMany({ where: { importedBy: 'fetch' }, orderBy: { id: 'asc' } });
    expect(imports.map((row) => [row.listKind, row.fileName, row.asOf.toISOString().slice(0, 10)])).toEqual([
      ['PARTICIPATING', 'participating-2025-07-18.xlsx', '2025-07-18'],
      ['PENDING', 'pending-2025-07-18.xlsx', '2025-07-18'],
    ]);
    expect(imports.map((row) => row.fileSha256)).toEqual([sha256(JULY_PARTICIPATING), sha256(JULY_PENDING)]);
    const after = await registryCounts(db);
    expect(after.imports).toBe(before.imports + 2);
    // July's list adds Carteret and Catawba to North Carolina's 20 active agreements.
    expect(await db.prisma.agreement.count({ where: { status: 'ACTIVE', agency: { stateCode: 'NC' } } })).toBe(22);
    // Every file served was archived, once per download.
    const archived = await db.prisma.iceListFile.findMany({ select: { sha256: true, size: true } });
    expect(archived.map((row) => row.sha256).sort()).toEqual(server.served.map((served) => served.sha256).sort());
  });

  it('a later run finds the same bytes already imported and changes nothing; the tool says so in words', async () => {
    serve({ '/participating.xlsx': file(JULY_PARTICIPATING), '/pending.xlsx': file(JULY_PENDING) });
    const before = await registryCounts(db);
    const result = await fetchIce();
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(result.stdout).toMatch(/^Fetch run \d+: OK$/m);
    expect(result.stdout).toMatch(/Participating agencies: this very file \(the same SHA-256\) was already imported, as the list of 2025-07-18/);
    expect(result.stdout).toMatch(/Pending applications: this very file \(the same SHA-256\) was already imported/);
    expect(await registryCounts(db)).toEqual(before);
  });

  it('does not start while another run holds the lock, and says so', async () => {
    serve({ '/participating.xlsx': file(JULY_PARTICIPATING), '/pending.xlsx': file(JULY_PENDING) });
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query('select pg_try_advisory_xact_lock($1)', [ICE_FETCH_LOCK]);
      const runs = await db.prisma.iceFetchRun.count();
      const result = await fetchNow(db);
      expect(result).toMatchObject({ runId: null, outcome: 'SKIPPED' });
      expect(words(result.messages)).toMatch(/Another fetch of ICE’s lists is already running/);
      expect(await db.prisma.iceFetchRun.count()).toBe(runs);
      expect(server.requests).toEqual([]);
    } finally {
      await holder.query('rollback');
      await holder.end();
    }
  });
});

describe('refused downloads leave the registry unchanged', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await mayRegistry();
  });
  afterAll(async () => {
    await db.drop();
  });

  async function julyAsCsv(source: Buffer, change?: (sheet: ExcelJS.Worksheet) => void) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(source as unknown as ArrayBuffer);
    change?.(workbook.worksheets[0]);
    return Buffer.from(await workbook.csv.writeBuffer({ dateFormat: 'M/D/YYYY' } as never));
  }

  // Each case breaks one list; the other is ICE's real July list and must not be imported alone.
  const CASES: { name: string; broken: 'participating' | 'pending'; handler: () => Handler | Promise<Handler>; says: RegExp; tries?: number }[] = [
    { name: 'a 500 answer, tried 3 times', broken: 'participating', handler: () => status(500), says: /answered HTTP 500 Internal Server Error to .*, 3 times\./, tries: 3 },
    { name: 'a 500 answer on the second list', broken: 'pending', handler: () => status(500), says: /Pending applications: ICE’s server answered HTTP 500/, tries: 3 },
    { name: 'no answer in time, tried 3 times', broken: 'pending', handler: () => hang, says: /did not send the whole file within 0.4 seconds, 3 times\./, tries: 3 },
    {
      name: 'a web page instead of the spreadsheet',
      broken: 'pending',
      handler: () => file(Buffer.from('<!DOCTYPE html><html><body><h1>Page not found</h1><a href="/about">About</a></body></html>'), { type: 'text/html; charset=utf-8' }),
      says: /returned a web page, not a spreadsheet/,
    },
    { name: 'a truncated spreadsheet', broken: 'pending', handler: () => file(JULY_PENDING.subarray(0, 9000)), says: /most likely incomplete \(cut off during the download\) or damaged/ },
    { name: 'a connection dropped halfway, tried 3 times', broken: 'participating', handler: () => cutOff(JULY_PARTICIPATING), says: /Participating agencies: the connection broke off before the whole file had arrived from .*, 3 times\./, tries: 3 },
    { name: 'the wrong list at the address', broken: 'pending', handler: () => file(JULY_PARTICIPATING), says: /is the list of “Participating agencies” instead/ },
    {
      name: 'a list older than the one imported (the importer’s rule)',
      broken: 'participating',
      handler: async () =>
        file(await julyAsCsv(iceList('participating-2025-05-16.xlsx')), { type: 'text/csv', headers: { 'Last-Modified': 'Sat, 10 May 2025 12:00:00 GMT' } }),
      says: /dated 2025-05-10, older than the participating list of 2025-05-16 already imported/,
    },
    {
      name: 'a partial list that would end most agreements (the importer’s rule)',
      broken: 'participating',
      handler: async () => {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(JULY_PARTICIPATING as unknown as ArrayBuffer);
        const sheet = workbook.worksheets[0];
        for (let row = sheet.rowCount; row > 1; row--) {
          if (String(sheet.getRow(row).getCell(1).value).trim().toUpperCase() !== 'NORTH CAROLINA') sheet.spliceRows(row, 1);
        }
        workbook.modified = new Date('2025-07-20T12:00:00Z');
        return file(Buffer.from(await workbook.xlsx.writeBuffer()));
      },
      says: /would end \d+ of the \d+ active agreements/,
    },
  ];

  it.each(CASES)('$name', async ({ broken, handler, says, tries }) => {
    const good = broken === 'participating' ? file(JULY_PENDING) : file(JULY_PARTICIPATING);
    serve({ [`/${broken}.xlsx`]: await handler(), [`/${broken === 'participating' ? 'pending' : 'participating'}.xlsx`]: good });
    const before = await registryCounts(db);
    const filesBefore = await db.prisma.iceListFile.count();

    const result = await fetchNow(db);

    expect(result.outcome, words(result.messages)).toBe('FAILED');
    expect(words(result.messages)).toMatch(says);
    expect(words(result.messages)).toMatch(/Nothing was imported: the registry keeps what it had\./);
    expect(await registryCounts(db)).toEqual(before);
    if (tries) expect(requestsTo(`/${broken}.xlsx`)).toHaveLength(tries);
    // The good list was fetched, archived, and held back with the reason.
    const files = await db.prisma.iceListFile.findMany({ where: { runId: result.runId! }, orderBy: { id: 'asc' } });
    expect(files.map((row) => row.sha256).sort()).toEqual(server.served.map((served) => served.sha256).sort());
    expect(await db.prisma.iceListFile.count()).toBe(filesBefore + server.served.length);
    const goodFile = files.find((row) => row.sha256 === sha256(broken === 'participating' ? JULY_PENDING : JULY_PARTICIPATING));
    expect(goodFile?.importId).toBeNull();
    expect(goodFile?.refusal).toMatch(/fetched and readable, but not imported: ICE’s two lists are imported together or not at all/);
    // What was stored for the operator says the same.
    const stored = await db.prisma.iceFetchRun.findUniqueOrThrow({ where: { id: result.runId! } });
    expect(stored.outcome).toBe('FAILED');
    expect(stored.finishedAt).not.toBeNull();
    expect(words(stored.messages as unknown as FetchMessage[])).toMatch(says);
  });

  it('a list the address does not have (404) is not retried, and names the setting to change', async () => {
    serve({ '/participating.xlsx': file(JULY_PARTICIPATING) });
    const before = await registryCounts(db);
    const result = await fetchNow(db);
    expect(result.outcome, words(result.messages)).toBe('FAILED');
    expect(words(result.messages)).toMatch(/Pending applications: .*\/pending\.xlsx answered HTTP 404 Not Found\. .*set ICE_PENDING_URL/);
    expect(requestsTo('/pending.xlsx')).toHaveLength(1);
    expect(await registryCounts(db)).toEqual(before);
  });

  describe('without network', () => {
    const noNetwork = (code: string) => {
      const calls: string[] = [];
      const fetchImpl = (async (url: string | URL | Request) => {
        calls.push(String(url));
        throw new TypeError('fetch failed', { cause: Object.assign(new Error(`getaddrinfo ${code} www.ice.gov`), { code, syscall: 'getaddrinfo' }) });
      }) as typeof fetch;
      return { calls, fetchImpl };
    };

    it.each(['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH'])('%s: the run is OFFLINE, says the manual import still works, and tries nothing more', async (code) => {
      const before = await registryCounts(db);
      const files = await db.prisma.iceListFile.count();
      const { calls, fetchImpl } = noNetwork(code);
      // ICE's own addresses: the stand-in fetch makes sure nothing leaves the machine.
      const result = await runIceFetch(db.prisma, { trigger: 'test', settings: FAST, fetchImpl });
      expect(result.outcome).toBe('OFFLINE');
      const text = words(result.messages);
      expect(text).toMatch(new RegExp(`This machine cannot reach www\\.ice\\.gov \\(${code}\\)`));
      expect(text).toMatch(/imported by hand: .*upload them on the operator page \(\/admin\/imports\) or run npm run import:ice/);
      expect(calls).toEqual(['https://www.ice.gov/identify-and-arrest/287g']);
      expect(await registryCounts(db)).toEqual(before);
      expect(await db.prisma.iceListFile.count()).toBe(files);
      expect((await db.prisma.iceFetchRun.findUniqueOrThrow({ where: { id: result.runId! } })).outcome).toBe('OFFLINE');
    });

    it('closes a run a stopped portal left running, saying so', async () => {
      const stale = await db.prisma.iceFetchRun.create({ data: { trigger: 'schedule', startedAt: new Date(Date.now() - 3600_000) } });
      await runIceFetch(db.prisma, { trigger: 'test', settings: FAST, fetchImpl: noNetwork('ENOTFOUND').fetchImpl });
      const closed = await db.prisma.iceFetchRun.findUniqueOrThrow({ where: { id: stale.id } });
      expect(closed.outcome).toBe('FAILED');
      expect(closed.finishedAt).not.toBeNull();
      expect(words(closed.messages as unknown as FetchMessage[])).toBe('This run did not finish: the portal stopped while it was running.');
    });

    it('a name that does not resolve, with the real fetch', async () => {
      const result = await runIceFetch(db.prisma, {
        trigger: 'test',
        settings: FAST,
        urls: { PARTICIPATING: 'http://ice-lists.invalid/participating.xlsx', PENDING: 'http://ice-lists.invalid/pending.xlsx' },
      });
      expect(result.outcome).toBe('OFFLINE');
      expect(words(result.messages)).toMatch(/This machine cannot reach ice-lists\.invalid \((ENOTFOUND|EAI_AGAIN)\)/);
    });
  });
});

describe('successful fetches', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await mayRegistry();
  });
  afterEach(async () => {
    await db.drop();
  });

  it('retries a 5xx answer with growing waits, then imports', async () => {
    serve({ '/participating.xlsx': inTurn(status(503), status(502), file(JULY_PARTICIPATING)), '/pending.xlsx': file(JULY_PENDING) });
    const result = await fetchNow(db, { settings: { ...FAST, backoffMs: 200 } });
    expect(result.outcome, words(result.messages)).toBe('OK');
    const times = requestsTo('/participating.xlsx').map((request) => request.at);
    expect(times).toHaveLength(3);
    // 200 ms before the second try, 400 ms before the third (timer slack allowed).
    expect(times[1] - times[0]).toBeGreaterThanOrEqual(190);
    expect(times[2] - times[1]).toBeGreaterThanOrEqual(390);
    expect(codes(result.messages).filter((key) => key === 'iceFetch.msg.imported')).toHaveLength(2);
  });

  it('follows ICE’s 287(g) page to the spreadsheets it links, and dates them by the workbook', async () => {
    const page = `<!DOCTYPE html><html><body>
      <a href="https://elsewhere.example/participatingAgencies.xlsx">not ICE</a>
      <a href="/doclib/about/offices/ero/287g/participatingAgencies07182025am.xlsx">Participating agencies</a>
      <a href='/doclib/about/offices/ero/287g/pendingAgencies07182025.xlsx'>Pending</a>
    </body></html>`;
    serve({
      '/identify-and-arrest/287g': file(Buffer.from(page), { type: 'text/html; charset=utf-8' }),
      '/doclib/about/offices/ero/287g/participatingAgencies07182025am.xlsx': file(JULY_PARTICIPATING),
      '/doclib/about/offices/ero/287g/pendingAgencies07182025.xlsx': file(JULY_PENDING),
    });
    const result = await fetchNow(db, { urls: urlsOf('/identify-and-arrest/287g', '/identify-and-arrest/287g') });
    expect(result.outcome, words(result.messages)).toBe('OK');
    const text = words(result.messages);
    expect(text).toMatch(/Participating agencies: .*\/identify-and-arrest\/287g is a web page; it links the list at .*participatingAgencies07182025am\.xlsx/);
    expect(text).toMatch(/Participating agencies: the list is dated 2025-07-18, the date saved in the spreadsheet/);
    expect(text).toMatch(/Pending applications: the list of 2025-07-18 was imported/);
    const files = await db.prisma.iceListFile.findMany({ orderBy: { id: 'asc' } });
    // Only the spreadsheets are archived; the page is how they were found.
    expect(files.map((row) => [row.listKind, row.url])).toEqual([
      ['PARTICIPATING', `${server.origin}/doclib/about/offices/ero/287g/participatingAgencies07182025am.xlsx`],
      ['PENDING', `${server.origin}/doclib/about/offices/ero/287g/pendingAgencies07182025.xlsx`],
    ]);
    expect(files.every((row) => row.importId !== null && row.refusal === null)).toBe(true);
  });

  it('dates a list without a workbook date by Last-Modified, else by the day it was fetched, and says which', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(JULY_PARTICIPATING as unknown as ArrayBuffer);
    const csv = Buffer.from(await workbook.csv.writeBuffer({ dateFormat: 'M/D/YYYY' } as never));
    serve({
      '/participating.xlsx': file(csv, { type: 'text/csv', headers: { 'Last-Modified': 'Tue, 22 Jul 2025 14:00:00 GMT' } }),
      '/pending.xlsx': file(JULY_PENDING),
    });
    const first = await fetchNow(db);
    expect(first.outcome, words(first.messages)).toBe('OK');
    expect(words(first.messages)).toMatch(/Participating agencies: the file carries no date, so the list is dated 2025-07-22, when ICE’s web server says the file last changed \(Last-Modified\)/);
    expect(words(first.messages)).toMatch(/Pending applications: the list is dated 2025-07-18, the date saved in the spreadsheet/);

    // The same list with a blank line more (other bytes), no Last-Modified, fetched on 1 August.
    serve({ '/participating.xlsx': file(Buffer.concat([csv, Buffer.from('\r\n')]), { type: 'text/csv' }), '/pending.xlsx': file(JULY_PENDING) });
    const second = await fetchNow(db, { now: () => new Date('2025-08-01T15:00:00Z') });
    expect(second.outcome, words(second.messages)).toBe('OK');
    expect(words(second.messages)).toMatch(/Participating agencies: neither the file nor ICE’s web server gives a date, so the list is dated 2025-08-01, the day it was fetched/);
    expect(words(second.messages)).toMatch(/Pending applications: this very file \(the same SHA-256\) was already imported, as the list of 2025-07-18/);

    const imports = await db.prisma.iceImport.findMany({ where: { importedBy: 'fetch' }, orderBy: { id: 'asc' } });
    expect(imports.map((row) => row.fileName)).toEqual(['participating-2025-07-22.csv', 'pending-2025-07-18.xlsx', 'participating-2025-08-01.csv']);
  });
});

/** Sets environment variables for a describe block and puts them back after it. */
function withEnv(values: Record<string, () => string>) {
  const saved: Record<string, string | undefined> = {};
  beforeAll(() => {
    for (const [name, value] of Object.entries(values)) {
      saved[name] = process.env[name];
      process.env[name] = value();
    }
  });
  afterAll(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
}

describe('the schedule', () => {
  let db: TestDatabase;
  withEnv({ ICE_PARTICIPATING_URL: () => `${server.origin}/participating.xlsx`, ICE_PENDING_URL: () => `${server.origin}/pending.xlsx` });
  beforeAll(async () => {
    db = await mayRegistry();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('is off with ICE_FETCH_SCHEDULE=off', () => {
    const said: string[] = [];
    expect(startIceFetchSchedule(() => db.prisma, { env: { ICE_FETCH_SCHEDULE: 'off' }, log: (line) => said.push(line) })).toBeNull();
    expect(said.join('\n')).toMatch(/the daily fetch is off/);
  });

  it('runs once shortly after start-up, without delaying it, then only when no run started in the last 24 hours', async () => {
    serve({ '/participating.xlsx': file(JULY_PARTICIPATING), '/pending.xlsx': file(JULY_PENDING) });
    const said: string[] = [];
    const schedule = startIceFetchSchedule(() => db.prisma, { env: {}, log: (line) => said.push(line), firstCheckMs: 50, everyMs: 60_000 });
    try {
      expect(await db.prisma.iceFetchRun.count()).toBe(0); // started, nothing run yet
      const deadline = Date.now() + 30_000;
      while (!(await db.prisma.iceFetchRun.findFirst({ where: { trigger: 'schedule', outcome: { not: 'RUNNING' } } }))) {
        if (Date.now() > deadline) throw new Error('The scheduled fetch did not run.');
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      schedule?.stop();
    }
    const first = await db.prisma.iceFetchRun.findFirstOrThrow({ where: { trigger: 'schedule' } });
    expect(first.outcome).toBe('OK');
    expect(said.join('\n')).toMatch(/ICE lists: fetch OK\./);

    const soon = await runIceFetch(db.prisma, { trigger: 'schedule', now: () => new Date(first.startedAt.getTime() + 23 * 3600_000) });
    expect(soon).toMatchObject({ runId: null, outcome: 'SKIPPED', messages: [{ key: 'iceFetch.msg.notDue' }] });
    const nextDay = await runIceFetch(db.prisma, { trigger: 'schedule', now: () => new Date(first.startedAt.getTime() + 25 * 3600_000) });
    expect(nextDay.outcome).toBe('OK');
    expect(nextDay.runId).not.toBeNull();
    expect(await db.prisma.iceFetchRun.count()).toBe(2);
  });
});

describe('the operator’s button and the public archive', () => {
  let db: TestDatabase;
  let operatorCookie: string;
  const handle = testRequestHandler({
    'routes/data_.ice-lists': { path: 'data/ice-lists', module: archivePage },
    'routes/admin.imports': { path: 'admin/imports', module: importsRoute },
  });

  beforeAll(async () => {
    db = await mayRegistry();
    const operator = await db.prisma.user.create({ data: { email: 'operator@portal.test', name: 'Olive Operator', roles: { create: { role: 'OPERATOR' } } } });
    operatorCookie = await cookieFor(db.prisma, operator.id);
  });
  // After the database exists: the routes' shared client reads DATABASE_URL on first use.
  withEnv({
    DATABASE_URL: () => db.url,
    ICE_PARTICIPATING_URL: () => `${server.origin}/participating.xlsx`,
    ICE_PENDING_URL: () => `${server.origin}/pending.xlsx`,
    ICE_FETCH_RETRIES: () => '0',
  });
  afterAll(async () => {
    await disconnectPrisma();
    await db.drop();
  });

  const pressFetch = () => {
    const body = new FormData();
    body.append('intent', 'fetch');
    return run(importsRoute.action, new Request('http://portal.test/admin/imports', { method: 'POST', body, headers: { cookie: operatorCookie } }));
  };

  it('“Fetch ICE’s lists now” runs the job and shows the run’s result and messages', async () => {
    serve({ '/participating.xlsx': file(Buffer.from('<html><body>Moved</body></html>'), { type: 'text/html' }), '/pending.xlsx': file(JULY_PENDING) });
    const refused = await pressFetch();
    expect(refused.status).toBe(302);
    const refusedRun = Number(/fetched=(\d+)/.exec(refused.location ?? '')?.[1]);
    serve({ '/participating.xlsx': file(JULY_PARTICIPATING), '/pending.xlsx': file(JULY_PENDING) });
    const pressed = await pressFetch();
    expect(pressed.location).toMatch(/^\/admin\/imports\?fetched=\d+#fetch$/);

    const page = await run(importsRoute.loader, get(pressed.location!, operatorCookie));
    const data = page.body as Awaited<ReturnType<typeof importsRoute.loader>>;
    expect(data.fetched?.outcome).toBe('OK');
    expect(data.fetched?.startedBy).toBe('Olive Operator');
    expect(words(data.fetched!.messages)).toMatch(/Participating agencies: the list of 2025-07-18 was imported: \d+ new, \d+ changed/);
    expect(data.fetchRuns.map((r) => [r.id, r.outcome])).toEqual([
      [Number(/fetched=(\d+)/.exec(pressed.location!)![1]), 'OK'],
      [refusedRun, 'FAILED'],
    ]);
    // The page, in Spanish: the button, the result, and the table of runs.
    const response = await handle(new Request(`http://portal.test${pressed.location}`, { headers: { cookie: operatorCookie, 'Accept-Language': 'es' } }), TEST_CONTEXT);
    expect(response.status).toBe(200);
    const html = (await response.text()).replaceAll('<!-- -->', '');
    expect(html).toContain('<h2 id="fetch">Las listas publicadas por ICE</h2>');
    expect(html).toMatch(/<input type="hidden" name="intent" value="fetch"\/><button type="submit">Descargar ahora las listas de ICE<\/button>/);
    expect(html).toContain('<p>La descarga terminó: completada.</p>');
    expect(html).toMatch(/Agencias participantes: se importó la lista del 2025-07-18: \d+ nuevos/);
    expect(html).toMatch(/<div class="table-scroll" tabindex="0" role="region" aria-labelledby="fetch-runs">/);
    expect(html).toMatch(/Agencias participantes: .*devolvió una página web, no una hoja de cálculo/);
    expect(data.fetchSettings.urls).toEqual({ PARTICIPATING: `${server.origin}/participating.xlsx`, PENDING: `${server.origin}/pending.xlsx` });
  });

  it('lists every file fetched, with the SHA-256 of what was served, as JSON and on the page in English and Spanish', async () => {
    const servedBefore = (await db.prisma.iceListFile.findMany({ select: { sha256: true } })).map((row) => row.sha256);
    serve({ '/participating.xlsx': file(JULY_PARTICIPATING), '/pending.xlsx': file(JULY_PENDING) });
    await fetchNow(db); // the same bytes again: archived, not imported
    const everyServed = [...servedBefore, ...server.served.map((served) => served.sha256)];

    const api = await apiRoute.loader({ request: new Request('http://portal.test/api/v1/ice-lists'), params: {}, context: TEST_CONTEXT });
    expect(api.status).toBe(200);
    expect(api.headers.get('Access-Control-Allow-Origin')).toBe('*');
    const { data, meta } = (await api.json()) as { data: Record<string, unknown>[]; meta: { count: number } };
    expect(meta.count).toBe(data.length);
    expect(data.map((row) => row.sha256).sort()).toEqual(everyServed.sort());
    expect(data.map((row) => row.sha256)).toContain(sha256(JULY_PARTICIPATING));
    const julyFiles = data.filter((row) => row.sha256 === sha256(JULY_PARTICIPATING));
    expect(julyFiles.map((row) => row.result).sort()).toEqual(['alreadyImported', 'imported']);
    expect(julyFiles[0]).toMatchObject({ list: 'participating', size: JULY_PARTICIPATING.length, file_name: 'participating-2025-07-18.xlsx', list_date: '2025-07-18', http_status: 200 });
    expect((julyFiles[0].headers as Record<string, string>)['content-type']).toBe(XLSX);
    const refused = data.find((row) => row.result === 'notImported' && row.list === 'participating');
    expect(refused?.reason).toMatch(/returned a web page, not a spreadsheet/);

    for (const [language, heading, result] of [
      ['en', 'ICE’s lists as fetched', 'Yes, as the list of July 18, 2025.'],
      ['es', 'Las listas de ICE tal como se descargaron', 'Sí, como la lista del 18 de julio de 2025.'],
    ]) {
      const response = await handle(new Request('http://portal.test/data/ice-lists', { headers: { 'Accept-Language': language } }), TEST_CONTEXT);
      expect(response.status).toBe(200);
      const html = (await response.text()).replaceAll('<!-- -->', '');
      expect(html).toContain(`<h1>${heading}</h1>`);
      expect(html).toContain(result);
      expect(html).toMatch(/<div class="table-scroll" tabindex="0" role="region" aria-labelledby="files">/);
      for (const digest of everyServed) expect(html).toContain(`<code>${digest}</code>`);
    }
  });

  it('serves each file’s exact bytes, named, with its SHA-256 as ETag', async () => {
    const stored = await db.prisma.iceListFile.findFirstOrThrow({ where: { sha256: sha256(JULY_PENDING), importId: { not: null } } });
    const download = (headers: Record<string, string> = {}, id = String(stored.id)) =>
      run(downloadRoute.loader, new Request(`http://portal.test/data/ice-lists/${id}`, { headers }), { id });
    const response = await downloadRoute.loader({ request: new Request(`http://portal.test/data/ice-lists/${stored.id}`), params: { id: String(stored.id) }, context: TEST_CONTEXT });
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(JULY_PENDING)).toBe(true);
    expect(response.headers.get('ETag')).toBe(`"${sha256(JULY_PENDING)}"`);
    expect(response.headers.get('Content-Type')).toBe(XLSX);
    expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; filename="pending-2025-07-18\.xlsx"/);
    expect((await download({ 'If-None-Match': `"${sha256(JULY_PENDING)}"` })).status).toBe(304);
    expect((await download({}, '999999')).status).toBe(404);
    expect((await download({}, 'x')).status).toBe(404);
    // The web page served in place of a list: kept, but never served as a page of this site.
    const page = await db.prisma.iceListFile.findFirstOrThrow({ where: { listKind: 'PARTICIPATING', refusal: { not: null } } });
    const pageResponse = await downloadRoute.loader({ request: new Request('http://portal.test/'), params: { id: String(page.id) }, context: TEST_CONTEXT });
    expect(pageResponse.headers.get('Content-Type')).toBe('application/octet-stream');
    expect(pageResponse.headers.get('Content-Disposition')).toMatch(/filename="participating-\d{4}-\d{2}-\d{2}\.html"/);
  });
});
