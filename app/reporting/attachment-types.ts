/**
 * Which files may be attached to a filing, decided from their bytes: never from the name or
 * what the browser claims, both of which anyone can set. The name must agree with the content,
 * because whoever downloads the file opens it by its name (a PNG named .html would open as a
 * web page). Hand-written signature checks rather than a sniffing library: the list is short,
 * and the distinctions that matter here (an XLS among Office 97 files, a workbook among ZIPs,
 * text that is not markup) need the container's directory read anyway.
 */
import type { Translate } from '~/i18n/i18n';

/** What may be attached; `csv` and `txt` share text content and differ by name only. */
export const ATTACHMENT_KINDS = ['pdf', 'png', 'jpeg', 'webp', 'gif', 'xlsx', 'xls', 'ods', 'csv', 'txt'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** Content recognised, and refused, so the message can say what the file really is. */
export const REFUSED_KINDS = [
  'program',
  'html',
  'svg',
  'xml',
  'word',
  'powerpoint',
  'opendocument',
  'xlsb',
  'macro_workbook',
  'encrypted_office',
  'office',
  'zip',
  'archive',
  'heic',
  'tiff',
  'bmp',
  'legacy_text',
  'unknown',
] as const;
export type RefusedKind = (typeof REFUSED_KINDS)[number];
export type ContentKind = AttachmentKind | RefusedKind;

export const MEDIA_TYPES: Record<AttachmentKind, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  gif: 'image/gif',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  xls: 'application/vnd.ms-excel',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  csv: 'text/csv',
  txt: 'text/plain',
};

/** The names each kind may carry (the first is the usual one). */
export const EXTENSIONS: Record<AttachmentKind, string[]> = {
  pdf: ['pdf'],
  png: ['png'],
  jpeg: ['jpg', 'jpeg'],
  webp: ['webp'],
  gif: ['gif'],
  xlsx: ['xlsx'],
  xls: ['xls'],
  ods: ['ods'],
  csv: ['csv'],
  txt: ['txt'],
};

/** The kind stored under a media type (attachments are stored with the type sniffed here). */
export function kindOfMediaType(mediaType: string): AttachmentKind | null {
  return ATTACHMENT_KINDS.find((kind) => MEDIA_TYPES[kind] === mediaType) ?? null;
}

/** For the file input's `accept`: a hint to the browser's picker, never trusted. */
export const ACCEPT_ATTRIBUTE = [...new Set(Object.values(EXTENSIONS).flat())].map((ext) => `.${ext}`).join(',');

/** 10 MB unless ATTACHMENT_MAX_BYTES says otherwise (see parseMaxBytes). */
export const DEFAULT_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/** The limit from ATTACHMENT_MAX_BYTES (whole bytes); unset or empty: the default. */
export function parseMaxBytes(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return DEFAULT_MAX_ATTACHMENT_BYTES;
  const bytes = Number(value.trim());
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(bytes) || bytes < 1) {
    throw new Error(`ATTACHMENT_MAX_BYTES must be a whole number of bytes, such as 10485760; it is "${value}".`);
  }
  return bytes;
}

/* ---------------------------------------------------------------------- */
/* File names                                                              */
/* ---------------------------------------------------------------------- */

const MAX_NAME_LENGTH = 200;

/**
 * The name as the uploader gave it, fit for display: no folders, no control characters, and
 * no bidirectional overrides (which make "report\u202Efdp.exe" read as "reportexe.pdf").
 */
export function cleanFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- control characters are what it removes
  const clean = base.normalize('NFC').replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, '').trim();
  if ([...clean].length <= MAX_NAME_LENGTH) return clean;
  // Too long: shorten the stem, keep the extension (it is checked against the content).
  const dot = clean.lastIndexOf('.');
  const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
  return [...clean.slice(0, clean.length - ext.length)].slice(0, MAX_NAME_LENGTH - ext.length).join('') + ext;
}

/** The extension in lower case, without the dot; '' if there is none. */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/**
 * A Content-Disposition header that downloads the file under its own name: an ASCII fallback
 * for old clients, and the real name percent-encoded (RFC 6266 / RFC 8187), so no quote,
 * semicolon or line break in a name can change the header.
 */
export function contentDisposition(fileName: string): string {
  const name = cleanFileName(fileName) || 'attachment';
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*!]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/* ---------------------------------------------------------------------- */
/* Sniffing                                                                */
/* ---------------------------------------------------------------------- */

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((byte, i) => bytes[at + i] === byte);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const u16 = (b: Uint8Array, at: number) => (at + 2 <= b.length ? b[at] | (b[at + 1] << 8) : -1);
const u32 = (b: Uint8Array, at: number) => (at + 4 <= b.length ? (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + b[at + 3] * 0x1000000 : -1);
const latin1 = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

/** The names of a ZIP archive's entries, from its central directory; null if it cannot be read. */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  // The end-of-central-directory record sits within the last 22 + 65535 (comment) bytes.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (startsWith(bytes, [0x50, 0x4b, 0x05, 0x06], at)) {
      end = at;
      break;
    }
  }
  if (end < 0) return null;
  let count = u16(bytes, end + 10);
  let offset = u32(bytes, end + 16);
  if (count === 0xffff || offset === 0xffffffff) {
    // ZIP64: the locator just before points at the ZIP64 end record (64-bit fields; a file
    // that fits our limit never needs their high halves).
    const locator = end - 20;
    if (!startsWith(bytes, [0x50, 0x4b, 0x06, 0x07], locator)) return null;
    const record = u32(bytes, locator + 8);
    if (!startsWith(bytes, [0x50, 0x4b, 0x06, 0x06], record)) return null;
    count = u32(bytes, record + 32);
    offset = u32(bytes, record + 48);
  }
  const names: string[] = [];
  const decoder = new TextDecoder('utf-8');
  for (let i = 0; i < count && i < 100_000; i++) {
    if (!startsWith(bytes, [0x50, 0x4b, 0x01, 0x02], offset)) return null;
    const nameLength = u16(bytes, offset + 28);
    const extra = u16(bytes, offset + 30);
    const comment = u16(bytes, offset + 32);
    if (offset + 46 + nameLength > bytes.length) return null;
    names.push(decoder.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)));
    offset += 46 + nameLength + extra + comment;
  }
  return names;
}

/** An OpenDocument file's declared type: its first entry, "mimetype", stored uncompressed. */
function openDocumentType(bytes: Uint8Array): string | null {
  const nameLength = u16(bytes, 26);
  if (u16(bytes, 8) !== 0 || nameLength !== 8 || latin1(bytes, 30, 38) !== 'mimetype') return null;
  const start = 30 + nameLength + u16(bytes, 28);
  const size = u32(bytes, 18);
  return size > 0 && size < 200 && start + size <= bytes.length ? latin1(bytes, start, start + size) : null;
}

function sniffZip(bytes: Uint8Array): ContentKind {
  const names = zipEntryNames(bytes);
  if (!names) return 'unknown';
  const odf = openDocumentType(bytes);
  if (odf === 'application/vnd.oasis.opendocument.spreadsheet') {
    return names.some((name) => name.startsWith('Basic/') || name.startsWith('Scripts/')) ? 'macro_workbook' : 'ods';
  }
  if (odf?.startsWith('application/vnd.oasis.opendocument.')) return 'opendocument';
  if (names.includes('[Content_Types].xml')) {
    if (names.some((name) => name.startsWith('xl/'))) {
      if (names.includes('xl/vbaProject.bin')) return 'macro_workbook';
      if (names.includes('xl/workbook.bin')) return 'xlsb';
      return 'xlsx';
    }
    if (names.some((name) => name.startsWith('word/'))) return 'word';
    if (names.some((name) => name.startsWith('ppt/'))) return 'powerpoint';
  }
  return 'zip';
}

const FREE_OR_END = 0xfffffffb; // sector numbers from here up are markers (end of chain, free, FAT, DIFAT)

/** The names in an OLE compound file's directory (Office 97 files); null if it cannot be read. */
export function compoundFileNames(bytes: Uint8Array): string[] | null {
  const shift = u16(bytes, 0x1e);
  if (shift !== 9 && shift !== 12) return null;
  const size = 1 << shift;
  const sector = (n: number) => (n + 1) * size;
  // The FAT's own sectors: 109 listed in the header, the rest in a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const n = u32(bytes, 0x4c + i * 4);
    if (n < 0 || n >= FREE_OR_END) break;
    fatSectors.push(n);
  }
  let difat = u32(bytes, 0x44);
  for (let hops = 0; difat >= 0 && difat < FREE_OR_END && hops < 1000; hops++) {
    const at = sector(difat);
    for (let i = 0; i < size / 4 - 1; i++) {
      const n = u32(bytes, at + i * 4);
      if (n >= 0 && n < FREE_OR_END) fatSectors.push(n);
    }
    difat = u32(bytes, at + size - 4);
  }
  const perSector = size / 4;
  const next = (n: number) => {
    const fat = fatSectors[Math.floor(n / perSector)];
    return fat === undefined ? -1 : u32(bytes, sector(fat) + (n % perSector) * 4);
  };
  const names: string[] = [];
  const seen = new Set<number>();
  for (let n = u32(bytes, 0x30); n >= 0 && n < FREE_OR_END && !seen.has(n); n = next(n)) {
    seen.add(n);
    const start = sector(n);
    if (start + size > bytes.length) return names.length > 0 ? names : null;
    for (let entry = start; entry < start + size; entry += 128) {
      const length = u16(bytes, entry + 0x40); // in bytes, with the terminating NUL
      const type = bytes[entry + 0x42];
      if (type === 0 || length < 2 || length > 64) continue; // unused entry
      let name = '';
      for (let i = 0; i < length - 2; i += 2) name += String.fromCharCode(u16(bytes, entry + i));
      names.push(name);
    }
  }
  return names;
}

function sniffCompoundFile(bytes: Uint8Array): ContentKind {
  const names = compoundFileNames(bytes);
  if (!names) return 'unknown';
  // An encrypted XLSX/DOCX is a compound file holding the real one as "EncryptedPackage".
  if (names.includes('EncryptedPackage')) return 'encrypted_office';
  if (names.includes('Workbook') || names.includes('Book')) return names.includes('_VBA_PROJECT_CUR') ? 'macro_workbook' : 'xls';
  if (names.includes('WordDocument')) return 'word';
  if (names.includes('PowerPoint Document')) return 'powerpoint';
  return 'office';
}

/** Control bytes that text files do contain: tab, line feed, form feed, carriage return, DOS end of file. */
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x1a]);

/** Text is valid UTF-8 without NUL bytes; markup (HTML, SVG, XML) is not taken as text. */
function sniffText(bytes: Uint8Array): ContentKind {
  if (bytes.includes(0)) return 'unknown';
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Not UTF-8 but free of control bytes: most likely a CSV saved in Windows-1252 ("CSV" rather
    // than "CSV UTF-8" in Excel), which deserves its own advice.
    return bytes.some((byte) => byte < 0x20 && !TEXT_CONTROLS.has(byte)) ? 'unknown' : 'legacy_text';
  }
  const start = text.trimStart().slice(0, 2048).toLowerCase();
  if (/^<[a-z!?/]/.test(start)) {
    if (start.includes('<svg')) return 'svg';
    if (/^<(\?xml|!--)/.test(start) && !/<(!doctype html|html|head|body|script)\b/.test(start)) return 'xml';
    return 'html';
  }
  return 'txt';
}

/** What the bytes are. Text comes back as 'txt'; the name decides whether it is a CSV. */
export function sniffContent(bytes: Uint8Array): ContentKind {
  if (startsWith(bytes, ascii('%PDF-'))) return 'pdf';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a'))) return 'gif';
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'webp';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return sniffZip(bytes);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return sniffCompoundFile(bytes);
  // A DOS/Windows header always has NUL bytes early on; a CSV whose first cell starts "MZ" has none.
  if (startsWith(bytes, ascii('MZ')) && bytes.subarray(0, 64).includes(0)) return 'program';
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return 'program';
  if ([[0xfe, 0xed, 0xfa, 0xce], [0xfe, 0xed, 0xfa, 0xcf], [0xcf, 0xfa, 0xed, 0xfe], [0xce, 0xfa, 0xed, 0xfe], [0xca, 0xfe, 0xba, 0xbe]].some((s) => startsWith(bytes, s))) {
    return 'program';
  }
  if (startsWith(bytes, ascii('ftyp'), 4) && ['heic', 'heix', 'mif1', 'msf1', 'avif'].includes(latin1(bytes, 8, 12))) return 'heic';
  if (startsWith(bytes, ascii('II*\0')) || startsWith(bytes, ascii('MM\0*'))) return 'tiff';
  if (startsWith(bytes, ascii('BM')) && u32(bytes, 2) === bytes.length) return 'bmp';
  if (startsWith(bytes, [0x1f, 0x8b]) || startsWith(bytes, ascii('Rar!')) || startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return 'archive';
  return sniffText(bytes);
}

/* ---------------------------------------------------------------------- */
/* The decision                                                            */
/* ---------------------------------------------------------------------- */

export type AttachmentProblem =
  | { code: 'no_file' }
  | { code: 'empty'; file: string }
  | { code: 'too_large'; file: string; limit: number }
  /** The name says one accepted kind, the content is something else. */
  | { code: 'mismatch'; file: string; expected: AttachmentKind; actual: ContentKind }
  /** Accepted content under a name that does not say so (no extension, or another one). */
  | { code: 'extension'; file: string; actual: AttachmentKind }
  | { code: 'not_allowed'; file: string; actual: RefusedKind }
  /** Removal refused: the attachment was submitted with a revision. */
  | { code: 'sealed'; file: string; revision: number };

export type AttachmentCheck = { ok: true; kind: AttachmentKind; mediaType: string; fileName: string } | { ok: false; problem: AttachmentProblem };

const ACCEPTED = new Set<string>(ATTACHMENT_KINDS);
const isAccepted = (kind: ContentKind): kind is AttachmentKind => ACCEPTED.has(kind);

/** The accepted kind a file's name claims, if any. */
export function kindOfName(name: string): AttachmentKind | null {
  const ext = extensionOf(name);
  return ATTACHMENT_KINDS.find((kind) => EXTENSIONS[kind].includes(ext)) ?? null;
}

/** Whether a file may be attached as it is: size, content, and a name that agrees with it. */
export function checkAttachment(input: { fileName: string; bytes: Uint8Array; maxBytes: number }): AttachmentCheck {
  const file = cleanFileName(input.fileName);
  if (file === '' && input.bytes.length === 0) return { ok: false, problem: { code: 'no_file' } };
  if (input.bytes.length === 0) return { ok: false, problem: { code: 'empty', file } };
  if (input.bytes.length > input.maxBytes) return { ok: false, problem: { code: 'too_large', file, limit: input.maxBytes } };
  const sniffed = sniffContent(input.bytes);
  const claimed = kindOfName(file);
  // Text is CSV or plain text by its name; either name fits text content.
  const actual: ContentKind = sniffed === 'txt' && claimed === 'csv' ? 'csv' : sniffed;
  if (claimed && claimed !== actual) return { ok: false, problem: { code: 'mismatch', file, expected: claimed, actual } };
  if (!isAccepted(actual)) return { ok: false, problem: { code: 'not_allowed', file, actual } };
  if (!claimed) return { ok: false, problem: { code: 'extension', file, actual } };
  return { ok: true, kind: actual, mediaType: MEDIA_TYPES[actual], fileName: file };
}

/* ---------------------------------------------------------------------- */
/* Messages                                                                */
/* ---------------------------------------------------------------------- */

/** "12 KB", "3.4 MB" (1 KB = 1024 bytes, as file managers count). */
export function formatSize(t: Translate, bytes: number): string {
  const one = (value: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: value < 10 ? 1 : 0 }).format(value);
  if (bytes < 1024) return t('attachments.size.bytes', { size: bytes });
  if (bytes < 1024 * 1024) return t('attachments.size.kb', { size: one(bytes / 1024) });
  return t('attachments.size.mb', { size: one(bytes / (1024 * 1024)) });
}

/** What refusing a kind of content tells the uploader to do instead. */
function adviceFor(t: Translate, kind: ContentKind): string {
  if (kind === 'encrypted_office') return t('attachments.advice.encrypted');
  if (kind === 'macro_workbook') return t('attachments.advice.macros');
  if (kind === 'heic') return t('attachments.advice.heic');
  if (kind === 'legacy_text') return t('attachments.advice.utf8');
  return t('attachments.error.notAllowed');
}

/** The message for a problem, in the catalog's words. */
export function describeAttachmentProblem(t: Translate, problem: AttachmentProblem): string {
  switch (problem.code) {
    case 'no_file':
      return t('attachments.error.noFile');
    case 'empty':
      return t('attachments.error.empty', { file: problem.file });
    case 'too_large':
      return t('attachments.error.tooLarge', { file: problem.file, limit: formatSize(t, problem.limit) });
    case 'mismatch': {
      const sentence = t('attachments.error.mismatch', { file: problem.file, expected: t(`attachments.kind.${problem.expected}`), actual: t(`attachments.kind.${problem.actual}`) });
      return isAccepted(problem.actual) ? sentence : `${sentence} ${adviceFor(t, problem.actual)}`;
    }
    case 'extension':
      return t('attachments.error.extension', { file: problem.file, actual: t(`attachments.kind.${problem.actual}`), extensions: `.${EXTENSIONS[problem.actual][0]}` });
    case 'not_allowed': {
      const sentence =
        problem.actual === 'unknown'
          ? t('attachments.error.unknownContent', { file: problem.file })
          : t('attachments.error.refusedContent', { file: problem.file, actual: t(`attachments.kind.${problem.actual}`) });
      return `${sentence} ${adviceFor(t, problem.actual)}`;
    }
    case 'sealed':
      return t('attachments.error.sealed', { file: problem.file, revision: problem.revision });
  }
}

/* ---------------------------------------------------------------------- */
/* Problems through a redirect                                             */
/* ---------------------------------------------------------------------- */

/** The query string that carries a problem to the filing page (the limit is the server's, not the URL's). */
export function problemToQuery(problem: AttachmentProblem): URLSearchParams {
  const { code, ...rest } = problem;
  const fields: Record<string, string> = { attachmentError: code };
  for (const [key, value] of Object.entries(rest)) if (key !== 'limit') fields[key] = String(value);
  return new URLSearchParams(fields);
}
