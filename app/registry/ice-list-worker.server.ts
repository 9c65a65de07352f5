/**
 * Worker thread entry of ice-list-reader.server.ts: reads one ICE list with parseIceList and posts
 * back plain values (a refusal as its message codes), since a worker can pass no class instance.
 * Bundled to build/ice-list-worker.js for the built server (scripts/build-server.ts); run from
 * its TypeScript source through tsx's loader under tsx and vitest.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseIceList } from './ice-list';
import type { IceListLimits } from './ice-list-limits';
import { IceListError } from './ice-list-messages';
import type { WorkerAnswer } from './ice-list-reader.server';

const { bytes, fileName, limits } = workerData as { bytes: Uint8Array; fileName?: string; limits: IceListLimits };

async function answer(): Promise<WorkerAnswer> {
  try {
    const list = await parseIceList(bytes, fileName, limits);
    return { ok: true, list: { ...list, warnings: list.warnings.map((warning) => ({ rowNumber: warning.rowNumber, messages: warning.messages })) } };
  } catch (error) {
    if (error instanceof IceListError) return { ok: false, refusal: error.messages };
    return { ok: false, fault: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

parentPort!.postMessage(await answer());
