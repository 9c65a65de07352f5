/**
 * The public archive of ICE's lists as the fetch job received them (ice_list_file): the listing
 * behind /data/ice-lists and /api/v1/ice-lists, and each file's exact bytes for download. The
 * provenance of every agreement the job imported.
 */
import type { Db } from '~/db/prisma.server';
import { readFetchMessages, type FetchListKind, type FetchMessage } from './ice-fetch-messages';
import { dateOnly, newYorkDate } from '~/reporting/calendar';
import { archiveFileName, fileType } from './ice-fetch.server';

export interface ArchivedList {
  id: number;
  listKind: FetchListKind;
  url: string;
  fetchedAt: Date;
  httpStatus: number;
  headers: Record<string, string>;
  size: number;
  sha256: string;
  fileName: string;
  runId: number;
  /** imported: this file led to an import; alreadyImported: the same bytes had been; notImported: refused or held back. */
  result: 'imported' | 'alreadyImported' | 'notImported';
  importId: number | null;
  /** The date of the list it was imported as (or, for the same bytes, had been). */
  listDate: string | null;
  /** Why not, in English as stored; `reasonMessage` renders it in another language. */
  reason: string | null;
  reasonMessage: FetchMessage | null;
}

const ARCHIVE_SELECT = {
  id: true,
  runId: true,
  listKind: true,
  url: true,
  fetchedAt: true,
  httpStatus: true,
  headers: true,
  sha256: true,
  size: true,
  importId: true,
  refusal: true,
  import: { select: { asOf: true } },
  run: { select: { messages: true } },
} as const;

/** Every file fetched, newest first. */
export async function iceListArchive(db: Db): Promise<ArchivedList[]> {
  const files = await db.iceListFile.findMany({ select: ARCHIVE_SELECT, orderBy: [{ fetchedAt: 'desc' }, { id: 'desc' }] });
  // Files not imported because the very same bytes had been: the date of that import.
  const repeats = files.filter((file) => file.importId === null && file.refusal === null).map((file) => file.sha256);
  const earlier = repeats.length
    ? await db.iceImport.findMany({ where: { fileSha256: { in: [...new Set(repeats)] } }, select: { listKind: true, fileSha256: true, asOf: true }, orderBy: { asOf: 'asc' } })
    : [];
  const earlierDate = new Map(earlier.map((row) => [`${row.listKind}|${row.fileSha256}`, dateOnly(row.asOf)]));

  // The bytes are needed only to name the file's type; their first bytes are enough.
  const heads = new Map(
    (
      await db.$queryRaw<{ id: number; head: Uint8Array }[]>`select id, substring(bytes from 1 for 1024) as head from ice_list_file`
    ).map((row) => [row.id, row.head]),
  );

  return files.map((file) => {
    const headers = stringRecord(file.headers);
    const listDate = file.import ? dateOnly(file.import.asOf) : file.refusal === null ? (earlierDate.get(`${file.listKind}|${file.sha256}`) ?? null) : null;
    const result = file.importId !== null ? 'imported' : file.refusal === null ? 'alreadyImported' : 'notImported';
    const reasonMessage = file.refusal === null ? null : (readFetchMessages(file.run.messages).find((message) => message.refusal && message.list === file.listKind) ?? null);
    return {
      id: file.id,
      listKind: file.listKind,
      url: file.url,
      fetchedAt: file.fetchedAt,
      httpStatus: file.httpStatus,
      headers,
      size: file.size,
      sha256: file.sha256,
      fileName: archiveFileName(file.listKind, listDate ?? newYorkDate(file.fetchedAt), heads.get(file.id) ?? new Uint8Array(), headers['content-type'] ?? null),
      runId: file.runId,
      result,
      importId: file.importId,
      listDate,
      reason: file.refusal,
      reasonMessage,
    };
  });
}

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
  // A web page served in place of a list is evidence, never a page of this site: a plain download.
  html: 'application/octet-stream',
  other: 'application/octet-stream',
} as const;

/** One archived file's exact bytes, with the name and type to serve them under. */
export async function iceListDownload(db: Db, id: number) {
  const file = await db.iceListFile.findUnique({
    where: { id },
    select: { bytes: true, sha256: true, listKind: true, fetchedAt: true, headers: true, refusal: true, import: { select: { asOf: true } } },
  });
  if (!file) return null;
  const contentType = stringRecord(file.headers)['content-type'] ?? null;
  let listDate = file.import ? dateOnly(file.import.asOf) : null;
  if (!listDate && file.refusal === null) {
    const earlier = await db.iceImport.findFirst({ where: { listKind: file.listKind, fileSha256: file.sha256 }, orderBy: { asOf: 'asc' }, select: { asOf: true } });
    listDate = earlier ? dateOnly(earlier.asOf) : null;
  }
  return {
    bytes: file.bytes,
    sha256: file.sha256,
    fileName: archiveFileName(file.listKind, listDate ?? newYorkDate(file.fetchedAt), file.bytes, contentType),
    contentType: CONTENT_TYPES[fileType(file.bytes, contentType)],
  };
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
