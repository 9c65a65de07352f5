import { describe, expect, it } from 'vitest';
import { translator } from '~/i18n/i18n';
import { checkLetter, describeFollowProblems, noticeProblems, noticeSentProblems, periodKeyLabel, periodOfKey, refusalProblems } from './follow-through';

const text = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));
const PDF = text('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]);

/** A ZIP of stored entries: enough for the sniffer, which reads the central directory. */
function storedZip(entries: [string, string][]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const data = Buffer.from(content, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
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
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const DOCX = storedZip([
  ['[Content_Types].xml', '<Types/>'],
  ['word/document.xml', '<w:document/>'],
]);
const DOCM = storedZip([
  ['[Content_Types].xml', '<Types/>'],
  ['word/document.xml', '<w:document/>'],
  ['word/vbaProject.bin', 'x'],
]);
const XLSX = storedZip([
  ['[Content_Types].xml', '<Types/>'],
  ['xl/workbook.xml', '<workbook/>'],
]);

describe('periods by key', () => {
  it('gives the first and last days of years, quarters and months, leap years included', () => {
    expect(periodOfKey('2025')).toEqual({ start: '2025-01-01', end: '2025-12-31' });
    expect(periodOfKey('2025-Q3')).toEqual({ start: '2025-07-01', end: '2025-09-30' });
    expect(periodOfKey('2024-02')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(periodOfKey('2025-02')).toEqual({ start: '2025-02-01', end: '2025-02-28' });
    for (const bad of ['2025-Q5', '2025-13', '2025-00', '25', '2025-Q1 ', '', '2025-7']) expect(periodOfKey(bad)).toBeNull();
  });

  it('labels them as people say them, in either language; anything else stays as it is', () => {
    expect(periodKeyLabel('2025-Q3')).toBe('July\u2013September 2025');
    expect(periodKeyLabel('2025-Q3', 'es')).toBe('julio\u2013septiembre de 2025');
    expect(periodKeyLabel('2025-07')).toBe('July 2025');
    expect(periodKeyLabel('2025')).toBe('2025');
    expect(periodKeyLabel('probe')).toBe('probe');
  });
});

describe('a refusal', () => {
  const allowed = ['2025-Q1', '2025-Q2'];
  const ok = { periodKeys: ['2025-Q1'], declinedOn: '2025-06-01', statement: 'The sheriff will not report.' };
  it('passes with known periods, a past date and a statement', () => {
    expect(refusalProblems(ok, allowed, '2025-06-01')).toEqual([]);
  });
  it('names each problem by field', () => {
    const fields = (input: Partial<typeof ok>) => refusalProblems({ ...ok, ...input }, allowed, '2025-06-01').map((problem) => [problem.field, problem.key]);
    expect(fields({ periodKeys: [] })).toEqual([['periodKeys', 'refusal.error.periods']]);
    expect(fields({ periodKeys: ['2025-Q1', '1999-Q1'] })).toEqual([['periodKeys', 'refusal.error.periodUnknown']]);
    expect(fields({ declinedOn: '2025-06-02' })).toEqual([['declinedOn', 'followThrough.error.dateFuture']]);
    expect(fields({ declinedOn: '2025-02-30' })).toEqual([['declinedOn', 'followThrough.error.date']]);
    expect(fields({ statement: '  short  ' })).toEqual([['statement', 'refusal.error.statement']]);
    expect(fields({ statement: 'Declined\u0000 to report at all.' })).toEqual([['statement', 'form.controlCharacters']]);
    expect(fields({ statement: 'x'.repeat(10_001) })).toEqual([['statement', 'followThrough.error.tooLong']]);
  });
});

describe('a notice and its sending', () => {
  it('needs a missing period and a response date after today, within a year', () => {
    expect(noticeProblems({ respondBy: '2025-07-01', missing: 2 }, '2025-06-01')).toEqual([]);
    expect(noticeProblems({ respondBy: '2025-06-01', missing: 2 }, '2025-06-01').map((p) => p.field)).toEqual(['respondBy']);
    expect(noticeProblems({ respondBy: '2026-06-03', missing: 2 }, '2025-06-01').map((p) => p.field)).toEqual(['respondBy']);
    expect(noticeProblems({ respondBy: '2025-07-01', missing: 0 }, '2025-06-01').map((p) => p.key)).toEqual(['notice.error.nothingMissing']);
  });
  it('is sent on a day between its making and today, and says how', () => {
    expect(noticeSentProblems({ sentOn: '2025-06-02', sentHow: 'Certified mail' }, '2025-06-01', '2025-06-03')).toEqual([]);
    expect(noticeSentProblems({ sentOn: '2025-05-31', sentHow: 'Certified mail' }, '2025-06-01', '2025-06-03').map((p) => p.key)).toEqual(['notice.error.sentBeforeMade']);
    expect(noticeSentProblems({ sentOn: '2025-06-04', sentHow: '' }, '2025-06-01', '2025-06-03').map((p) => p.key)).toEqual(['followThrough.error.dateFuture', 'notice.error.sentHow']);
  });
  it('words its dates as the reader writes them', () => {
    const problems = noticeSentProblems({ sentOn: '2025-05-31', sentHow: 'Certified mail' }, '2025-06-01', '2025-06-03');
    expect(describeFollowProblems(translator('en'), problems, 'en').sentOn).toBe('The notice was made on June 1, 2025: it cannot have been sent before.');
    expect(describeFollowProblems(translator('es'), problems, 'es').sentOn).toBe('El aviso se generó el 1 de junio de 2025: no puede haberse enviado antes.');
  });
});

describe('the letter a refusal may carry', () => {
  const check = (fileName: string, bytes: Uint8Array, maxBytes = 1024 * 1024) => checkLetter({ fileName, bytes, maxBytes });
  const key = (fileName: string, bytes: Uint8Array, maxBytes?: number) => {
    const result = check(fileName, bytes, maxBytes);
    return result.ok ? null : result.problem.key;
  };
  it('takes a PDF, a PNG, a JPEG and a DOCX under names that say so', () => {
    expect(check('letter.pdf', PDF)).toMatchObject({ ok: true, kind: 'pdf', mediaType: 'application/pdf' });
    expect(check('scan.PNG', PNG)).toMatchObject({ ok: true, kind: 'png' });
    expect(check('photo.jpg', JPEG)).toMatchObject({ ok: true, kind: 'jpeg' });
    expect(check('letter.docx', DOCX)).toMatchObject({ ok: true, kind: 'docx', mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' });
  });
  it('refuses anything else, a name that lies, an empty or oversize file, with the file named', () => {
    expect(key('letter.pdf', text('<html><script>alert(1)</script></html>'))).toBe('refusal.error.letterType');
    expect(key('letter.docm', DOCM)).toBe('refusal.error.letterType');
    expect(key('letter.docx', DOCM)).toBe('refusal.error.letterType');
    expect(key('book.xlsx', XLSX)).toBe('refusal.error.letterType');
    expect(key('letter.txt', text('plain text'))).toBe('refusal.error.letterType');
    expect(key('letter.png', PDF)).toBe('refusal.error.letterName');
    expect(key('letter', PDF)).toBe('refusal.error.letterName');
    expect(key('letter.pdf', new Uint8Array())).toBe('refusal.error.letterEmpty');
    expect(key('letter.pdf', PDF, 10)).toBe('refusal.error.letterTooLarge');
    const named = check('../../etc/le\u202Etter.html', text('<html></html>'));
    expect(named.ok ? null : named.problem.params).toEqual({ file: 'letter.html' });
  });
});
