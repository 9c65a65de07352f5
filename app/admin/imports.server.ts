/**
 * Importing ICE's lists from the browser. An upload is checked with a dry run and kept as a
 * PendingImport until an operator has seen what it would change and confirms (or cancels) it;
 * the import itself is the command-line importer's, with its refusals and its transaction.
 */
import crypto from 'node:crypto';
import type { Db, PrismaClient } from '~/db/prisma.server';
import type { MessageKey, PluralKey } from '~/i18n/i18n';
import type { Message } from '~/i18n/message';
import type { ChangedField, RegistryChange } from '~/registry/ice-diff';
import { ImportRefusedError, importIceList, type ImportRequest, type ImportResult } from '~/registry/ice-import.server';
import { readFetchMessages } from '~/registry/ice-fetch-messages';
import { iceFetchScheduled, iceListUrls, runIceFetch } from '~/registry/ice-fetch.server';
import { IceListError } from '~/registry/ice-list';
import { formatDateTime, isoDate } from './format.server';

export const MAX_UPLOAD_BYTES = 10_000_000;
/** The state whose changes a preview lists in full; other states are summarised. */
const HOME_STATE = 'NC';

/** Why the importer refuses a file or list, as message codes for the page to word. */
type Refusal = { ok: false; refusal: Message[] };

/**
 * The importer's refusals that name its command-line options (--as-of, --allow-mass-end), in the
 * words of this page, which has a date field and a checkbox instead.
 */
const WEB_WORDING: Partial<Record<MessageKey | PluralKey, MessageKey>> = {
  'iceImport.olderList.participating': 'iceImport.web.olderList.participating',
  'iceImport.olderList.pending': 'iceImport.web.olderList.pending',
  'iceImport.noDate': 'iceImport.web.noDate',
  'iceImport.massEnd.participating': 'iceImport.web.massEnd.participating',
  'iceImport.massEnd.pending': 'iceImport.web.massEnd.pending',
};

/** The importer's refusal of a file or list; any other error is a fault and propagates. */
function refusal(error: unknown): Refusal {
  if (error instanceof IceListError || error instanceof ImportRefusedError) {
    return { ok: false, refusal: error.messages.map((message) => ({ ...message, key: WEB_WORDING[message.key] ?? message.key })) };
  }
  throw error;
}

/** "user:12" → that user's name; "seed", "cli:root" stay as they are. */
async function importerNames(db: Db, importedBy: string[]) {
  const ids = importedBy.flatMap((who) => {
    const match = /^user:(\d+)$/.exec(who);
    return match ? [Number(match[1])] : [];
  });
  const users = ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
  const names = new Map(users.map((user) => [`user:${user.id}`, user.name]));
  return (who: string) => names.get(who) ?? who;
}

export async function importHistory(db: Db) {
  const imports = await db.iceImport.findMany({ orderBy: [{ importedAt: 'desc' }, { id: 'desc' }], take: 200 });
  const who = await importerNames(db, imports.map((row) => row.importedBy));
  return imports.map((row) => ({
    id: row.id,
    listKind: row.listKind,
    fileName: row.fileName,
    asOf: isoDate(row.asOf),
    importedBy: who(row.importedBy),
    importedAt: formatDateTime(row.importedAt),
    counts: { rows: row.rowsRead, new: row.newCount, changed: row.changedCount, ended: row.endedCount, unchanged: row.unchangedCount },
  }));
}

/** Uploads nobody has confirmed or cancelled yet (without their bytes). */
export async function pendingUploads(db: Db) {
  const rows = await db.pendingImport.findMany({
    select: { id: true, fileName: true, asOf: true, createdAt: true, uploadedBy: { select: { name: true } } },
    orderBy: { createdAt: 'desc' },
  });
  return rows.map((row) => ({ id: row.id, fileName: row.fileName, asOf: row.asOf, uploadedBy: row.uploadedBy.name, uploaded: formatDateTime(row.createdAt) }));
}

/** What a notice after a confirmed import says. */
export async function importSummary(db: Db, importId: number) {
  const row = await db.iceImport.findUnique({ where: { id: importId } });
  if (!row) return null;
  return { listKind: row.listKind, fileName: row.fileName, asOf: isoDate(row.asOf), new: row.newCount, changed: row.changedCount, ended: row.endedCount };
}

/**
 * Checks an upload with a dry run and keeps it for the preview. A file the importer refuses is
 * not kept. The rule against ending most agreements is waived here: the preview explains it and
 * lets the operator decide.
 */
export async function storeUpload(
  prisma: PrismaClient,
  upload: { bytes: Uint8Array<ArrayBuffer>; fileName: string; asOf: string | null; uploadedById: number },
): Promise<{ ok: true; id: number } | Refusal> {
  try {
    await importIceList(prisma, {
      bytes: upload.bytes,
      fileName: upload.fileName,
      asOf: upload.asOf ?? undefined,
      dryRun: true,
      allowMassEnd: true,
      importedBy: `user:${upload.uploadedById}`,
    });
  } catch (error) {
    return refusal(error);
  }
  const row = await prisma.pendingImport.create({
    data: { fileName: upload.fileName, bytes: upload.bytes, asOf: upload.asOf, uploadedById: upload.uploadedById },
    select: { id: true },
  });
  return { ok: true, id: row.id };
}

export interface ChangeView {
  kind: 'new' | 'changed' | 'ended';
  agency: string;
  stateCode: string;
  model: string;
  /** New: the status it is listed with; ended: the status it had. */
  status: string | null;
  fields: { field: ChangedField; from: string | null; to: string | null }[];
}

function changeView(change: Exclude<RegistryChange, { kind: 'unchanged' }>): ChangeView {
  if (change.kind === 'new') {
    const { row } = change;
    return { kind: 'new', agency: row.agencyName, stateCode: row.stateCode, model: row.model, status: change.status, fields: [] };
  }
  if (change.kind === 'ended') {
    const { agreement } = change;
    return { kind: 'ended', agency: agreement.agencyName ?? agreement.agencyKey, stateCode: agreement.stateCode, model: agreement.model, status: agreement.status, fields: [] };
  }
  return {
    kind: 'changed',
    agency: change.row.agencyName,
    stateCode: change.row.stateCode,
    model: change.after.model,
    status: null,
    fields: change.fields.map((field) => ({ field, from: change.before[field], to: change.after[field] })),
  };
}

function summarise(result: ImportResult) {
  const changes = result.changes.flatMap((change) => (change.kind === 'unchanged' ? [] : [changeView(change)]));
  const home = changes.filter((change) => change.stateCode === HOME_STATE);
  const others = changes.filter((change) => change.stateCode !== HOME_STATE);
  const byState = new Map<string, { stateCode: string; new: number; changed: number; ended: number }>();
  for (const change of others) {
    const counts = byState.get(change.stateCode) ?? { stateCode: change.stateCode, new: 0, changed: 0, ended: 0 };
    counts[change.kind] += 1;
    byState.set(change.stateCode, counts);
  }
  return {
    listKind: result.listKind,
    asOf: result.asOf,
    rowsRead: result.rowsRead,
    counts: result.counts,
    homeActive: result.activeByState[HOME_STATE] ?? 0,
    // Each warning's codes; a warning without them (one of the registry's) in its English.
    warnings: result.warnings.map((warning) => ({ rowNumber: warning.rowNumber, messages: warning.messages ?? null, message: warning.message })),
    home,
    others: { byState: [...byState.values()].sort((a, b) => a.stateCode.localeCompare(b.stateCode)), changes: others },
  };
}

/** What importing a pending upload would do now, or why it would be refused. */
export async function importPreview(prisma: PrismaClient, pendingId: number) {
  const pending = await prisma.pendingImport.findUnique({
    where: { id: pendingId },
    select: { id: true, fileName: true, bytes: true, asOf: true, createdAt: true, uploadedBy: { select: { name: true } } },
  });
  if (!pending) return null;
  const request: ImportRequest = { bytes: pending.bytes, fileName: pending.fileName, asOf: pending.asOf ?? undefined, dryRun: true, importedBy: 'preview' };
  let result: ImportResult | null = null;
  let refused: Message[] | null = null;
  let massEnd = false;
  try {
    result = await importIceList(prisma, request);
  } catch (error) {
    refused = refusal(error).refusal;
    // Of the importer's refusals only the mass-end rule may be waived; it is that one if the
    // same list passes with the rule waived.
    try {
      result = await importIceList(prisma, { ...request, allowMassEnd: true });
      massEnd = true;
    } catch (again) {
      refusal(again);
    }
  }
  // A list the registry already matches (often the very file imported last): nothing to confirm.
  const nothingToImport = refused === null && result !== null && result.counts.new + result.counts.changed + result.counts.ended === 0;
  const sha256 = crypto.createHash('sha256').update(pending.bytes).digest('hex');
  const same = await prisma.iceImport.findFirst({ where: { fileSha256: sha256 }, orderBy: { importedAt: 'desc' }, select: { listKind: true, asOf: true, importedAt: true } });
  return {
    upload: { id: pending.id, fileName: pending.fileName, asOf: pending.asOf, uploadedBy: pending.uploadedBy.name, uploaded: formatDateTime(pending.createdAt) },
    refused,
    massEnd,
    nothingToImport,
    sameFileImported: same && { listKind: same.listKind, asOf: isoDate(same.asOf), importedAt: formatDateTime(same.importedAt) },
    preview: result ? summarise(result) : null,
  };
}

/**
 * Imports a pending upload for real, then drops it. The importer runs its own transaction, so
 * the upload is deleted right after it commits; if that delete were lost, a second confirm
 * would be refused as nothing to import, recording nothing.
 */
export async function confirmImport(
  prisma: PrismaClient,
  confirm: { pendingId: number; userId: number; allowMassEnd: boolean },
): Promise<{ ok: true; importId: number } | Refusal | null> {
  const pending = await prisma.pendingImport.findUnique({ where: { id: confirm.pendingId } });
  if (!pending) return null;
  let result: ImportResult;
  try {
    result = await importIceList(prisma, {
      bytes: pending.bytes,
      fileName: pending.fileName,
      asOf: pending.asOf ?? undefined,
      importedBy: `user:${confirm.userId}`,
      allowMassEnd: confirm.allowMassEnd,
      // A confirm of a list that changes nothing (a stale page, a second tab) records no import.
      refuseUnchanged: true,
    });
  } catch (error) {
    return refusal(error);
  }
  await prisma.pendingImport.deleteMany({ where: { id: pending.id } });
  return { ok: true, importId: result.importId! };
}

export async function cancelUpload(db: Db, pendingId: number): Promise<boolean> {
  const { count } = await db.pendingImport.deleteMany({ where: { id: pendingId } });
  return count === 1;
}

/** What the fetch job fetches, and whether the daily schedule is on (both from the environment). */
export function iceFetchSettings() {
  return { urls: iceListUrls(), scheduled: iceFetchScheduled() };
}

/** The fetch job's recent runs, newest first, with what each said (message codes, for the page's language). */
export async function recentFetchRuns(db: Db, take = 20) {
  const runs = await db.iceFetchRun.findMany({ orderBy: [{ startedAt: 'desc' }, { id: 'desc' }], take });
  const who = await importerNames(db, runs.map((run) => run.trigger));
  return runs.map((run) => ({
    id: run.id,
    /** Null for the daily schedule. */
    startedBy: run.trigger === 'schedule' ? null : who(run.trigger),
    started: formatDateTime(run.startedAt),
    outcome: run.outcome,
    messages: readFetchMessages(run.messages),
  }));
}

/**
 * "Fetch ICE's lists now", awaited: every download has a timeout and a bounded number of tries,
 * so the operator gets the result on the next page rather than having to come back for it.
 */
export function fetchIceListsNow(prisma: PrismaClient, userId: number) {
  return runIceFetch(prisma, { trigger: `user:${userId}` });
}
