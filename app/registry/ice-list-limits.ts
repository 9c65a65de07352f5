/**
 * How much of a file the ICE list reader is willing to read. The file comes from outside (an
 * upload, ICE's web server), and a spreadsheet is a zip: a 1.5 MB file can unpack to gigabytes
 * and millions of rows. ICE's real lists are about 100 KB, unpack to under 1 MB and have fewer
 * than 1,000 rows of 5 to 9 columns, so these limits are generous for them and still keep a
 * hostile file's cost small. Checked while reading (ice-list-xlsx.ts, the CSV reader), so a file
 * is refused as soon as it crosses one; the worker that reads it (ice-list-reader.server.ts) adds
 * a memory cap and a time limit on top. Plain TypeScript.
 */
import type { Message } from '~/i18n/message';
import { IceListError } from './ice-list-messages';

export interface IceListLimits {
  /** The file as received (XLSX: compressed). */
  maxFileBytes: number;
  /** One part of an XLSX file once unpacked (a sheet, its shared strings). */
  maxPartBytes: number;
  /** All the parts read, unpacked. */
  maxUnpackedBytes: number;
  /** Rows with a value, over all sheets. */
  maxRows: number;
  /** The last column with a value in any row. */
  maxColumns: number;
  /** Characters in one cell (a link's address included). */
  maxCellChars: number;
}

export const ICE_LIST_LIMITS: IceListLimits = {
  maxFileBytes: 10_000_000,
  maxPartBytes: 40_000_000,
  maxUnpackedBytes: 80_000_000,
  maxRows: 50_000,
  maxColumns: 100,
  maxCellChars: 10_000,
};

const megabytes = (bytes: number) => Math.round(bytes / 1_000_000);

/** The refusals, as message codes with the limit that was crossed. */
export const limitRefusal = {
  tooLarge: (limit: number): IceListError => new IceListError({ key: 'iceList.tooLarge', params: { limit: megabytes(limit) } }),
  tooManyRows: (limit: number): IceListError => new IceListError({ key: 'iceList.tooManyRows', params: { limit } }),
  tooManyColumns: (row: number, limit: number): IceListError => new IceListError({ key: 'iceList.tooManyColumns', params: { row, limit } }),
  cellTooLong: (row: number, limit: number): IceListError => new IceListError({ key: 'iceList.cellTooLong', params: { row, limit } }),
  tooSlow: (seconds: number): IceListError => new IceListError({ key: 'iceList.tooSlow', params: { seconds } }),
};

export const NOT_READABLE: Message = { key: 'iceList.notReadable' };
