/**
 * The job that fetches ICE's two published 287(g) lists and imports them: once a day from the
 * schedule (server/index.ts), or when someone asks (the operator page, `npm run fetch:ice`).
 *
 * - One run at a time across every portal instance: a PostgreSQL advisory try-lock held by a
 *   transaction for the run's duration, so a crashed instance's lock goes with its connection.
 *   The schedule also skips when any instance started a run in the last 24 hours.
 * - Every file received is archived (ice_list_file: bytes, SHA-256, size, time, HTTP headers)
 *   before anything is decided about it, so the public archive shows exactly what was served,
 *   refused files included.
 * - Never half-imports: both lists are fetched, read, and dry-run through the importer before
 *   either is imported; each import is then importIceList's own transaction, with its rules
 *   (older lists and mass ends refused; see step 3 for the one rule that can only be checked
 *   in turn). Bytes already imported (same SHA-256) are not imported again.
 * - Downloads are retried with back-off on 5xx answers, timeouts and broken connections. A
 *   machine without network (no DNS, no route) is told apart: the run is OFFLINE, and says that
 *   the manual import still works.
 * - What happened is a list of message codes (ice-fetch-messages.ts), rendered in plain words
 *   in the reader's language.
 */
import { dateOnly, newYorkDate } from '~/reporting/calendar';
import crypto from 'node:crypto';
import type { PrismaClient } from '~/db/prisma.server';
import type { IceFetchOutcome } from '~/generated/prisma/enums';
import { translator } from '~/i18n/i18n';
import { fetchMessageText, readFetchMessages, type FetchListKind, type FetchMessage } from './ice-fetch-messages';
import { ImportRefusedError, importIceList } from './ice-import.server';
import { IceListError, type ParsedIceList } from './ice-list';
import { readIceList } from './ice-list-reader.server';

/**
 * Where ICE publishes the lists. ICE gives the spreadsheets a new name at every update
 * (participatingAgencies09082026.xlsx, 287gParticipatingAgencies091526pm.xlsx,
 * ParticipatingAgency091826am.xlsx, … under https://www.ice.gov/doclib/about/offices/ero/287g/),
 * so no spreadsheet address stays valid for long. The stable address is ICE's 287(g) page, which
 * links both lists; given a web page, the job follows its link to the list (see findListLink).
 * Source: the scraper of github.com/appelson/Tracking_287g (script.py) reads this page and keeps
 * the links under https://www.ice.gov/doclib/about/offices/ero/287g/participating… and …/pending…;
 * its sheets/ folder keeps ICE's files under their changing names.
 * ICE_PARTICIPATING_URL / ICE_PENDING_URL override them (a page or the spreadsheet itself).
 */
export const ICE_287G_PAGE = 'https://www.ice.gov/identify-and-arrest/287g';
export const DEFAULT_ICE_LIST_URLS: Record<FetchListKind, string> = { PARTICIPATING: ICE_287G_PAGE, PENDING: ICE_287G_PAGE };

const URL_SETTINGS: Record<FetchListKind, string> = { PARTICIPATING: 'ICE_PARTICIPATING_URL', PENDING: 'ICE_PENDING_URL' };
/** Participating first, as the seeds do: an application granted that day is already active when the pending list drops it. */
const KINDS: FetchListKind[] = ['PARTICIPATING', 'PENDING'];

/** pg advisory lock id: one fetch run at a time (the importer's is 287_001). */
export const ICE_FETCH_LOCK = 287_010;
const DAY_MS = 24 * 60 * 60 * 1000;
const USER_AGENT = 'OversightPortal/0.1 (fetches the ICE 287(g) lists once a day)';

export function iceListUrls(env: Record<string, string | undefined> = process.env): Record<FetchListKind, string> {
  return {
    PARTICIPATING: env.ICE_PARTICIPATING_URL?.trim() || DEFAULT_ICE_LIST_URLS.PARTICIPATING,
    PENDING: env.ICE_PENDING_URL?.trim() || DEFAULT_ICE_LIST_URLS.PENDING,
  };
}

export interface FetchSettings {
  /** Tries per download, the first included (ICE_FETCH_RETRIES is the number of tries after the first). */
  attempts: number;
  /** For one try, from the request to the last byte. */
  timeoutMs: number;
  /** Wait before the first retry; doubled before each next one. */
  backoffMs: number;
  /** ICE's lists are about 100 KB; anything this large is not one. */
  maxBytes: number;
}

export function fetchSettings(env: Record<string, string | undefined> = process.env): FetchSettings {
  const int = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return env[name]?.trim() && Number.isInteger(value) && value >= 0 ? value : fallback;
  };
  return {
    attempts: int('ICE_FETCH_RETRIES', 2) + 1,
    timeoutMs: Math.max(1, int('ICE_FETCH_TIMEOUT_MS', 30_000)),
    backoffMs: int('ICE_FETCH_BACKOFF_MS', 2_000),
    maxBytes: 20_000_000,
  };
}

export function iceFetchScheduled(env: Record<string, string | undefined> = process.env): boolean {
  return !/^(off|0|false|no)$/i.test(env.ICE_FETCH_SCHEDULE?.trim() ?? '');
}

export interface IceFetchOptions {
  /** "schedule" (runs only if no run started in the last 24 hours), "user:12", "cli:ann". */
  trigger: string;
  urls?: Partial<Record<FetchListKind, string>>;
  fetchImpl?: typeof fetch;
  now?: () => Date;
  settings?: Partial<FetchSettings>;
  sleep?: (ms: number) => Promise<void>;
}

export interface IceFetchResult {
  /** Null when the run did not start (another is running, or the schedule's run is not due). */
  runId: number | null;
  outcome: IceFetchOutcome | 'SKIPPED';
  messages: FetchMessage[];
}

/** Fetches both lists now and imports them if they are new; see the top of this file. */
export async function runIceFetch(prisma: PrismaClient, options: IceFetchOptions): Promise<IceFetchResult> {
  const now = options.now ?? (() => new Date());
  const settings = { ...fetchSettings(), ...options.settings };
  const context: Context = {
    prisma,
    settings,
    now,
    fetchImpl: options.fetchImpl ?? fetch,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    messages: [],
  };
  const urls = { ...iceListUrls(), ...options.urls };
  // The lock lives as long as this transaction, which must outlast the slowest possible run:
  // per list a page and a spreadsheet, each with every try timing out, plus the imports.
  const backoffs = settings.backoffMs * (2 ** Math.max(0, settings.attempts - 1) - 1);
  const longest = KINDS.length * 2 * (settings.attempts * settings.timeoutMs + backoffs) + 10 * 60_000;
  return prisma.$transaction(
    async (tx): Promise<IceFetchResult> => {
      const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`select pg_try_advisory_xact_lock(${ICE_FETCH_LOCK}) as locked`;
      if (!locked) return { runId: null, outcome: 'SKIPPED', messages: [{ key: 'iceFetch.msg.busy' }] };
      if (options.trigger === 'schedule') {
        const recent = await prisma.iceFetchRun.findFirst({ where: { startedAt: { gt: new Date(now().getTime() - DAY_MS) } } });
        if (recent) return { runId: null, outcome: 'SKIPPED', messages: [{ key: 'iceFetch.msg.notDue' }] };
      }
      await closeInterruptedRuns(prisma, now());
      const run = await prisma.iceFetchRun.create({ data: { trigger: options.trigger, startedAt: now() }, select: { id: true } });
      let outcome: IceFetchOutcome;
      try {
        outcome = await fetchAndImport(context, run.id, urls);
      } catch (error) {
        // A fault (the database, a bug), not a refusal: recorded for the operator, then logged.
        console.error('ICE list fetch:', error);
        context.messages.push({ key: 'iceFetch.msg.unexpected', params: { detail: error instanceof Error ? error.message : String(error) } });
        outcome = 'FAILED';
      }
      await prisma.iceFetchRun.update({
        where: { id: run.id },
        data: { outcome, finishedAt: now(), messages: context.messages as unknown as object[] },
      });
      return { runId: run.id, outcome, messages: context.messages };
    },
    { timeout: longest, maxWait: 30_000 },
  );
}

/** Runs left RUNNING by a portal that stopped mid-run; only called while holding the lock, so none is really running. */
async function closeInterruptedRuns(prisma: PrismaClient, at: Date) {
  const stale = await prisma.iceFetchRun.findMany({ where: { outcome: 'RUNNING' }, select: { id: true, messages: true } });
  for (const run of stale) {
    const messages = [...readFetchMessages(run.messages), { key: 'iceFetch.msg.interrupted' }];
    await prisma.iceFetchRun.update({ where: { id: run.id }, data: { outcome: 'FAILED', finishedAt: at, messages: messages as unknown as object[] } });
  }
}

interface Context {
  prisma: PrismaClient;
  settings: FetchSettings;
  now: () => Date;
  fetchImpl: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  messages: FetchMessage[];
}

interface Received {
  /** The address the bytes came from (after redirects and a followed link). */
  url: string;
  status: number;
  headers: Record<string, string>;
  bytes: Uint8Array<ArrayBuffer>;
  fetchedAt: Date;
}

interface Candidate {
  kind: FetchListKind;
  fileId: number;
  sha256: string;
  received: Received;
  list?: ParsedIceList;
  /** YYYY-MM-DD: the list's date, and where it came from. */
  date?: string;
  /** Set when these very bytes were imported before. */
  alreadyImported?: boolean;
  refused?: boolean;
}

/**
 * A run's first step: fetch both lists, archiving every file received. Without network, stop at
 * the first list. `failed`: a list could not be fetched (then nothing is imported).
 */
async function fetchAndArchive(context: Context, runId: number, urls: Record<FetchListKind, string>) {
  const candidates: Candidate[] = [];
  let offline = false;
  let failed = false;
  for (const kind of KINDS) {
    if (offline) break;
    const fetched = await fetchList(context, kind, urls[kind]);
    if (!fetched.ok) {
      context.messages.push(fetched.message);
      offline ||= fetched.offline;
      failed = true;
      continue;
    }
    const { received } = fetched;
    const sha256 = crypto.createHash('sha256').update(received.bytes).digest('hex');
    const file = await context.prisma.iceListFile.create({
      data: {
        runId,
        listKind: kind,
        url: received.url,
        fetchedAt: received.fetchedAt,
        httpStatus: received.status,
        headers: received.headers,
        sha256,
        size: received.bytes.length,
        bytes: received.bytes,
      },
      select: { id: true },
    });
    context.messages.push({ key: 'iceFetch.msg.fetched', list: kind, params: { url: received.url, size: received.bytes.length, sha256 } });
    candidates.push({ kind, fileId: file.id, sha256, received });
  }
  return { candidates, offline, failed };
}

/**
 * One run's steps in order, under the run's lock: fetch both lists, archive each file, read and
 * dry-run both, then import them. Each step's outcome (refused, already imported, offline)
 * decides the next and goes into the same run record.
 */
async function fetchAndImport(context: Context, runId: number, urls: Record<FetchListKind, string>): Promise<IceFetchOutcome> {
  const { prisma } = context;
  const say = (message: FetchMessage) => context.messages.push(message);
  const english = translator('en');

  const refuse = async (candidate: Candidate, message: FetchMessage) => {
    const refusal: FetchMessage = { ...message, list: candidate.kind, refusal: true };
    candidate.refused = true;
    say(refusal);
    await prisma.iceListFile.update({ where: { id: candidate.fileId }, data: { refusal: fetchMessageText(english, refusal) } });
  };

  // 1. Fetch and archive both lists.
  const fetched = await fetchAndArchive(context, runId, urls);
  const { candidates, offline } = fetched;
  let failed = fetched.failed;

  // 2. Check each file: a readable list of the expected kind, with a date; and whether it is new.
  for (const candidate of candidates) {
    const problem = await readCandidate(candidate);
    if (problem) {
      await refuse(candidate, problem);
      failed = true;
      continue;
    }
    const previous = await prisma.iceImport.findFirst({
      where: { listKind: candidate.kind, fileSha256: candidate.sha256 },
      orderBy: { importedAt: 'desc' },
      select: { asOf: true },
    });
    if (previous) {
      candidate.alreadyImported = true;
      say({ key: 'iceFetch.msg.alreadyImported', list: candidate.kind, params: { date: dateOnly(previous.asOf) } });
    } else {
      say(datedMessage(candidate));
    }
  }

  const holdBack = async () => {
    for (const candidate of candidates) {
      if (!candidate.refused && !candidate.alreadyImported) await refuse(candidate, { key: 'iceFetch.msg.otherListFailed' });
    }
    say({ key: 'iceFetch.msg.nothingImported' });
  };
  if (failed) {
    await holdBack();
    return offline ? 'OFFLINE' : 'FAILED';
  }

  // 3. The importer's own refusals, by dry runs of both before either is imported: an older
  //    list, and one that would end most agreements. That last rule is checked for the second
  //    list only when its import comes, after the first: the participating list turns granted
  //    applications active, which the pending list then no longer shows (ICE's July 2025 pending
  //    list drops 88 of May's 91 applications, most of them granted).
  const toImport = candidates.filter((candidate) => !candidate.alreadyImported);
  const request = (candidate: Candidate) => ({
    bytes: candidate.received.bytes,
    fileName: archiveFileName(candidate.kind, candidate.date!, candidate.received.bytes, candidate.received.headers['content-type'] ?? null),
    asOf: candidate.date,
    importedBy: 'fetch',
  });
  for (const [index, candidate] of toImport.entries()) {
    try {
      await importIceList(prisma, { ...request(candidate), dryRun: true, allowMassEnd: index > 0 });
    } catch (error) {
      if (!(error instanceof ImportRefusedError || error instanceof IceListError)) throw error;
      await refuse(candidate, { key: 'iceFetch.msg.refused', params: { reason: error.message }, reason: error.messages });
      failed = true;
    }
  }
  if (failed) {
    await holdBack();
    return 'FAILED';
  }

  // 4. Import, participating first; each import is one transaction.
  for (const candidate of toImport) {
    if (failed) {
      await refuse(candidate, { key: 'iceFetch.msg.otherListFailed' });
      continue;
    }
    try {
      const result = await importIceList(prisma, request(candidate));
      await prisma.iceListFile.update({ where: { id: candidate.fileId }, data: { importId: result.importId } });
      say({ key: 'iceFetch.msg.imported', list: candidate.kind, params: { date: result.asOf, ...result.counts } });
    } catch (error) {
      // Refused though its dry run passed: the second list's mass-end rule (see above), or the
      // registry changed meanwhile (a manual import). The first list stays imported, whole.
      if (!(error instanceof ImportRefusedError || error instanceof IceListError)) throw error;
      await refuse(candidate, { key: 'iceFetch.msg.refused', params: { reason: error.message }, reason: error.messages });
      failed = true;
    }
  }
  return failed ? 'FAILED' : 'OK';
}

/** Reads the file as the list of its kind and dates it; or says why it cannot be imported. */
async function readCandidate(candidate: Candidate): Promise<FetchMessage | null> {
  const { bytes, url, headers } = candidate.received;
  if (fileType(bytes, headers['content-type'] ?? null) === 'html') return { key: 'iceFetch.msg.webPage', params: { url } };
  let list: ParsedIceList;
  try {
    list = await readIceList(bytes);
  } catch (error) {
    if (!(error instanceof IceListError)) throw error;
    // A zip that does not open is a spreadsheet cut off on the way (or damaged); one refused by
    // the reader's limits (too large, too many rows, too slow) says so.
    if (isZip(bytes) && error.key === 'iceList.notReadable') return { key: 'iceFetch.msg.damaged', params: { url } };
    return { key: 'iceFetch.msg.unreadable', params: { url, reason: error.message }, reason: error.messages };
  }
  const found: FetchListKind = list.kind === 'participating' ? 'PARTICIPATING' : 'PENDING';
  if (found !== candidate.kind) return { key: 'iceFetch.msg.wrongKind', params: { url, found } };
  candidate.list = list;
  candidate.date = listDate(candidate).date;
  return null;
}

/**
 * The list's date: the one saved in the workbook, as the importer takes it from a file without a
 * date in its name; else when ICE's server says the file last changed; else the day it was fetched.
 */
function listDate(candidate: Candidate): { date: string; source: 'workbook' | 'lastModified' | 'fetched' } {
  if (candidate.list?.documentDate) return { date: candidate.list.documentDate, source: 'workbook' };
  const lastModified = new Date(candidate.received.headers['last-modified'] ?? '');
  if (!Number.isNaN(lastModified.getTime())) return { date: newYorkDate(lastModified), source: 'lastModified' };
  return { date: newYorkDate(candidate.received.fetchedAt), source: 'fetched' };
}

function datedMessage(candidate: Candidate): FetchMessage {
  const { date, source } = listDate(candidate);
  const key = ({ workbook: 'iceFetch.msg.datedWorkbook', lastModified: 'iceFetch.msg.datedLastModified', fetched: 'iceFetch.msg.datedFetch' } as const)[source];
  return { key, list: candidate.kind, params: { date } };
}

/* ------------------------------------------------------------------------ */
/* What a file is                                                            */
/* ------------------------------------------------------------------------ */

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** Told by the bytes first: a server may label a spreadsheet text/html, or an error page anything. */
export function fileType(bytes: Uint8Array, contentType: string | null): 'xlsx' | 'html' | 'csv' | 'other' {
  if (isZip(bytes)) return 'xlsx';
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 1024))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (/^<(!doctype html|html|head|body|\?xml[\s\S]*<html)/.test(head) || (head.startsWith('<') && /html/i.test(contentType ?? ''))) return 'html';
  if (/csv|text\/plain/i.test(contentType ?? '')) return 'csv';
  return 'other';
}

/** participating-2025-07-18.xlsx: the name the importer records and the archive offers. */
export function archiveFileName(kind: FetchListKind, date: string, bytes: Uint8Array, contentType: string | null): string {
  const extension = { xlsx: 'xlsx', csv: 'csv', html: 'html', other: 'bin' }[fileType(bytes, contentType)];
  return `${kind.toLowerCase()}-${date}.${extension}`;
}

/* ------------------------------------------------------------------------ */
/* Downloading                                                               */
/* ------------------------------------------------------------------------ */

type Fetched = { ok: true; received: Received } | { ok: false; offline: boolean; message: FetchMessage };

/** The list at this address; when the address is a web page (ICE's 287(g) page), the list it links. */
async function fetchList(context: Context, kind: FetchListKind, url: string): Promise<Fetched> {
  const page = await fetchWithRetries(context, kind, url);
  if (!page.ok || fileType(page.received.bytes, page.received.headers['content-type'] ?? null) !== 'html') return page;
  const link = findListLink(new TextDecoder().decode(page.received.bytes), page.received.url, kind);
  // A page that links no list is kept as what was served; checking it refuses it in words.
  if (!link) return page;
  context.messages.push({ key: 'iceFetch.msg.followedLink', list: kind, params: { page: page.received.url, url: link } });
  return fetchWithRetries(context, kind, link);
}

/**
 * The first link on the page to a spreadsheet (XLSX or CSV) of this kind of list, on the page's
 * own site: ICE's links read …/ero/287g/participatingAgencies….xlsx and …/287g/pending….xlsx.
 */
export function findListLink(html: string, pageUrl: string, kind: FetchListKind): string | null {
  const page = new URL(pageUrl);
  const word = kind === 'PARTICIPATING' ? 'participating' : 'pending';
  for (const match of html.matchAll(/href\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    let target: URL;
    try {
      target = new URL((match[1] ?? match[2]).replaceAll('&amp;', '&'), page);
    } catch {
      continue;
    }
    const file = decodeURIComponent(target.pathname.split('/').pop() ?? '').toLowerCase();
    if (target.hostname === page.hostname && /^https?:$/.test(target.protocol) && file.includes(word) && /\.(xlsx|csv)$/.test(file)) {
      return target.toString();
    }
  }
  return null;
}

type Attempt = { ok: true; received: Received } | { ok: false; retry: boolean; offline?: boolean; message: (attempts: number) => FetchMessage };

async function fetchWithRetries(context: Context, kind: FetchListKind, url: string): Promise<Fetched> {
  const { attempts, backoffMs } = context.settings;
  for (let attempt = 1; ; attempt++) {
    const result = await fetchOnce(context, kind, url);
    if (result.ok) return result;
    if (!result.retry || attempt >= attempts) {
      return { ok: false, offline: Boolean(result.offline), message: { ...result.message(attempt), list: kind } };
    }
    await context.sleep(backoffMs * 2 ** (attempt - 1));
  }
}

class TooLarge extends Error {}
class CutOff extends Error {}

async function fetchOnce(context: Context, kind: FetchListKind, url: string): Promise<Attempt> {
  const { timeoutMs, maxBytes } = context.settings;
  const signal = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await context.fetchImpl(url, {
      signal,
      redirect: 'follow',
      headers: { 'User-Agent': USER_AGENT, Accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, text/csv, text/html;q=0.5, */*;q=0.1' },
    });
  } catch (error) {
    return failedAttempt(error, url, timeoutMs);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    const params = { url, status: response.status, statusText: response.statusText };
    // Worth trying again: the server's faults, and its asking us to slow down.
    if (response.status >= 500 || response.status === 408 || response.status === 429) {
      return { ok: false, retry: true, message: (attempts) => ({ key: 'iceFetch.msg.serverError', params: { ...params, count: attempts } }) };
    }
    return { ok: false, retry: false, message: () => ({ key: 'iceFetch.msg.httpError', params: { ...params, setting: URL_SETTINGS[kind] } }) };
  }
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = await readBody(response, maxBytes);
  } catch (error) {
    if (error instanceof TooLarge) {
      return { ok: false, retry: false, message: () => ({ key: 'iceFetch.msg.tooLarge', params: { url, max: maxBytes / 1_000_000 } }) };
    }
    if (isTimeout(error)) return failedAttempt(error, url, timeoutMs);
    // The answer had begun: whatever the socket says, the file was cut off on the way.
    return { ok: false, retry: true, message: (attempts) => ({ key: 'iceFetch.msg.cutOff', params: { url, count: attempts } }) };
  }
  return {
    ok: true,
    received: { url: response.url || url, status: response.status, headers: headerRecord(response.headers), bytes, fetchedAt: context.now() },
  };
}

const isTimeout = (error: unknown) => errorNames(error).some((name) => name === 'TimeoutError' || name === 'AbortError');

/** Why a request got no answer: too slow, no network at all, or a connection that failed. */
function failedAttempt(error: unknown, url: string, timeoutMs: number): Attempt {
  if (isTimeout(error)) {
    return { ok: false, retry: true, message: (attempts) => ({ key: 'iceFetch.msg.timeout', params: { url, seconds: timeoutMs / 1000, count: attempts } }) };
  }
  const host = hostOf(url);
  const codes = errorCodes(error);
  const offline = codes.find((code) => OFFLINE_CODES.has(code));
  if (offline) return { ok: false, retry: false, offline: true, message: () => ({ key: 'iceFetch.msg.offline', params: { host, detail: offline } }) };
  const detail = codes[0] ?? deepestMessage(error);
  return { ok: false, retry: true, message: (attempts) => ({ key: 'iceFetch.msg.connection', params: { url, host, detail, count: attempts } }) };
}

/**
 * Errors that mean this machine has no way out: the name of ICE's server cannot be looked up
 * (no DNS, or the resolver is unreachable), or there is no route to any network. Not retried.
 */
const OFFLINE_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH']);

async function readBody(response: Response, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > maxBytes) throw new TooLarge();
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.length;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        throw new TooLarge();
      }
      chunks.push(value);
    }
  }
  // Fewer bytes than announced: the connection broke off (fetch usually says so itself).
  // Compressed answers announce the compressed length, so only plain ones are checked.
  const encoding = response.headers.get('content-encoding');
  if (Number.isInteger(declared) && total < declared && (!encoding || encoding === 'identity')) {
    throw new CutOff(`${total} of ${declared} bytes received`); // reported as cut off by fetchOnce
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/** As received, except cookies, which are ICE's business and not provenance. */
function headerRecord(headers: Headers): Record<string, string> {
  return Object.fromEntries([...headers].filter(([name]) => name.toLowerCase() !== 'set-cookie'));
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** An error and its causes (fetch wraps the socket's error; connecting to several addresses aggregates). */
function errorChain(error: unknown, seen = new Set<unknown>()): unknown[] {
  if (!error || typeof error !== 'object' || seen.has(error)) return [];
  seen.add(error);
  const inner = error instanceof AggregateError ? error.errors : [];
  return [error, ...errorChain((error as { cause?: unknown }).cause, seen), ...inner.flatMap((e) => errorChain(e, seen))];
}

const errorCodes = (error: unknown) =>
  errorChain(error).flatMap((e) => {
    const code = (e as { code?: unknown }).code;
    return typeof code === 'string' ? [code] : [];
  });
const errorNames = (error: unknown) => errorChain(error).map((e) => (e as { name?: unknown }).name);
const deepestMessage = (error: unknown) => {
  const chain = errorChain(error);
  const last = chain.at(-1) as { message?: unknown } | undefined;
  return typeof last?.message === 'string' && last.message ? last.message : String(error);
};

/* ------------------------------------------------------------------------ */
/* The schedule                                                              */
/* ------------------------------------------------------------------------ */

export interface ScheduleOptions {
  env?: Record<string, string | undefined>;
  log?: (message: string) => void;
  /** The first check, after start-up (so it never delays it). */
  firstCheckMs?: number;
  everyMs?: number;
}

/**
 * Checks every hour whether a run is due (none started in the last 24 hours, on any instance)
 * and runs it under the lock; the first check comes shortly after start-up. Off with
 * ICE_FETCH_SCHEDULE=off (tests, or a portal that must not reach out). Returns how to stop it.
 */
export function startIceFetchSchedule(prisma: () => PrismaClient, options: ScheduleOptions = {}): { stop: () => void } | null {
  const log = options.log ?? console.log;
  if (!iceFetchScheduled(options.env)) {
    log('ICE lists: the daily fetch is off (ICE_FETCH_SCHEDULE=off).');
    return null;
  }
  const english = translator('en');
  let running = false;
  const check = async () => {
    if (running) return;
    running = true;
    try {
      const result = await runIceFetch(prisma(), { trigger: 'schedule' });
      if (result.runId !== null) {
        log(`ICE lists: fetch ${result.outcome}.\n${result.messages.map((message) => `  ${fetchMessageText(english, message)}`).join('\n')}`);
      }
    } catch (error) {
      console.error('ICE lists: the scheduled fetch failed:', error);
    } finally {
      running = false;
    }
  };
  // unref: the timers never keep a stopping process alive.
  const first = setTimeout(check, options.firstCheckMs ?? 30_000);
  const every = setInterval(check, options.everyMs ?? 60 * 60 * 1000);
  first.unref();
  every.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
