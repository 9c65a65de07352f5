import { readFileSync } from 'node:fs';
import path from 'node:path';
import { problemFromQuery } from './attachment-query.server';
import { describe, expect, it } from 'vitest';
import { translator } from '~/i18n/i18n';
import {
  checkAttachment,
  cleanFileName,
  compoundFileNames,
  contentDisposition,
  DEFAULT_MAX_ATTACHMENT_BYTES,
  describeAttachmentProblem,
  formatSize,
  parseMaxBytes,
  problemToQuery,
  sniffContent,
  zipEntryNames,
  type AttachmentProblem,
} from './attachment-types';

const t = translator('en');
const text = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const bytes = (...parts: (number[] | string | Uint8Array)[]) =>
  new Uint8Array(Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part)))));

/* Files built by the book, so each container is what real software writes. */

const PDF = text('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], 'IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF\0', [1, 1, 0, 0, 1, 0, 1, 0, 0]);
const GIF = bytes('GIF89a', [1, 0, 1, 0, 0x80, 0, 0]);
const WEBP = bytes('RIFF', [26, 0, 0, 0], 'WEBPVP8 ', [14, 0, 0, 0], [0x30, 0x01, 0x00, 0x9d, 0x01, 0x2a, 1, 0, 1, 0]);
const EXE = bytes('MZ', [0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff], new Uint8Array(50), 'This program cannot be run in DOS mode.');

/** A ZIP archive with stored (uncompressed) entries; optionally with ZIP64 end records. */
function zip(entries: [string, string][], { zip64 = false } = {}): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(content, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  const tail: Buffer[] = [];
  if (zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeBigUInt64LE(BigInt(entries.length), 24);
    record.writeBigUInt64LE(BigInt(entries.length), 32);
    record.writeBigUInt64LE(BigInt(directory.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
    end.writeUInt16LE(0xffff, 8);
    end.writeUInt16LE(0xffff, 10);
    end.writeUInt32LE(0xffffffff, 12);
    end.writeUInt32LE(0xffffffff, 16);
  } else {
    end.writeUInt16LE(entries.length, 8);
    end.writeUInt16LE(entries.length, 10);
    end.writeUInt32LE(directory.length, 12);
    end.writeUInt32LE(offset, 16);
  }
  return new Uint8Array(Buffer.concat([...locals, directory, ...tail, end]));
}

const CONTENT_TYPES: [string, string] = ['[Content_Types].xml', '<?xml version="1.0"?><Types/>'];
const XLSX = zip([CONTENT_TYPES, ['_rels/.rels', '<Relationships/>'], ['xl/workbook.xml', '<workbook/>'], ['xl/worksheets/sheet1.xml', '<worksheet/>']]);
const DOCX = zip([CONTENT_TYPES, ['_rels/.rels', '<Relationships/>'], ['word/document.xml', '<w:document/>']]);
const ODS = zip([['mimetype', 'application/vnd.oasis.opendocument.spreadsheet'], ['content.xml', '<office:document-content/>'], ['META-INF/manifest.xml', '<manifest/>']]);

/**
 * An OLE compound file (512-byte sectors) whose directory lists these names: sector 0 is the
 * FAT, the directory follows in a chain of sectors (four entries each).
 */
function compoundFile(names: string[]): Uint8Array {
  const entries = ['Root Entry', ...names];
  const directorySectors = Math.ceil(entries.length / 4);
  const header = Buffer.alloc(512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c); // one FAT sector
  header.writeUInt32LE(1, 0x30); // the directory starts in sector 1
  header.writeUInt32LE(4096, 0x38);
  header.writeUInt32LE(0xfffffffe, 0x3c);
  header.writeUInt32LE(0xfffffffe, 0x44);
  header.fill(0xff, 0x4c);
  header.writeUInt32LE(0, 0x4c); // the FAT is sector 0
  const fat = Buffer.alloc(512, 0xff);
  fat.writeUInt32LE(0xfffffffd, 0);
  for (let i = 1; i <= directorySectors; i++) fat.writeUInt32LE(i === directorySectors ? 0xfffffffe : i + 1, i * 4);
  const directory = Buffer.alloc(512 * directorySectors);
  entries.forEach((name, i) => {
    const at = i * 128;
    Buffer.from(name, 'utf16le').copy(directory, at);
    directory.writeUInt16LE((name.length + 1) * 2, at + 0x40);
    directory[at + 0x42] = i === 0 ? 5 : 2;
  });
  return new Uint8Array(Buffer.concat([header, fat, directory]));
}

const XLS = compoundFile(['Workbook', '\u0005SummaryInformation', '\u0005DocumentSummaryInformation']);
const check = (fileName: string, content: Uint8Array, maxBytes = DEFAULT_MAX_ATTACHMENT_BYTES) => checkAttachment({ fileName, bytes: content, maxBytes });
const refusal = (fileName: string, content: Uint8Array, maxBytes?: number) => {
  const result = check(fileName, content, maxBytes);
  if (result.ok) throw new Error(`${fileName} was accepted as ${result.kind}`);
  return describeAttachmentProblem(t, result.problem);
};

describe('sniffContent', () => {
  it.each([
    ['pdf', PDF],
    ['png', PNG],
    ['jpeg', JPEG],
    ['gif', GIF],
    ['webp', WEBP],
    ['xlsx', XLSX],
    ['xlsx', zip([CONTENT_TYPES, ['xl/workbook.xml', '<workbook/>']], { zip64: true })],
    ['xls', XLS],
    ['ods', ODS],
    ['txt', text('county,detainers\nGaston,14\n')],
  ])('recognises %s', (kind, content) => {
    expect(sniffContent(content)).toBe(kind);
  });

  it('recognises ICE’s own published XLSX lists', () => {
    const file = path.resolve(import.meta.dirname, '../../seeds/data/ice-287g/participating-2025-07-18.xlsx');
    expect(sniffContent(new Uint8Array(readFileSync(file)))).toBe('xlsx');
  });

  it('tells a workbook from other Office files in the same containers', () => {
    expect(sniffContent(DOCX)).toBe('word');
    expect(sniffContent(zip([CONTENT_TYPES, ['ppt/presentation.xml', '<p/>']]))).toBe('powerpoint');
    expect(sniffContent(zip([CONTENT_TYPES, ['xl/workbook.xml', '<w/>'], ['xl/vbaProject.bin', 'macros']]))).toBe('macro_workbook');
    expect(sniffContent(zip([CONTENT_TYPES, ['xl/workbook.bin', 'binary']]))).toBe('xlsb');
    expect(sniffContent(zip([['mimetype', 'application/vnd.oasis.opendocument.text'], ['content.xml', '<t/>']]))).toBe('opendocument');
    expect(sniffContent(zip([['notes.txt', 'hello']]))).toBe('zip');
    expect(sniffContent(compoundFile(['WordDocument', '1Table']))).toBe('word');
    expect(sniffContent(compoundFile(['EncryptedInfo', 'EncryptedPackage']))).toBe('encrypted_office');
    expect(sniffContent(compoundFile(['Workbook', '_VBA_PROJECT_CUR']))).toBe('macro_workbook');
  });

  it('finds the workbook stream in a directory that spans several sectors', () => {
    const names = ['\u0005SummaryInformation', '\u0005DocumentSummaryInformation', 'CompObj', 'Ole', 'ObjectPool', 'Workbook'];
    expect(compoundFileNames(compoundFile(names))).toEqual(['Root Entry', ...names]);
    expect(sniffContent(compoundFile(names))).toBe('xls');
  });

  it('does not mistake text, markup or programs for one another', () => {
    expect(sniffContent(text('\ufeffName,Count\nMüller,3\n'))).toBe('txt');
    expect(sniffContent(text('MZ code,count\nA1,3\n'))).toBe('txt'); // a CSV may start with "MZ"
    expect(sniffContent(EXE)).toBe('program');
    expect(sniffContent(bytes([0x7f], 'ELF', [2, 1, 1, 0]))).toBe('program');
    expect(sniffContent(text('  <!DOCTYPE html><html><script>alert(1)</script>'))).toBe('html');
    expect(sniffContent(text('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'))).toBe('svg');
    expect(sniffContent(text('<?xml version="1.0"?><report/>'))).toBe('xml');
    expect(sniffContent(bytes(Buffer.from('Name,Count\n', 'utf16le')))).toBe('unknown');
    expect(sniffContent(bytes('Name,Count\nM', [0xfc], 'ller,3\r\n'))).toBe('legacy_text');
    expect(sniffContent(bytes([0x1f, 0x8b, 8, 0, 0, 0]))).toBe('archive');
    expect(sniffContent(bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0]))).toBe('heic');
  });

  it('reads no entries from a truncated archive instead of failing', () => {
    expect(zipEntryNames(XLSX.subarray(0, XLSX.length - 10))).toBeNull();
    expect(sniffContent(XLSX.subarray(0, 60))).toBe('unknown');
  });
});

describe('checkAttachment', () => {
  it.each([
    ['report.pdf', PDF, 'pdf', 'application/pdf'],
    ['scan.PNG', PNG, 'png', 'image/png'],
    ['photo.jpg', JPEG, 'jpeg', 'image/jpeg'],
    ['photo.jpeg', JPEG, 'jpeg', 'image/jpeg'],
    ['chart.gif', GIF, 'gif', 'image/gif'],
    ['chart.webp', WEBP, 'webp', 'image/webp'],
    ['budget.xlsx', XLSX, 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['budget.xls', XLS, 'xls', 'application/vnd.ms-excel'],
    ['budget.ods', ODS, 'ods', 'application/vnd.oasis.opendocument.spreadsheet'],
    ['detainers.csv', text('county,count\nGaston,14\n'), 'csv', 'text/csv'],
    ['notes.txt', text('Call log for July.\n'), 'txt', 'text/plain'],
  ])('accepts %s', (fileName, content, kind, mediaType) => {
    expect(check(fileName, content)).toEqual({ ok: true, kind, mediaType, fileName });
  });

  it('refuses a name that contradicts the content, saying what the content is', () => {
    expect(refusal('budget.pdf', PNG)).toBe('budget.pdf is not a PDF: its content is a PNG image.');
    expect(refusal('figures.csv', XLSX)).toBe('figures.csv is not a CSV file: its content is an Excel workbook (XLSX).');
    expect(refusal('budget.xlsx', DOCX)).toBe(
      'budget.xlsx is not an Excel workbook (XLSX): its content is a Word document. Files of this kind cannot be attached: attach a PDF, an image (PNG, JPEG, WebP, GIF) or a spreadsheet (XLSX, XLS, ODS, CSV).',
    );
    expect(refusal('invoice.pdf', EXE)).toMatch(/^invoice\.pdf is not a PDF: its content is a program\. Files of this kind cannot be attached/);
    expect(refusal('data.csv', text('<html><body>hi</body></html>'))).toMatch(/^data\.csv is not a CSV file: its content is a web page \(HTML\)\./);
  });

  it('refuses kinds it does not take, even under their own names', () => {
    const notAllowed = 'Files of this kind cannot be attached: attach a PDF, an image (PNG, JPEG, WebP, GIF) or a spreadsheet (XLSX, XLS, ODS, CSV).';
    expect(refusal('logo.svg', text('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBe(`logo.svg is an SVG image, which can carry scripts. ${notAllowed}`);
    expect(refusal('page.html', text('<!doctype html><p>x'))).toBe(`page.html is a web page (HTML). ${notAllowed}`);
    expect(refusal('setup.exe', EXE)).toBe(`setup.exe is a program. ${notAllowed}`);
    expect(refusal('memo.docx', DOCX)).toBe(`memo.docx is a Word document. ${notAllowed}`);
    expect(refusal('blob.bin', bytes([1, 2, 3, 0, 4, 5]))).toBe(`blob.bin is not a kind of file the portal recognises. ${notAllowed}`);
    expect(refusal('locked.xlsx', compoundFile(['EncryptedPackage']))).toMatch(/remove the password and attach it again\.$/);
    expect(refusal('macros.xlsm', zip([CONTENT_TYPES, ['xl/workbook.xml', '<w/>'], ['xl/vbaProject.bin', 'x']]))).toMatch(/without macros \(\.xlsx\)/);
    expect(refusal('export.csv', bytes('Name\nM', [0xfc], 'ller\n'))).toMatch(/^export\.csv is not a CSV file: its content is text that is not saved as UTF-8\. .*CSV UTF-8/);
  });

  it('asks for a name that says what the file is', () => {
    expect(refusal('scan', PNG)).toBe('scan is a PNG image, but its name does not end in .png. Rename it and attach it again.');
    expect(refusal('photo.heif', JPEG)).toBe('photo.heif is a JPEG image, but its name does not end in .jpg. Rename it and attach it again.');
    expect(refusal('data.tsv', text('a\tb\n'))).toBe('data.tsv is a text file, but its name does not end in .txt. Rename it and attach it again.');
  });

  it('refuses empty files and files over the limit, and takes one exactly at it', () => {
    expect(check('', new Uint8Array())).toEqual({ ok: false, problem: { code: 'no_file' } });
    expect(refusal('empty.pdf', new Uint8Array())).toBe('empty.pdf is empty: there is nothing in it to attach.');
    const big = new Uint8Array(DEFAULT_MAX_ATTACHMENT_BYTES + 1);
    big.set(PDF);
    expect(refusal('big.pdf', big)).toBe(
      'big.pdf is larger than 10 MB, the most a file may be. Attach a smaller file, for example by splitting it or saving it at a lower resolution.',
    );
    expect(check('limit.pdf', PDF, PDF.length).ok).toBe(true);
    expect(check('limit.pdf', PDF, PDF.length - 1).ok).toBe(false);
  });

  it('judges the cleaned name', () => {
    // "report\u202Efdp.exe" displays as "reportexe.pdf"; without the override it is plainly an .exe.
    expect(check('report\u202Efdp.exe', PDF)).toMatchObject({ ok: false, problem: { code: 'extension', file: 'reportfdp.exe' } });
    expect(check('C:\\Users\\clerk\\budget.pdf', PDF)).toMatchObject({ ok: true, fileName: 'budget.pdf' });
  });
});

describe('file names', () => {
  it('keeps the name for display without folders, controls or direction overrides', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName(' Q3 \u201cfinal\u201d report\r\n.pdf ')).toBe('Q3 \u201cfinal\u201d report.pdf');
    expect(cleanFileName('invoice\u202Egpj.exe')).toBe('invoicegpj.exe');
    const long = cleanFileName(`${'a'.repeat(300)}.xlsx`);
    expect([long.length, long.endsWith('.xlsx')]).toEqual([200, true]);
  });

  it('writes a Content-Disposition nothing in a name can break out of', () => {
    expect(contentDisposition('budget.pdf')).toBe(`attachment; filename="budget.pdf"; filename*=UTF-8''budget.pdf`);
    const header = contentDisposition('Ré"sumé";\r\nX-Evil: 1 (draft).pdf');
    expect(header).toBe(`attachment; filename="R__sum___X-Evil: 1 (draft).pdf"; filename*=UTF-8''R%C3%A9%22sum%C3%A9%22%3BX-Evil%3A%201%20%28draft%29.pdf`);
    expect(header).not.toMatch(/[\r\n]/);
    expect(contentDisposition('')).toBe(`attachment; filename="attachment"; filename*=UTF-8''attachment`);
  });
});

describe('the size limit', () => {
  it('is 10 MB unless ATTACHMENT_MAX_BYTES says otherwise', () => {
    expect(DEFAULT_MAX_ATTACHMENT_BYTES).toBe(10 * 1024 * 1024);
    expect(parseMaxBytes(undefined)).toBe(DEFAULT_MAX_ATTACHMENT_BYTES);
    expect(parseMaxBytes('')).toBe(DEFAULT_MAX_ATTACHMENT_BYTES);
    expect(parseMaxBytes(' 2048 ')).toBe(2048);
    for (const bad of ['0', '-5', '1.5', '10MB', 'lots']) expect(() => parseMaxBytes(bad), bad).toThrow(/ATTACHMENT_MAX_BYTES must be a whole number/);
  });

  it('is shown in bytes, KB or MB', () => {
    expect([formatSize(t, 0), formatSize(t, 1023), formatSize(t, 1536), formatSize(t, 200 * 1024), formatSize(t, 3.45 * 1024 * 1024), formatSize(t, DEFAULT_MAX_ATTACHMENT_BYTES)]).toEqual([
      '0 bytes',
      '1023 bytes',
      '1.5 KB',
      '200 KB',
      '3.5 MB',
      '10 MB',
    ]);
  });
});

describe('problems through the query string', () => {
  const problems: AttachmentProblem[] = [
    { code: 'no_file' },
    { code: 'empty', file: 'a.pdf' },
    { code: 'too_large', file: 'big scan.pdf', limit: 4096 },
    { code: 'mismatch', file: 'budget.pdf', expected: 'pdf', actual: 'png' },
    { code: 'extension', file: 'scan', actual: 'jpeg' },
    { code: 'not_allowed', file: 'x.svg', actual: 'svg' },
    { code: 'sealed', file: 'old.pdf', revision: 2 },
  ];

  it.each(problems)('come back as they went: $code', (problem) => {
    const query = new URLSearchParams(`submitted=1&${problemToQuery(problem)}`);
    expect(problemFromQuery(query, 4096)).toEqual(problem);
  });

  it('take the limit from the server, not the URL, and ignore anything they could not have written', () => {
    expect(problemFromQuery(new URLSearchParams('attachmentError=too_large&file=a.pdf&limit=1'), 2048)).toEqual({ code: 'too_large', file: 'a.pdf', limit: 2048 });
    expect(problemFromQuery(new URLSearchParams('submitted=1'), 2048)).toBeNull();
    expect(problemFromQuery(new URLSearchParams('attachmentError=hacked&file=a.pdf'), 2048)).toBeNull();
    expect(problemFromQuery(new URLSearchParams('attachmentError=mismatch&file=a.pdf&expected=exe&actual=png'), 2048)).toBeNull();
    expect(problemFromQuery(new URLSearchParams('attachmentError=sealed&file=a.pdf&revision=-1'), 2048)).toBeNull();
    expect(problemFromQuery(new URLSearchParams(`attachmentError=empty&file=${'x'.repeat(401)}`), 2048)).toBeNull();
  });
});
