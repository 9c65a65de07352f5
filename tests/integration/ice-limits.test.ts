/**
 * ICE lists come from outside: the reader's limits (bytes, rows, columns, cell length, memory,
 * time) and only web addresses as MOA links. The spreadsheets here are written by hand with
 * node:zlib, so that a file can be made to lie about its size, or to hold 8 million rows in 1.5 MB.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeUpload } from '~/admin/imports.server';
import { importIceList } from '~/registry/ice-import.server';
import { IceListError, parseIceList } from '~/registry/ice-list';
import { ICE_LIST_LIMITS } from '~/registry/ice-list-limits';
import { webAddress } from '~/registry/ice-list-links';
import { readIceList } from '~/registry/ice-list-reader.server';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/* ---------------------------------------------------------------------- */
/* A minimal XLSX, by hand                                                 */
/* ---------------------------------------------------------------------- */

interface Part {
  name: string;
  /** Deflated bytes. */
  data: Buffer;
  size: number;
  crc: number;
  /** What the zip says the part unpacks to, when it lies. */
  declaredSize?: number;
}

const part = (name: string, text: string): Part => {
  const raw = Buffer.from(text);
  return { name, data: zlib.deflateRawSync(raw), size: raw.length, crc: zlib.crc32(raw) };
};

function zip(parts: Part[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const size = p.declaredSize ?? p.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(p.crc >>> 0, 16);
    central.writeUInt32LE(p.data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, p.data);
    centrals.push(central, name);
    offset += local.length + name.length + p.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const HEADER = ['STATE', 'LAW ENFORCEMENT AGENCY', 'TYPE', 'COUNTY', 'SUPPORT TYPE', 'SIGNED', 'MOA'];
const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
const column = (index: number): string => (index < 26 ? String.fromCharCode(65 + index) : column(Math.floor(index / 26) - 1) + String.fromCharCode(65 + (index % 26)));
const rowXml = (r: number, cells: string[]) =>
  `<row r="${r}">${cells.map((text, c) => `<c r="${column(c)}${r}" t="inlineStr"><is><t>${xml(text)}</t></is></c>`).join('')}</row>`;

function workbookParts(sheet: Part, extra: Part[] = []): Part[] {
  return [
    part('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'),
    part(
      'xl/workbook.xml',
      '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    sheet,
    ...extra,
  ];
}

const SHEET_OPEN = '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>';

/** A list of these rows (the header first), with hyperlinks on cells by reference ("G2" → address). */
function xlsx(rows: string[][], links: Record<string, string> = {}): Uint8Array {
  const refs = Object.keys(links);
  const hyperlinks = refs.length ? `<hyperlinks>${refs.map((ref, i) => `<hyperlink ref="${ref}" r:id="rIdL${i}"/>`).join('')}</hyperlinks>` : '';
  const sheet = part('xl/worksheets/sheet1.xml', `${SHEET_OPEN}${rows.map((cells, i) => rowXml(i + 1, cells)).join('')}</sheetData>${hyperlinks}</worksheet>`);
  const rels = refs.length
    ? [
        part(
          'xl/worksheets/_rels/sheet1.xml.rels',
          `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${refs
            .map((ref, i) => `<Relationship Id="rIdL${i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="${xml(links[ref])}" TargetMode="External"/>`)
            .join('')}</Relationships>`,
        ),
      ]
    : [];
  return zip(workbookParts(sheet, rels));
}

const agreementRow = (n: number) => ['NORTH CAROLINA', `Agency ${n} Police Department`, 'Municipality', 'Wake County', 'Task Force Model', '2025-01-02', 'link'];

/**
 * The header, then `count` identical rows, as one sheet. Deflated without unpacking it whole
 * (gigabytes): one batch of rows is deflated with a full flush, which makes it a run of blocks
 * that stands alone, and the run is repeated, then closed with an empty final block.
 */
function manyRows(count: number): Part {
  const BATCH = 100_000;
  const row = Buffer.from('<row r="2"><c r="A2" t="b"><v>1</v></c></row>');
  const batch = Buffer.concat(Array.from({ length: BATCH }, () => row));
  const head = Buffer.from(SHEET_OPEN + rowXml(1, HEADER));
  const tail = Buffer.from('</sheetData></worksheet>');
  const flushed = (raw: Buffer) => zlib.deflateRawSync(raw, { level: 9, finishFlush: zlib.constants.Z_FULL_FLUSH });
  const repeats = count / BATCH;
  const deflatedBatch = flushed(batch);
  const data = Buffer.concat([flushed(head), ...Array.from({ length: repeats }, () => deflatedBatch), zlib.deflateRawSync(tail)]);
  let crc = zlib.crc32(head);
  for (let i = 0; i < repeats; i++) crc = zlib.crc32(batch, crc);
  crc = zlib.crc32(tail, crc);
  return { name: 'xl/worksheets/sheet1.xml', data, size: head.length + batch.length * repeats + tail.length, crc };
}

async function refusal(read: Promise<unknown>): Promise<IceListError> {
  const error = await read.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(IceListError);
  return error as IceListError;
}

/* ---------------------------------------------------------------------- */
/* 8 million rows in 1.5 MB, while the server answers                     */
/* ---------------------------------------------------------------------- */

describe('a spreadsheet bomb', () => {
  let db: TestDatabase;
  let server: http.Server;
  let base: string;
  let honest: Uint8Array;
  let lying: Uint8Array;

  beforeAll(async () => {
    db = await createTestDatabase();
    // The stand-in for /healthz: answers from this process's event loop, as the portal's does.
    server = http.createServer((_request, response) => response.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const sheet = manyRows(8_000_000);
    honest = zip(workbookParts(sheet));
    // The same bytes, with a zip directory that says the sheet is small.
    lying = zip(workbookParts({ ...sheet, declaredSize: 1_000 }));
  }, 120_000);
  afterAll(async () => {
    server?.close();
    await db?.drop();
  });

  /** Imports the file while asking the server every 50 ms; the refusal, the time it took and the slowest answer. */
  async function importWhilePinging(bytes: Uint8Array) {
    const latencies: number[] = [];
    let importing = true;
    const pinging = (async () => {
      while (importing) {
        const started = performance.now();
        const response = await fetch(`${base}/healthz`);
        await response.text();
        latencies.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();
    const started = performance.now();
    const error = await refusal(importIceList(db.prisma, { bytes, fileName: 'participating-2025-08-01.xlsx', importedBy: 'test' }));
    const took = performance.now() - started;
    importing = false;
    await pinging;
    return { error, took, slowest: Math.max(...latencies), pings: latencies.length };
  }

  it('is about 1.5 MB for 8 million rows', () => {
    expect(honest.length).toBeGreaterThan(1_000_000);
    expect(honest.length).toBeLessThan(2_500_000);
  });

  it('is refused as too large from its zip directory, within 10 s, the server answering in under 200 ms', async () => {
    const { error, took, slowest } = await importWhilePinging(honest);
    expect(error.key).toBe('iceList.tooLarge');
    expect(error.message).toMatch(/too large to be an ICE 287\(g\) list/);
    expect(took).toBeLessThan(10_000);
    expect(slowest).toBeLessThan(200);
    expect(await db.prisma.iceImport.count()).toBe(0);
  });

  it('is refused at the row limit when its zip directory lies about its size, the server answering in under 200 ms', async () => {
    const { error, took, slowest, pings } = await importWhilePinging(lying);
    expect(error.key).toBe('iceList.tooManyRows');
    expect(error.message).toBe(`This file has more than ${ICE_LIST_LIMITS.maxRows} rows; an ICE 287(g) list has a few thousand at most. It was not read.`);
    expect(took).toBeLessThan(10_000);
    expect(pings).toBeGreaterThan(0);
    expect(slowest).toBeLessThan(200);
  });

  it('is refused from an upload with the message in the reader\u2019s words, and not kept', async () => {
    const user = await db.prisma.user.create({ data: { email: 'operator@example.org', name: 'Operator' } });
    const stored = await storeUpload(db.prisma, { bytes: new Uint8Array(lying), fileName: 'bomb.xlsx', asOf: '2025-08-01', uploadedById: user.id });
    expect(stored).toEqual({ ok: false, refusal: [{ key: 'iceList.tooManyRows', params: { limit: ICE_LIST_LIMITS.maxRows } }] });
    expect(await db.prisma.pendingImport.count()).toBe(0);
  });
});

/* ---------------------------------------------------------------------- */
/* Each limit                                                              */
/* ---------------------------------------------------------------------- */

describe('the reader\u2019s limits', () => {
  const small = { ...ICE_LIST_LIMITS, maxRows: 20, maxColumns: 12, maxCellChars: 50 };
  const rows = (count: number) => [HEADER, ...Array.from({ length: count }, (_, i) => agreementRow(i + 1))];

  it('reads a list within them, in a worker, as parseIceList does in process', async () => {
    // 20 rows: the header and 19 agreements.
    const bytes = xlsx(rows(19));
    const inWorker = await readIceList(bytes, 'list.xlsx', { limits: small });
    expect(inWorker.rows).toHaveLength(19);
    expect(inWorker).toEqual(await parseIceList(bytes, 'list.xlsx', small));
  });

  it('refuses a file larger than the limit before reading it', async () => {
    const error = await refusal(readIceList(xlsx(rows(5)), 'list.xlsx', { limits: { ...small, maxFileBytes: 500 } }));
    expect(error.key).toBe('iceList.tooLarge');
  });

  it('refuses a part that unpacks to more than its limit, whatever its zip directory says', async () => {
    const bytes = xlsx(rows(5));
    const limits = { ...small, maxPartBytes: 1000 };
    expect((await refusal(parseIceList(bytes, 'list.xlsx', limits))).key).toBe('iceList.tooLarge');
    const sheet = part('xl/worksheets/sheet1.xml', `${SHEET_OPEN}${rows(5).map((cells, i) => rowXml(i + 1, cells)).join('')}</sheetData></worksheet>`);
    const lying = zip(workbookParts({ ...sheet, declaredSize: 10 }));
    expect((await refusal(parseIceList(lying, 'list.xlsx', limits))).key).toBe('iceList.tooLarge');
  });

  it('refuses too many rows, in XLSX and CSV', async () => {
    expect((await refusal(readIceList(xlsx(rows(20)), 'list.xlsx', { limits: small }))).messages).toEqual([{ key: 'iceList.tooManyRows', params: { limit: 20 } }]);
    const csv = new TextEncoder().encode(rows(20).map((cells) => cells.join(',')).join('\n'));
    expect((await refusal(parseIceList(csv, 'list.csv', small))).key).toBe('iceList.tooManyRows');
  });

  it('refuses too many columns, naming the row', async () => {
    const wide = [...rows(3)];
    wide[2] = [...agreementRow(2), ...Array.from({ length: 6 }, () => 'x')];
    const error = await refusal(readIceList(xlsx(wide), 'list.xlsx', { limits: small }));
    expect(error.messages).toEqual([{ key: 'iceList.tooManyColumns', params: { row: 3, limit: 12 } }]);
    expect(error.message).toBe('Row 3 has more than 12 columns; an ICE 287(g) list has fewer than ten. The file was not read.');
    const csv = new TextEncoder().encode(wide.map((cells) => cells.join(',')).join('\n'));
    expect((await refusal(parseIceList(csv, 'list.csv', small))).messages).toEqual([{ key: 'iceList.tooManyColumns', params: { row: 3, limit: 12 } }]);
  });

  it('refuses a cell that is too long, naming the row', async () => {
    const long = [...rows(3)];
    long[3] = agreementRow(3).map((cell, i) => (i === 1 ? 'x'.repeat(51) : cell));
    const error = await refusal(readIceList(xlsx(long), 'list.xlsx', { limits: small }));
    expect(error.messages).toEqual([{ key: 'iceList.cellTooLong', params: { row: 4, limit: 50 } }]);
    const csv = new TextEncoder().encode(long.map((cells) => cells.join(',')).join('\n'));
    expect((await refusal(parseIceList(csv, 'list.csv', small))).key).toBe('iceList.cellTooLong');
  });

  it('stops a worker that takes too long', async () => {
    const error = await refusal(readIceList(xlsx(rows(5)), 'list.xlsx', { timeoutMs: 1 }));
    expect(error.key).toBe('iceList.tooSlow');
  });

  it('stops a worker that runs out of its memory and refuses the file as too large', async () => {
    // Within the byte limits but not within 8 MB of heap: the cap, not the limits, stops it.
    const error = await refusal(readIceList(xlsx(rows(2000)), 'list.xlsx', { memoryMb: 8 }));
    expect(error.key).toBe('iceList.tooLarge');
  });

  it('says each refusal in Spanish too', async () => {
    const { translator } = await import('~/i18n/i18n');
    const es = translator('es');
    for (const key of ['iceList.tooLarge', 'iceList.tooManyRows', 'iceList.tooManyColumns', 'iceList.cellTooLong', 'iceList.tooSlow'] as const) {
      expect(es(key, { limit: 1, row: 2, seconds: 3 })).not.toBe(translator('en')(key, { limit: 1, row: 2, seconds: 3 }));
    }
  });
});

/* ---------------------------------------------------------------------- */
/* MOA links                                                               */
/* ---------------------------------------------------------------------- */

describe('MOA links from a spreadsheet', () => {
  it('keeps only web addresses, and says which link was left out', async () => {
    const bytes = xlsx([HEADER, agreementRow(1), agreementRow(2), agreementRow(3), agreementRow(4)], {
      G2: 'https://www.ice.gov/doclib/287gMOA/1.pdf',
      G3: 'javascript:alert(document.cookie)',
      G4: 'JavaScript:alert(1)//https://x',
      G5: 'data:text/html,<script>alert(1)</script>',
    });
    const list = await parseIceList(bytes);
    expect(list.rows.map((row) => [row.moaLink, row.moaUrl])).toEqual([
      ['LINKED', 'https://www.ice.gov/doclib/287gMOA/1.pdf'],
      ['LINKED', null],
      ['LINKED', null],
      ['LINKED', null],
    ]);
    expect(list.warnings.map((warning) => warning.rowNumber)).toEqual([3, 4, 5]);
    expect(list.warnings[0].message).toBe('Row 3: the MOA link "javascript:alert(document.cookie)" is not a web address (http or https); the link was left out.');
  });

  it('never stores a javascript: link through the importer', async () => {
    const db = await createTestDatabase();
    try {
      const bytes = xlsx([HEADER, agreementRow(1)], { G2: 'javascript:alert(1)' });
      await importIceList(db.prisma, { bytes, fileName: 'participating-2025-08-01.xlsx', importedBy: 'test' });
      expect(await db.prisma.agreement.findMany({ select: { moaLink: true, moaUrl: true } })).toEqual([{ moaLink: 'LINKED', moaUrl: null }]);
    } finally {
      await db.drop();
    }
  });

  it('renders only web addresses as links (the guard for addresses stored before)', () => {
    expect(webAddress('https://www.ice.gov/a.pdf')).toBe('https://www.ice.gov/a.pdf');
    expect(webAddress('http://example.org/moa')).toBe('http://example.org/moa');
    for (const hostile of ['javascript:alert(1)', ' javascript:alert(1)', 'java\tscript:alert(1)', 'https://x.org/\nevil', 'data:text/html,x', '//evil.example', 'file:///etc/passwd', 'https://', null, undefined, '']) {
      expect(webAddress(hostile)).toBeNull();
    }
  });
});
