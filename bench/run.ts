/**
 * `npm run bench [-- --scale national|demo] [--duration <s>] [--rounds <n>] [--node-env production] [--regenerate]`
 *
 * Generates (or reuses) the bench database, builds the portal if its sources changed, starts it
 * (PORTAL_BENCH=1, so /bench/trivial answers) beside a bare Remix 2 app, and measures with
 * autocannon, in interleaved rounds, every public page type, the registry API and the largest
 * figures CSV against the trivial route of the same server; then filing submissions through the
 * API at 1/10/50 concurrent (checking the audit chain after), page weight and compression, ETag
 * revalidation, the CSV exports against COPY … TO STDOUT, the portal's RSS, and the time
 * `npm start` takes to serve its first page. Writes bench/report.md and bench/report.json.
 * A measurement that fails is recorded in the report; the run goes on.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DEMO_SEED_STEPS } from '~/db/seed-steps';
import { inlineSql, NATIONAL_FIGURES_PATH, nationalFiguresSql } from '~/open-data/national-figures.server';
import { agencyPath, comparePath, placePath } from '~/paths';
import { projectDir } from '../scripts/db/database';
import { ensureBenchDatabase, parseScale, verifyChainWithPortalTool, type BenchDatabase } from './generate';
import { measure, median, type LoadResult } from './lib/load';
import { conditionalCheck, download, pageSize, type ConditionalCheck, type PageSize } from './lib/pages';
import { copyTo } from './lib/pg-copy';
import { freePort, RssSampler, startProcess, waitForHttp, waitForIdle, type Server } from './lib/processes';
import { writeReport } from './lib/report';
import { prepareSubmissions, type SubmissionJob } from './lib/submissions';

const benchDir = path.join(projectDir, 'bench');
const tmpDir = path.join(benchDir, '.tmp');

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const scale = parseScale(process.argv);
// Demo scale is the quick check: shorter measurements, one round.
const duration = Number(option('duration', scale === 'demo' ? '2' : '5'));
/** At 50 connections a slow page answers in waves 50 requests long: give it more time. */
const durationFor = (connections: number) => (connections >= 50 ? Math.round(1.6 * duration) : duration);
const rounds = Number(option('rounds', scale === 'demo' ? '1' : '3'));
const nodeEnv = option('node-env', '');
const runTag = new Date().toISOString().replace(/[:.]/g, '-');

export interface TargetResult {
  key: string;
  label: string;
  group: 'baseline' | 'page' | 'api';
  server: 'portal' | 'bare';
  path: string;
  byConnections: Record<
    string,
    { rounds: LoadResult[]; rps: number; okRps: number; p50: number; p99: number; non2xx: number; errors: number; ratio: number | null }
  >;
}

export interface Report {
  startedAt: string;
  finishedAt: string;
  wallSeconds: number;
  scale: string;
  options: { duration: number; rounds: number; nodeEnv: string };
  machine: { cpus: number; cpuModel: string; node: string; memoryGiB: number; loadAverageStart: number[]; loadAverageEnd: number[] };
  database: {
    name: string;
    reused: boolean;
    generationSeconds: number;
    steps: Record<string, number>;
    chainAfterGeneration: string;
    sizeBytes: number | null;
    rows: Record<string, number>;
  };
  build: Record<string, { ok: boolean; seconds: number; note: string }>;
  urls: Record<string, string>;
  cold: Record<string, { status: number; ms: number }>;
  targets: TargetResult[];
  submissions: {
    agencies: number;
    periodsPrepared: number;
    setupSeconds: number;
    levels: {
      connections: number;
      rounds: LoadResult[];
      okRps: number;
      p50: number;
      p99: number;
      non2xx: number;
      errors: number;
      statusCodes: Record<string, number>;
    }[];
    chainAfter: { valid: boolean; output: string; seconds: number } | null;
    sampleRefusal: string | null;
  } | null;
  sizes: PageSize[];
  conditional: ConditionalCheck[];
  csv: {
    name: string;
    path: string;
    status: number;
    seconds: number;
    firstByteSeconds: number;
    bytes: number;
    lines: number;
    rssMaxBytes: number;
    copy: { seconds: number; bytes: number; rows: number } | null;
  }[];
  rss: {
    portal: { maxBytes: number; endBytes: number; samples: number; phases: Record<string, number> } | null;
    bare: { maxBytes: number; endBytes: number } | null;
  };
  startTime: { runs: { ms: number | null; rebuilt: boolean; error: string | null }[]; warmMs: number | null } | null;
  /** The portal's background jobs that ran during the bench (job_run): they run at national scale too. */
  jobs: { job: string; trigger: string; outcome: string; seconds: number | null; detail: string; error: string | null }[];
  failures: { what: string; error: string }[];
}

/** Servers this run started: stopped (by their own pid) if the run is interrupted. */
const running = new Set<Server>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void Promise.all([...running].map((server) => server.stop())).finally(() => process.exit(130));
  });
}

const report: Report = {
  startedAt: new Date().toISOString(),
  finishedAt: '',
  wallSeconds: 0,
  scale,
  options: { duration, rounds, nodeEnv: nodeEnv || '(unset: production, as npm start)' },
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? '',
    node: process.version,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAverageStart: os.loadavg(),
    loadAverageEnd: [],
  },
  database: { name: '', reused: false, generationSeconds: 0, steps: {}, chainAfterGeneration: '', sizeBytes: null, rows: {} },
  build: {},
  urls: {},
  cold: {},
  targets: [],
  submissions: null,
  sizes: [],
  conditional: [],
  csv: [],
  rss: { portal: null, bare: null },
  startTime: null,
  jobs: [],
  failures: [],
};

const log = (message: string) => console.log(`[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${message}`);
const t0 = performance.now();

async function attempt<T>(what: string, work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log(`FAILED ${what}: ${message}`);
    report.failures.push({ what, error: message.slice(0, 2000) });
    return null;
  }
}

const tsxCli = path.join(projectDir, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const remixCli = path.join(projectDir, 'node_modules', '@remix-run', 'dev', 'dist', 'cli.js');

/** `tsx scripts/build-if-changed.ts`, retried when other work in app/ breaks the build for a moment. */
function buildPortal() {
  for (let tryNumber = 1; ; tryNumber++) {
    const started = performance.now();
    const result = spawnSync(process.execPath, [tsxCli, 'scripts/build-if-changed.ts'], { cwd: projectDir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const output = `${result.stdout}${result.stderr}`;
    const seconds = (performance.now() - started) / 1000;
    if (result.status === 0) {
      return { ok: true, seconds, note: /up to date/.test(output) ? 'up to date: not rebuilt' : `rebuilt (try ${tryNumber})` };
    }
    if (tryNumber >= 3) throw new Error(`npm run build failed 3 times; last output:\n${output.slice(-1500)}`);
    log(`portal build failed (try ${tryNumber}); waiting 60 s for the work in app/ to settle ...`);
    execFileSync('sleep', ['60']);
  }
}

function buildBare() {
  const started = performance.now();
  const result = spawnSync(process.execPath, [remixCli, 'build', path.join('bench', 'bare')], { cwd: projectDir, encoding: 'utf8' });
  if (result.status !== 0 || !fs.existsSync(path.join(benchDir, 'bare', 'build', 'index.js'))) {
    throw new Error(`remix build bench/bare failed:\n${`${result.stdout}${result.stderr}`.slice(-1500)}`);
  }
  return { ok: true, seconds: (performance.now() - started) / 1000, note: 'remix build bench/bare (classic compiler)' };
}

/** NODE_ENV as given by --node-env, else unset: the server then runs in production mode, as `npm start` does. */
function withNodeEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const { NODE_ENV: _ignored, ...rest } = env;
  return (nodeEnv ? { ...rest, NODE_ENV: nodeEnv } : rest) as NodeJS.ProcessEnv;
}

function serverEnv(db: BenchDatabase, port: number): NodeJS.ProcessEnv {
  return withNodeEnv({
    ...process.env,
    DATABASE_URL: db.url,
    PORTAL_BENCH: '1',
    ICE_FETCH_SCHEDULE: 'off',
    PORT: String(port),
    HOST: '127.0.0.1',
    PORTAL_DEMO: scale === 'demo' ? '1' : '0',
  });
}

/** The Node flags `npm start` gives the server (package.json's start script), so the bench measures the same process. */
function startNodeFlags(): string[] {
  const start = (JSON.parse(fs.readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  const flags = /\bnode((?:\s+--[\w-]+(?:=\S+)?)*)\s+build\/server\.js/.exec(start);
  if (!flags) throw new Error(`package.json's start script does not run "node … build/server.js": ${start}`);
  return flags[1].trim().split(/\s+/).filter(Boolean);
}

/** The portal as `npm start` runs it after the build check, in one process (so its RSS is the server's). */
async function startPortal(db: BenchDatabase): Promise<Server> {
  const port = await freePort();
  const server = startProcess(process.execPath, [...startNodeFlags(), path.join('build', 'server.js')], {
    cwd: projectDir,
    env: serverEnv(db, port),
    port,
    logFile: path.join(tmpDir, 'portal.log'),
  });
  await waitForHttp(`http://127.0.0.1:${port}/healthz`, { timeoutMs: 180_000, alive: () => server.child.exitCode === null }).catch((error) => {
    throw new Error(`${error.message}\n${server.output().slice(-1500)}`);
  });
  return server;
}

async function startBare(): Promise<Server> {
  const port = await freePort();
  const env = withNodeEnv({ ...process.env, PORT: String(port) });
  const server = startProcess(process.execPath, ['--import', 'tsx', path.join('bench', 'bare', 'server.ts')], { cwd: projectDir, env, port });
  await waitForHttp(`http://127.0.0.1:${port}/`, { timeoutMs: 60_000, alive: () => server.child.exitCode === null });
  return server;
}

/* ---------------------------------------------------------------------- */
/* What to request                                                         */
/* ---------------------------------------------------------------------- */

interface Discovered {
  county: { id: number; slug: string; name: string; agencies: number };
  agencySlug: string;
  townSlug: string | null;
  searchQuery: string;
  largestAgency: { id: number; slug: string; figures: number };
}

async function discover(client: pg.Client): Promise<Discovered> {
  const county = (
    await client.query(`
      select c.id, c.slug, c.name, count(distinct a.id)::int as agencies
        from jurisdiction c
        join agency a on a.jurisdiction_id = c.id
          or a.jurisdiction_id in (select municipality_id from municipality_county where county_id = c.id)
       where c.kind = 'COUNTY' and c.state_code = 'NC'
       group by c.id order by agencies desc, c.slug limit 1`)
  ).rows[0];
  const inCounty = `(a.jurisdiction_id = ${Number(
    county.id
  )} or a.jurisdiction_id in (select municipality_id from municipality_county where county_id = ${Number(county.id)}))`;
  const agency = (
    await client.query(`
      select a.slug, count(v.metric_key)::int as figures
        from agency a left join filing f on f.agency_id = a.id left join revision_value v on v.revision_id = f.counted_revision_id
       where ${inCounty} group by a.slug order by figures desc, a.slug limit 1`)
  ).rows[0];
  const town = (
    await client.query(
      `
      select m.slug from jurisdiction m join municipality_county mc on mc.municipality_id = m.id left join agency a on a.jurisdiction_id = m.id
       where mc.county_id = $1 group by m.slug order by count(a.id) desc, m.slug limit 1`,
      [county.id]
    )
  ).rows[0];
  const largest = (
    await client.query(`
      select a.id, a.slug, count(*)::int as figures from revision_value v join filing f on f.counted_revision_id = v.revision_id join agency a on a.id = f.agency_id
       group by a.id order by figures desc, a.slug limit 1`)
  ).rows[0];
  return {
    county: county,
    agencySlug: agency.slug,
    townSlug: town?.slug ?? null,
    searchQuery: String(county.name)
      .replace(/ County$/, '')
      .toLowerCase(),
    largestAgency: largest ?? { id: 0, slug: agency.slug, figures: 0 },
  };
}

interface Target {
  key: string;
  label: string;
  group: TargetResult['group'];
  server: 'portal' | 'bare';
  path: string;
  connections: number[];
}

/* ---------------------------------------------------------------------- */
/* The run                                                                 */
/* ---------------------------------------------------------------------- */

async function main() {
  fs.mkdirSync(tmpDir, { recursive: true });
  fs.rmSync(path.join(tmpDir, 'portal.log'), { force: true });
  log(`scale ${scale}, ${rounds} rounds of ${duration} s per measurement`);

  const db = await ensureBenchDatabase(scale, { log: (message) => log(message), force: process.argv.includes('--regenerate') });
  Object.assign(report.database, { name: db.name, reused: db.reused, generationSeconds: db.seconds, steps: db.steps, chainAfterGeneration: db.chain.output });

  report.build.portal = (await attempt('build the portal', async () => buildPortal())) ?? { ok: false, seconds: 0, note: 'failed' };
  log(`portal build: ${report.build.portal.note}`);
  report.build.bare = (await attempt('build the bare Remix app', async () => buildBare())) ?? { ok: false, seconds: 0, note: 'failed' };

  const portal = await startPortal(db);
  running.add(portal);
  const portalOrigin = `http://127.0.0.1:${portal.port}`;
  const rss = new RssSampler(portal.pid);
  log(`portal pid ${portal.pid} on ${portalOrigin}`);
  const bare = await attempt('start the bare Remix app', startBare);
  if (bare) running.add(bare);
  const bareRss = bare ? new RssSampler(bare.pid) : null;

  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const found = await discover(client);
    const countyPath = placePath({ stateCode: 'NC', slug: found.county.slug });
    const figuresCsv = `/api/v1/agencies/${found.largestAgency.slug}/figures.csv`;
    const targets: Target[] = [
      { key: 'trivial', label: 'Trivial route (/bench/trivial)', group: 'baseline', server: 'portal', path: '/bench/trivial', connections: [1, 10, 50] },
      { key: 'bare', label: 'Bare Remix 2 route (separate app)', group: 'baseline', server: 'bare', path: '/', connections: [1, 10, 50] },
      { key: 'statewide', label: 'Statewide page (/)', group: 'page', server: 'portal', path: '/', connections: [10, 50] },
      {
        key: 'county',
        label: `County page (${found.county.name}, ${found.county.agencies} agencies)`,
        group: 'page',
        server: 'portal',
        path: countyPath,
        connections: [10, 50],
      },
      {
        key: 'agency',
        label: 'Agency page (its largest agency)',
        group: 'page',
        server: 'portal',
        path: agencyPath({ slug: found.agencySlug }),
        connections: [10, 50],
      },
      ...(found.townSlug
        ? [
            {
              key: 'town',
              label: 'Town page',
              group: 'page' as const,
              server: 'portal' as const,
              path: placePath({ stateCode: 'NC', slug: found.townSlug }),
              connections: [10, 50],
            },
          ]
        : []),
      { key: 'compare', label: 'Compare page', group: 'page', server: 'portal', path: comparePath('gross_cost'), connections: [10, 50] },
      { key: 'audit', label: 'Audit page (/audit)', group: 'page', server: 'portal', path: '/audit', connections: [10, 50] },
      {
        key: 'search',
        label: 'Search (/search?q=…)',
        group: 'page',
        server: 'portal',
        path: `/search?q=${encodeURIComponent(found.searchQuery)}`,
        connections: [10, 50],
      },
      { key: 'registryApi', label: 'Registry API (/api/v1/agreements)', group: 'api', server: 'portal', path: '/api/v1/agreements', connections: [10, 50] },
      {
        key: 'figuresCsv',
        label: `Largest agency figures CSV (${found.largestAgency.figures} figures)`,
        group: 'api',
        server: 'portal',
        path: figuresCsv,
        connections: [10, 50],
      },
    ];
    const originOf = (target: Target) => (target.server === 'bare' ? (bare ? `http://127.0.0.1:${bare.port}` : null) : portalOrigin);
    for (const target of targets) report.urls[target.key] = target.path;

    // Warm-up: one request each (the first /audit verifies the chain since its last check).
    rss.enter('warm-up');
    for (const target of targets) {
      const origin = originOf(target);
      if (!origin) continue;
      await attempt(`warm-up ${target.key}`, async () => {
        const started = performance.now();
        const response = await fetch(`${origin}${target.path}`, { signal: AbortSignal.timeout(300_000) });
        await response.arrayBuffer();
        report.cold[target.key] = { status: response.status, ms: Math.round(performance.now() - started) };
        log(`warm-up ${target.key}: ${response.status} in ${report.cold[target.key].ms} ms`);
      });
    }

    rss.enter('sizes');
    const sizePages: [string, string][] = [
      ['statewide (chart page)', '/'],
      ['county (chart page)', countyPath],
      ['agency (chart page)', agencyPath({ slug: found.agencySlug })],
      ['compare (chart page)', comparePath('gross_cost')],
      ...(found.townSlug ? [['town', placePath({ stateCode: 'NC', slug: found.townSlug })] as [string, string]] : []),
      ['search', `/search?q=${encodeURIComponent(found.searchQuery)}`],
      ['audit (text page)', '/audit'],
      ['open data (text page)', '/data'],
      ['trivial route', '/bench/trivial'],
    ];
    for (const [page, pagePath] of sizePages) {
      const size = await attempt(`size of ${page}`, () => pageSize(portalOrigin, page, pagePath));
      if (size) report.sizes.push(size);
      const check = await attempt(`ETag check of ${page}`, () => conditionalCheck(portalOrigin, page, pagePath));
      if (check) report.conditional.push(check);
    }
    if (bare) {
      const size = await attempt('size of the bare route', () => pageSize(`http://127.0.0.1:${bare.port}`, 'bare Remix 2 route', '/'));
      if (size) report.sizes.push(size);
    }
    log(`sizes: ${report.sizes.map((s) => `${s.page} ${s.htmlBytes} B HTML, ${s.jsGzipBytes} B JS gz`).join('; ')}`);

    // CSV exports, each downloaded once and compared with COPY of the same rows.
    rss.enter('csv');
    await csvExports(client, portalOrigin, rss, found);

    // Load: interleaved rounds, each target once per round at each connection count.
    rss.enter('load');
    const results = new Map<string, LoadResult[]>();
    for (let round = 1; round <= rounds; round++) {
      for (const target of targets) {
        const origin = originOf(target);
        if (!origin) continue;
        for (const connections of target.connections) {
          await waitForIdle(portal.pid);
          const result = await attempt(`load ${target.key} c=${connections} round ${round}`, () =>
            measure({ url: `${origin}${target.path}`, connections, duration: durationFor(connections) })
          );
          if (!result) continue;
          const key = `${target.key}|${connections}`;
          results.set(key, [...(results.get(key) ?? []), result]);
          log(
            `round ${round} ${target.key} c=${connections}: ${result.rps.toFixed(1)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms${
              result.non2xx || result.errors ? `, ${result.non2xx} non-2xx, ${result.errors} errors` : ''
            }`
          );
        }
      }
    }
    for (const target of targets) {
      const byConnections: TargetResult['byConnections'] = {};
      for (const connections of target.connections) {
        const list = results.get(`${target.key}|${connections}`) ?? [];
        const trivial = results.get(`trivial|${connections}`) ?? [];
        const rps = median(list.map((r) => r.rps));
        byConnections[String(connections)] = {
          rounds: list,
          rps,
          okRps: median(list.map((r) => r.okRps)),
          p50: median(list.map((r) => r.p50)),
          p99: median(list.map((r) => r.p99)),
          non2xx: list.reduce((sum, r) => sum + r.non2xx, 0),
          errors: list.reduce((sum, r) => sum + r.errors + r.timeouts, 0),
          ratio: trivial.length && rps > 0 ? rps / median(trivial.map((r) => r.rps)) : null,
        };
      }
      report.targets.push({ key: target.key, label: target.label, group: target.group, server: target.server, path: target.path, byConnections });
    }

    // Filing submissions through the API.
    rss.enter('submissions');
    await attempt('filing submissions', () => submissions(db, portalOrigin, portal.pid));
  } finally {
    await client.end();
    rss.stop();
    bareRss?.stop();
    report.rss.portal = { maxBytes: rss.max, endBytes: rss.last, samples: rss.samples, phases: rss.phases };
    if (bareRss) report.rss.bare = { maxBytes: bareRss.max, endBytes: bareRss.last };
    await portal.stop();
    await bare?.stop();
  }

  await attempt('npm start time to first page', () => startTime(db));
  await attempt('database size', () => databaseSize(db));
  await attempt('background jobs', () => backgroundJobs(db));
}

/** The job runs the portal recorded during the bench (the reminder run starts soon after start-up); a failed one is a failure. */
async function backgroundJobs(db: BenchDatabase) {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ job: string; trigger: string; outcome: string; seconds: number | null; detail: unknown; error: string | null }>(
      `select job, trigger, outcome, extract(epoch from finished_at - started_at)::float8 as seconds, detail, error
         from job_run where started_at >= $1 order by id`,
      [new Date(report.startedAt)]
    );
    report.jobs = rows.map((row) => ({ ...row, detail: JSON.stringify(row.detail) }));
    for (const run of report.jobs.filter((job) => job.outcome === 'failed')) report.failures.push({ what: `job ${run.job}`, error: run.error ?? 'failed' });
  } finally {
    await client.end();
  }
}

/**
 * The full export's own statement (the export reads the same periods and demo flag first): the
 * same rows, columns and order written by PostgreSQL alone, so its ×COPY is what streaming the
 * file through the portal (HTTP, CRLF, compression) adds to PostgreSQL's own work.
 */
async function nationalFiguresCopySql(client: pg.Client, origin: string): Promise<string> {
  const { rows: periods } = await client.query<{ start: string; end: string }>(
    'select distinct period_start::text as start, period_end::text as end from filing where counted_revision_id is not null'
  );
  const { rows } = await client.query<{ demo: boolean }>('select exists (select 1 from seed_run where name = any($1::text[])) as demo', [[...DEMO_SEED_STEPS]]);
  return `copy (${inlineSql(nationalFiguresSql({ locale: 'en', origin, demo: rows[0].demo, periods }))}) to stdout with (format csv)`;
}

async function csvExports(client: pg.Client, origin: string, rss: RssSampler, found: Discovered) {
  const agencyId = Number(found.largestAgency.id);
  const countyAgencies = `(select a.id from agency a where a.jurisdiction_id = ${Number(
    found.county.id
  )} or a.jurisdiction_id in (select municipality_id from municipality_county where county_id = ${Number(found.county.id)}))`;
  // The exports' rows: one per period × metric, breakdown cells (keys with a dot) left out; the county's summed over its agencies.
  const figuresSql = (where: string) =>
    `copy (select a.slug, f.period_key, f.period_start, f.period_end, v.metric_key, v.value, r.number, r.certified_at
             from filing f join agency a on a.id = f.agency_id join filing_revision r on r.id = f.counted_revision_id join revision_value v on v.revision_id = r.id
            where ${where} and v.metric_key not like '%.%' order by a.slug, f.period_start, v.metric_key) to stdout with (format csv, header)`;
  const countySql = (where: string) =>
    `copy (select f.period_key, f.period_start, f.period_end, v.metric_key, sum(v.value) as value, count(*) as reports
             from filing f join revision_value v on v.revision_id = f.counted_revision_id
            where ${where} and v.metric_key not like '%.%' group by 1, 2, 3, 4 order by 2, 4) to stdout with (format csv, header)`;
  const exports: { name: string; path: string; copySql: string | null }[] = [
    { name: 'All counted figures CSV (every agency)', path: NATIONAL_FIGURES_PATH, copySql: await nationalFiguresCopySql(client, origin) },
    { name: 'Largest agency figures CSV', path: `/api/v1/agencies/${found.largestAgency.slug}/figures.csv`, copySql: figuresSql(`f.agency_id = ${agencyId}`) },
    {
      name: `County figures CSV (${found.county.name})`,
      path: `/api/v1/places/nc/${found.county.slug}/figures.csv`,
      copySql: countySql(`f.agency_id in ${countyAgencies}`),
    },
    {
      name: 'Registry CSV (all agreements)',
      path: '/api/v1/agreements.csv',
      copySql: `copy (select g.public_id, a.name, a.state_code, a.ice_county_name, g.model, g.status, g.signed_on, g.first_listed_on, g.ended_on, g.moa_url
                        from agreement g join agency a on a.id = g.agency_id order by a.state_code, a.name, g.model) to stdout with (format csv, header)`,
    },
    { name: 'Compare CSV (gross cost)', path: '/api/v1/compare.csv?metric=gross_cost', copySql: null },
    { name: 'Statewide latest filings CSV', path: '/api/v1/places/nc/filings.csv', copySql: null },
  ];
  for (const item of exports) {
    await attempt(`CSV export ${item.name}`, async () => {
      rss.enter(`csv: ${item.name}`);
      const result = await download(`${origin}${item.path}`);
      rss.sample();
      let copy: { seconds: number; bytes: number; rows: number } | null = null;
      if (item.copySql) {
        const started = performance.now();
        let rows = 0;
        const bytes = await copyTo(client, item.copySql, (chunk) => {
          for (const byte of chunk) if (byte === 10) rows++;
        });
        copy = { seconds: (performance.now() - started) / 1000, bytes, rows };
      }
      report.csv.push({
        name: item.name,
        path: item.path,
        status: result.status,
        seconds: result.seconds,
        firstByteSeconds: result.firstByteSeconds,
        bytes: result.bytes,
        lines: result.lines,
        rssMaxBytes: rss.phases[`csv: ${item.name}`] ?? 0,
        copy,
      });
      log(
        `CSV ${item.name}: ${result.status}, ${result.bytes} B, ${result.lines} lines in ${result.seconds.toFixed(2)} s${
          copy ? `; COPY ${copy.rows} lines in ${copy.seconds.toFixed(2)} s` : ''
        }`
      );
    });
  }
  rss.enter('csv');
}

async function submissions(db: BenchDatabase, origin: string, portalPid: number) {
  const started = performance.now();
  // Enough open periods for three rounds at ~250 accepted/s (about 4,500 a round).
  const prepared = await prepareSubmissions(db.url, { runTag, maxAgencies: 500 });
  const setupSeconds = (performance.now() - started) / 1000;
  log(`submissions: ${prepared.jobs.length} open periods prepared for ${prepared.agencies} agencies in ${setupSeconds.toFixed(1)} s`);
  const queue: SubmissionJob[] = prepared.jobs;
  let next = 0;
  let sampleRefusal: string | null = null;
  const levels: NonNullable<Report['submissions']>['levels'] = [];
  const perLevel = new Map<number, LoadResult[]>();
  for (let round = 1; round <= rounds; round++) {
    for (const connections of [1, 10, 50]) {
      await waitForIdle(portalPid);
      const result = await attempt(`submissions c=${connections} round ${round}`, () =>
        measure({
          url: `${origin}/api/v1/filings`,
          connections,
          duration: durationFor(connections),
          requests: [
            {
              method: 'POST',
              path: '/api/v1/filings',
              setupRequest: (request) => {
                const job = queue[next++ % queue.length]; // wraps only if the run outlasts the prepared periods (then 409s show)
                return { ...request, headers: { 'content-type': 'application/json', authorization: `Bearer ${job.token}` }, body: job.body };
              },
            },
          ],
        })
      );
      if (!result) continue;
      perLevel.set(connections, [...(perLevel.get(connections) ?? []), result]);
      log(
        `round ${round} submissions c=${connections}: ${result.okRps.toFixed(1)} accepted/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${
          result.non2xx
        } non-2xx, ${result.errors} errors`
      );
    }
  }
  if (next > queue.length)
    report.failures.push({
      what: 'submissions',
      error: `the run used ${next} requests for ${queue.length} prepared periods: later requests repeated periods (409)`,
    });
  for (const [connections, list] of perLevel) {
    const statusCodes: Record<string, number> = {};
    for (const r of list) for (const [code, count] of Object.entries(r.statusCodes)) statusCodes[code] = (statusCodes[code] ?? 0) + count;
    levels.push({
      connections,
      rounds: list,
      okRps: median(list.map((r) => r.okRps)),
      p50: median(list.map((r) => r.p50)),
      p99: median(list.map((r) => r.p99)),
      non2xx: list.reduce((sum, r) => sum + r.non2xx, 0),
      errors: list.reduce((sum, r) => sum + r.errors + r.timeouts, 0),
      statusCodes,
    });
  }
  // One refused request, if any, to say why in the report.
  if (levels.some((level) => level.non2xx > 0)) {
    const job = queue[0];
    const response = await fetch(`${origin}/api/v1/filings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${job.token}` },
      body: job.body,
    });
    sampleRefusal = `${response.status}: ${(await response.text()).slice(0, 500)}`;
  }
  const verifyStarted = performance.now();
  const chain = verifyChainWithPortalTool(db.url, scale === 'demo');
  const chainAfter = { ...chain, seconds: (performance.now() - verifyStarted) / 1000 };
  log(`audit chain after submissions: ${chain.output}`);
  report.submissions = { agencies: prepared.agencies, periodsPrepared: queue.length, setupSeconds, levels, chainAfter, sampleRefusal };
}

/** `npm start` twice with the build up to date: time from spawn to the first 200 of GET /. */
async function startTime(db: BenchDatabase) {
  const runs: NonNullable<Report['startTime']>['runs'] = [];
  for (let i = 0; i < 2; i++) {
    const port = await freePort();
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const started = performance.now();
    const server = startProcess(npm, ['start'], { cwd: projectDir, env: serverEnv(db, port), port });
    try {
      await waitForHttp(`http://127.0.0.1:${port}/`, { timeoutMs: 300_000, intervalMs: 50, alive: () => server.child.exitCode === null });
      const ms = Math.round(performance.now() - started);
      runs.push({ ms, rebuilt: !/up to date/.test(server.output()), error: null });
      log(`npm start #${i + 1}: first page after ${ms} ms`);
    } catch (error) {
      runs.push({ ms: null, rebuilt: false, error: `${(error as Error).message}: ${server.output().slice(-500)}` });
    } finally {
      await server.stop();
    }
  }
  report.startTime = { runs, warmMs: runs[1]?.ms ?? null };
}

async function databaseSize(db: BenchDatabase) {
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    report.database.sizeBytes = Number((await client.query('select pg_database_size(current_database()) as size')).rows[0].size);
    for (const table of [
      'agency',
      'agreement',
      'jurisdiction',
      'app_user',
      'policy',
      'requirement',
      'filing',
      'filing_revision',
      'revision_value',
      'filing_review',
      'audit_entry',
      'api_token',
    ]) {
      report.database.rows[table] = Number((await client.query(`select count(*) as n from "${table}"`)).rows[0].n);
    }
  } finally {
    await client.end();
  }
}

try {
  await main();
} catch (error) {
  report.failures.push({ what: 'run', error: error instanceof Error ? `${error.message}` : String(error) });
  console.error(error);
}
report.finishedAt = new Date().toISOString();
report.wallSeconds = (performance.now() - t0) / 1000;
report.machine.loadAverageEnd = os.loadavg();
const written = writeReport(report, benchDir, scale);
log(`wrote ${written.join(' and ')} (${report.failures.length} failures) in ${report.wallSeconds.toFixed(0)} s`);
process.exit(0);
