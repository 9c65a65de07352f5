/**
 * GET /api/v1/figures.csv: every counted figure of every agency, one row per agency × period ×
 * metric, with the columns and meaning of an agency's figures.csv (agency-downloads.ts) plus the
 * agency's name and state, so each row stands alone. Only figures a counted report gave are
 * listed (status is always `reported`): a period without one, or a metric a report left out, has
 * no row here (each agency's own file lists them as `not_reported`). Breakdown cells are not in
 * it, as in the agency files: they are published summed and suppressed (breakdowns.csv).
 *
 * Hundreds of megabytes nationally, so PostgreSQL writes the CSV (COPY … TO STDOUT WITH CSV, over
 * the one SQL definition of a counted figure, counted-figures.server.ts) and the file streams to
 * the client as it comes, with back-pressure: the portal holds a few chunks, whatever the size
 * of the file or the speed of the reader. It is served by Express (server/index.ts) rather than
 * a Remix route because Remix's Express adapter writes a streamed body without waiting for a
 * slow client, which would gather the whole file in memory.
 */
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { SERIES_METRIC_KEYS } from '~/dashboards/agency-dashboard.server';
import { countedFigures, countedFilings } from '~/dashboards/counted-figures.server';
import { hasDemoData } from '~/dashboards/demo-data.server';
import { prisma } from '~/db/prisma.server';
import { Prisma } from '~/generated/prisma/client';
import { translator, type Locale, type MessageKey } from '~/i18n/i18n';
import { csvLanguage } from '~/registry/agreements-export';
import { metricByKey } from '~/reporting/metrics';
import { periodLabel } from '~/reporting/period-label';
import { FIGURE_COLUMNS } from './agency-downloads';
import { CORS } from './http.server';
import { csvFile, FORMULA_START_SQL, neutraliseFormula, PLAIN_NUMBER_SQL } from '~/utils/csv-file';
import { CrlfRecords } from './streamed-csv';

export const NATIONAL_FIGURES_PATH = '/api/v1/figures.csv';

/** An agency's figures.csv columns, with its name and state after its slug. */
export const NATIONAL_FIGURE_COLUMNS = ['agency', 'agency_name', 'state', ...FIGURE_COLUMNS.slice(1)] as const;

/** The name PostgreSQL shows for the export's connections (pg_stat_activity.application_name). */
export const EXPORT_APPLICATION_NAME = 'oversight-portal figures export';

/**
 * Each export keeps a connection and PostgreSQL's sort of every counted figure busy for as long
 * as it runs; more at once only slow each other down. Later requests wait for a turn, up to a
 * minute, then are told to come back.
 */
const EXPORTS_AT_ONCE = 2;
const WAIT_FOR_TURN_MS = 60_000;

interface Period {
  start: string;
  end: string;
}

interface ExportOptions {
  locale: Locale;
  /** The portal's origin, for report_url (as the agency files: the request's own). */
  origin: string;
  /** Label every row as demonstration data (download.server.ts does the same). */
  demo: boolean;
  /** Every period a counted report covers, to name them in the file's language. */
  periods: Period[];
}

/**
 * `text` as SQL, with a leading apostrophe where a spreadsheet would run it: csvFile's rule
 * (utils/csv-file.ts), which COPY's rows cannot go through.
 */
function spreadsheetSafe(text: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`case when ${text} ~ ${FORMULA_START_SQL} and ${text} !~ ${PLAIN_NUMBER_SQL} then '''' || ${text} else ${text} end`;
}

/**
 * The rows of the file, in the columns of NATIONAL_FIGURE_COLUMNS (after demonstration_data when
 * labelled), grouped by agency (by id), then by period and metric key: the order in which the
 * counted figures and counted reports come out of their own sorts, so they are merged as they
 * come and no sort of the whole file follows (by name, it would take as long again). What is
 * the same for every figure of a report (agency, period label, revision, address) is worked out
 * once per report, on the small side of the merge. Of the text, only the agency's name comes from
 * outside (ICE's lists, operators) and is made spreadsheet-safe in SQL; the labels are made so
 * here; the rest are codes, dates, decimal numbers and the portal's own addresses.
 */
export function nationalFiguresSql({ locale, origin, demo, periods }: ExportOptions): Prisma.Sql {
  const t = translator(locale);
  const keys = [...SERIES_METRIC_KEYS];
  const metricLabels = keys.map((key) => neutraliseFormula(t(`metric.${key}.label` as MessageKey)));
  const units = keys.map((key) => metricByKey(key)!.unit);
  const periodIds = periods.map((period) => `${period.start}/${period.end}`);
  const periodLabels = periods.map((period) => neutraliseFormula(periodLabel(period.start, period.end, locale)));
  const everyAgency = Prisma.sql`true`;
  // A figure's value as the agency files write it (normaliseSum): two decimals for dollars,
  // other units without trailing zeros.
  return Prisma.sql`
    select ${demo ? Prisma.sql`'yes',` : Prisma.empty}
      r.slug, r.name, r.state_code, c.period_key, c.period_start, c.period_end, r.period_label,
      c.metric_key, (${metricLabels}::text[])[m.i], (${units}::text[])[m.i],
      case when (${units}::text[])[m.i] = 'USD' then c.value::text else trim_scale(c.value)::text end,
      'reported', r.number, r.amended, r.report_url
    from ${countedFigures(everyAgency, keys)} c
    join (
      select r.agency_id, r.period_start, r.period_end, a.slug, ${spreadsheetSafe(Prisma.sql`a.name`)} as name, a.state_code,
        (${periodLabels}::text[])[array_position(${periodIds}::text[], r.period_start || '/' || r.period_end)] as period_label,
        r.number, case when r.number > 1 then 'yes' else 'no' end as amended,
        ${`${origin}/agencies/`} || a.slug || '/reports/' || r.filing_id as report_url
      from ${countedFilings(everyAgency)} r
      join agency a on a.id = r.agency_id
      order by r.agency_id, r.period_start, r.period_end
      offset 0 -- planned on its own: these columns are worked out once per report, not once per figure
    ) r on r.agency_id = c.agency_id and r.period_start = c.period_start and r.period_end = c.period_end
    cross join lateral (select array_position(${keys}::text[], c.metric_key) as i) m
    order by c.agency_id, c.period_start, c.period_end, c.metric_key`;
}

function literal(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return pg.escapeLiteral(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return `array[${value.map(literal).join(', ')}]`;
  throw new Error(`No SQL literal for ${typeof value} ${String(value)}`);
}

/** The statement with its values written in as literals: COPY takes no parameters. */
export function inlineSql(sql: Prisma.Sql): string {
  return sql.strings.reduce((text, part, i) => `${text}${literal(sql.values[i - 1])}${part}`);
}

/** The export's own small pool, apart from Prisma's, so downloads never hold up the pages. */
const shared = globalThis as typeof globalThis & { __portalExportPool?: pg.Pool };

function exportPool(): pg.Pool {
  shared.__portalExportPool ??= new pg.Pool({
    connectionString: process.env.DATABASE_URL,
    max: EXPORTS_AT_ONCE,
    connectionTimeoutMillis: WAIT_FOR_TURN_MS,
    idleTimeoutMillis: 10_000,
    allowExitOnIdle: true,
    application_name: EXPORT_APPLICATION_NAME,
  });
  return shared.__portalExportPool;
}

/** Closes the export's pool (tests, before their database is dropped); the next export opens another. */
export async function closeExportPool(): Promise<void> {
  const pool = shared.__portalExportPool;
  shared.__portalExportPool = undefined;
  await pool?.end();
}

function sendError(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...CORS, ...headers });
  res.end(JSON.stringify({ error: { status, message } }));
}

function fileName(locale: Locale, demo: boolean): string {
  const name = `${translator(locale)('download.figures.fileName')}${demo ? '-demonstration' : ''}.csv`;
  return name.replace(/[^\w.-]/g, '_');
}

/** The header row as the other downloads write it (csvFile): a BOM so Excel reads accents, CRLF. */
function headerRow(locale: Locale, demo: boolean): string {
  const t = translator(locale);
  const header = NATIONAL_FIGURE_COLUMNS.map((column) => t(`agencyDownloads.column.${column}` as MessageKey));
  return csvFile([demo ? ['demonstration_data', ...header] : header]);
}

/** Whether the reader went away before the end (not a fault: nothing to report). */
const readerLeft = (error: Error) => ['ERR_STREAM_PREMATURE_CLOSE', 'ECONNRESET', 'EPIPE'].includes((error as NodeJS.ErrnoException).code ?? '');

/** Streams the file to `res`; `url` is the request's as Remix would see it (it gives the origin and ?lang). */
export async function sendNationalFigures(url: URL, method: string, res: ServerResponse): Promise<void> {
  const language = csvLanguage(url.searchParams);
  if (!language.ok) return sendError(res, 400, language.message);
  const { locale } = language;
  let demo: boolean;
  try {
    demo = await hasDemoData(prisma());
  } catch (error) {
    console.error('figures.csv: the database does not answer:', error instanceof Error ? error.message : error);
    return sendError(res, 503, 'The database does not answer: try again in a minute.', { 'Retry-After': '60' });
  }
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${fileName(locale, demo)}"`);
  res.setHeader('Cache-Control', 'public, no-cache');
  res.setHeader('Vary', 'Accept-Language, Cookie');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  for (const [name, value] of Object.entries(CORS)) res.setHeader(name, value);
  if (method === 'HEAD') return void res.writeHead(200).end();

  let client: pg.PoolClient;
  try {
    client = await exportPool().connect();
  } catch (error) {
    console.error('figures.csv: no database connection:', error instanceof Error ? error.message : error);
    return sendError(res, 503, 'The file of every figure is being made for other readers, or the database does not answer: try again in a minute.', { 'Retry-After': '60' });
  }
  let failure: Error | undefined;
  try {
    // One snapshot for the periods' names and the rows.
    await client.query('begin isolation level repeatable read read only');
    await client.query(`set local datestyle = 'ISO, YMD'`);
    // A reader who leaves during the long sort is noticed within a second, not at the first row.
    await client.query(`set local client_connection_check_interval = 1000`);
    const { rows: periods } = await client.query<Period>(
      'select distinct period_start::text as start, period_end::text as end from filing where counted_revision_id is not null',
    );
    const sql = inlineSql(nationalFiguresSql({ locale, origin: url.origin, demo, periods }));
    const rows = client.query(copyTo(`copy (${sql}) to stdout with (format csv)`));
    res.writeHead(200);
    res.write(headerRow(locale, demo));
    await pipeline(rows, new CrlfRecords(), res);
    await client.query('commit');
  } catch (error) {
    failure = error instanceof Error ? error : new Error(String(error));
  } finally {
    // After a failure the connection may be in the middle of the COPY: closed, not reused.
    client.release(failure);
  }
  if (!failure || readerLeft(failure)) return;
  console.error('figures.csv failed:', failure);
  if (!res.headersSent) sendError(res, 503, 'The file of every figure could not be made: try again in a minute.', { 'Retry-After': '60' });
  else res.destroy(); // a cut-off file must not look complete
}

/**
 * The request's URL as @remix-run/express builds it for loaders (createRemixRequest, which it
 * does not export): protocol and host as Express reads them (TRUST_PROXY), the port from
 * X-Forwarded-Host or Host. So report_url is what the agency files give for the same request.
 */
function remixUrl(req: ExpressRequest): URL {
  const portOf = (header: string | undefined) => Number.parseInt(header?.split(':')[1] ?? '', 10);
  const port = [portOf(req.get('X-Forwarded-Host')), portOf(req.get('host'))].find((value) => Number.isSafeInteger(value));
  return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ''}${req.originalUrl}`);
}

/** The Express handler (server/index.ts), after the public-page caching that answers 304s. */
export function nationalFiguresHandler() {
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      await sendNationalFigures(remixUrl(req), req.method, res);
    } catch (error) {
      next(error);
    }
  };
}
