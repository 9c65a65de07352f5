import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CrlfRecords } from './streamed-csv';

async function throughCrlf(text: string, chunkSize: number): Promise<string> {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const out: Buffer[] = [];
  for await (const chunk of Readable.from(chunks).pipe(new CrlfRecords())) out.push(chunk as Buffer);
  return Buffer.concat(out).toString();
}

describe('CrlfRecords', () => {
  // As COPY … WITH CSV writes it: LF after each record, quotes around cells with a comma, a
  // quote (doubled) or a line break.
  const copyCsv = 'a,"Sheriff, Town of",1\n"say ""hi""\nthere",b,2\nplain,"",3\n"",x,"\n"\n';
  const expected = 'a,"Sheriff, Town of",1\r\n"say ""hi""\nthere",b,2\r\nplain,"",3\r\n"",x,"\n"\r\n';

  it.each([1, 2, 3, 5, 7, 11, 64 * 1024])('ends records with CRLF and keeps line breaks inside quotes, in chunks of %i bytes', async (size) => {
    expect(await throughCrlf(copyCsv, size)).toBe(expected);
  });

  it('gives the same cells a CSV reader finds in the input', async () => {
    const out = await throughCrlf(copyCsv, 4);
    expect(parse(out, { record_delimiter: '\r\n' })).toEqual(parse(copyCsv));
  });

  it('passes a chunk without a line end through as it is', async () => {
    expect(await throughCrlf('no line end here', 100)).toBe('no line end here');
  });
});
