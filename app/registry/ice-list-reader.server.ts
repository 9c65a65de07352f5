/**
 * Reads an ICE list (parseIceList) in a worker thread with its own memory cap and a time limit,
 * so that a hostile or broken file cannot take the server down or hold it up: the reader's own
 * limits (ice-list-limits.ts) refuse a file as soon as it crosses one, and should a file still
 * get past them, the worker runs out of its memory or time, is ended, and the file is refused
 * with a message, while the server's own event loop and heap are untouched. The importer, the
 * operator's upload and the daily fetch all read lists through here.
 *
 * The worker runs ice-list-worker.server.ts: from build/ice-list-worker.js beside the built
 * server (build/index.js, build/server.js), or from its TypeScript source through tsx's loader
 * when this module itself runs from source (tsx, vitest).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { threadId, Worker } from 'node:worker_threads';
import type { Message } from '~/i18n/message';
import type { ParsedIceList } from './ice-list';
import { ICE_LIST_LIMITS, limitRefusal, type IceListLimits } from './ice-list-limits';
import { IceListError, RowWarning } from './ice-list-messages';

export interface ReaderOptions {
  /** From the worker's start to its answer. */
  timeoutMs?: number;
  /** The worker's heap (V8's old generation). */
  memoryMb?: number;
  limits?: IceListLimits;
}

/** ICE's lists are read in well under a second; a file that takes this long is not one. */
export const READ_TIMEOUT_MS = 10_000;
/** Reading ICE's largest list takes about 60 MB (exceljs and the catalogs included). */
export const READ_MEMORY_MB = 256;
/** Workers reading at the same time; more wait their turn, so that memory stays bounded. */
const MAX_WORKERS = 2;

/** What the worker posts back: plain values. */
export type WorkerAnswer =
  | { ok: true; list: Omit<ParsedIceList, 'warnings'> & { warnings: { rowNumber: number; messages: Message[] }[] } }
  | { ok: false; refusal: Message[] }
  | { ok: false; fault: string };

/**
 * The worker's script: beside the built server, the bundle the build made; from source, the
 * same bundle made once per process with esbuild (running the source through tsx's loader in
 * the worker works too, but takes about 1.7 s per list instead of 0.2 s). It is written under
 * node_modules/.cache so that its packages resolve as the app's do, and removed at exit.
 */
let sourceBundle: Promise<URL> | null = null;

function workerScript(): Promise<URL> {
  const here = import.meta.url;
  if (!/\.tsx?$/.test(new URL(here).pathname)) return Promise.resolve(new URL('./ice-list-worker.js', here));
  sourceBundle ??= bundleFromSource(here).catch((error: unknown) => {
    sourceBundle = null;
    throw error;
  });
  return sourceBundle;
}

async function bundleFromSource(here: string): Promise<URL> {
  const { build } = await import('esbuild');
  const projectDir = fileURLToPath(new URL('../../', here));
  const outfile = path.join(projectDir, 'node_modules', '.cache', 'ice-list-worker', `worker-${process.pid}-${threadId}.mjs`);
  await build({
    absWorkingDir: projectDir,
    entryPoints: [fileURLToPath(new URL('./ice-list-worker.server.ts', here))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    tsconfig: 'tsconfig.json',
    logLevel: 'warning',
  });
  process.once('exit', () => fs.rmSync(outfile, { force: true }));
  return pathToFileURL(outfile);
}

let running = 0;
const waiting: (() => void)[] = [];

async function turn<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_WORKERS) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/**
 * parseIceList in a worker: the list, or IceListError (including for a file that took too long
 * or too much memory). Any other failure of the reader is a fault and rejects with an Error.
 */
export function readIceList(bytes: Uint8Array, fileName?: string, options: ReaderOptions = {}): Promise<ParsedIceList> {
  const limits = options.limits ?? ICE_LIST_LIMITS;
  // Refused before a worker is started: the file alone is too large.
  if (bytes.length > limits.maxFileBytes) return Promise.reject(limitRefusal.tooLarge(limits.maxFileBytes));
  return turn(() => inWorker(bytes, fileName, limits, options));
}

function inWorker(bytes: Uint8Array, fileName: string | undefined, limits: IceListLimits, options: ReaderOptions): Promise<ParsedIceList> {
  const timeoutMs = options.timeoutMs ?? READ_TIMEOUT_MS;
  const memoryMb = options.memoryMb ?? READ_MEMORY_MB;
  return workerScript().then((script) => run(script, bytes, fileName, limits, timeoutMs, memoryMb));
}

function run(script: URL, bytes: Uint8Array, fileName: string | undefined, limits: IceListLimits, timeoutMs: number, memoryMb: number): Promise<ParsedIceList> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, {
      workerData: { bytes, fileName, limits },
      execArgv: [],
      resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.min(32, memoryMb / 4), stackSizeMb: 4 },
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(() => settle(() => reject(limitRefusal.tooSlow(timeoutMs / 1000))), timeoutMs);
    worker.on('message', (answer: WorkerAnswer) => settle(() => (answer.ok ? resolve(listOf(answer.list)) : reject(errorOf(answer)))));
    worker.on('error', (error: Error & { code?: string }) =>
      settle(() => reject(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? limitRefusal.tooLarge(limits.maxUnpackedBytes) : error)),
    );
    worker.on('exit', (code) => settle(() => reject(new Error(`The ICE list reader stopped (exit code ${code}) without an answer.`))));
  });
}

function listOf(list: Extract<WorkerAnswer, { ok: true }>['list']): ParsedIceList {
  return { ...list, warnings: list.warnings.map((warning) => new RowWarning(warning.rowNumber, warning.messages)) };
}

function errorOf(answer: Exclude<WorkerAnswer, { ok: true }>): Error {
  if ('fault' in answer) return new Error(`The ICE list reader failed: ${answer.fault}`);
  const [message, ...details] = answer.refusal;
  return new IceListError(message, details);
}
