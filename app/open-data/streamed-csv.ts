/**
 * CSV files written by PostgreSQL (COPY … TO STDOUT WITH CSV) and streamed as they come, made to
 * read like the downloads built in memory (download.server.ts): CRLF line ends. (Text that a
 * spreadsheet would run as a formula is kept as text in the SQL that COPY runs: the rule of
 * utils/csv-file.ts.) Plain TypeScript.
 */
import { Transform, type TransformCallback } from 'node:stream';

const LF = 0x0a;
const QUOTE = 0x22;
const CRLF = Buffer.from('\r\n');

/**
 * Rewrites the LF that ends each CSV record as CRLF, leaving line breaks inside quoted cells as
 * they are (COPY writes LF; the other downloads and RFC 4180 use CRLF). Works on any split of the
 * bytes into chunks: whether it is inside quotes is carried from one chunk to the next (a doubled
 * quote inside a cell leaves and re-enters quotes, which comes to the same).
 */
export class CrlfRecords extends Transform {
  private quoted = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    const parts: Buffer[] = [];
    let from = 0;
    let at = 0;
    // The next quote at or after `at` (-1: none left), found once per quote, not once per line.
    let quote = chunk.indexOf(QUOTE, at);
    while (at < chunk.length) {
      if (this.quoted) {
        if (quote === -1) break;
        this.quoted = false;
        at = quote + 1;
        quote = chunk.indexOf(QUOTE, at);
        continue;
      }
      const lf = chunk.indexOf(LF, at);
      if (quote !== -1 && (lf === -1 || quote < lf)) {
        this.quoted = true;
        at = quote + 1;
        quote = chunk.indexOf(QUOTE, at);
        continue;
      }
      if (lf === -1) break;
      parts.push(chunk.subarray(from, lf), CRLF);
      from = at = lf + 1;
    }
    if (parts.length === 0) return done(null, chunk);
    parts.push(chunk.subarray(from));
    done(null, Buffer.concat(parts));
  }
}
