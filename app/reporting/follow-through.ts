/**
 * Refusals to report and notices of non-compliance (issue 15, point 3): the rules a reviewer's
 * entries must meet, the letter a refusal may carry, and periods named by their keys. Plain
 * TypeScript (no Remix, no Prisma): the services in refusals.server.ts and notices.server.ts
 * apply these, the pages word the problems with their message keys. Safe in the browser.
 */
import { formatDate, type Locale, type MessageKey, type Translate } from '~/i18n/i18n';
import { hasControlCharacters } from '~/utils/nul-bytes';
import { cleanFileName, extensionOf, sniffContent, zipEntryNames } from './attachment-types';
import { addDays, isCalendarDate } from './calendar';
import { periodLabel } from './period-label';

/* ---------------------------------------------------------------------- */
/* Periods by key                                                          */
/* ---------------------------------------------------------------------- */

const lastDay = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const pad = (n: number) => String(n).padStart(2, '0');

/** A period key of the calendar ('2025', '2025-Q3', '2025-07') as its first and last days; null for anything else. */
export function periodOfKey(key: string): { start: string; end: string } | null {
  const match = /^(\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/.exec(key);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 1) return null;
  const [first, last] = match[2] ? [Number(match[2]) * 3 - 2, Number(match[2]) * 3] : match[3] ? [Number(match[3]), Number(match[3])] : [1, 12];
  return { start: `${match[1]}-${pad(first)}-01`, end: `${match[1]}-${pad(last)}-${pad(lastDay(year, last))}` };
}

/** A period key as people say it ("July–September 2025"); a key that is not one stays as it is. */
export function periodKeyLabel(key: string, locale: 'en' | 'es' = 'en'): string {
  const period = periodOfKey(key);
  return period ? periodLabel(period.start, period.end, locale) : key;
}

/* ---------------------------------------------------------------------- */
/* Problems                                                                */
/* ---------------------------------------------------------------------- */

/** What is wrong with an entry, by field, as a message key with its parameters for the page to word. */
export interface FollowProblem {
  field: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** Shorter than this, a statement or a way of sending says nothing. */
export const MIN_STATEMENT_LENGTH = 10;
export const MAX_STATEMENT_LENGTH = 10_000;
export const MIN_SENT_HOW_LENGTH = 3;
export const MAX_SENT_HOW_LENGTH = 300;
/** How far ahead a notice may set its response date. */
export const MAX_RESPONSE_DAYS = 366;

const length = (text: string) => [...text].length;

function textProblems(field: string, text: string, min: number, max: number, required: MessageKey): FollowProblem[] {
  if (hasControlCharacters(text)) return [{ field, key: 'form.controlCharacters' }];
  if (length(text.trim()) < min) return [{ field, key: required, params: { min } }];
  if (length(text) > max) return [{ field, key: 'followThrough.error.tooLong', params: { max } }];
  return [];
}

/** A past or present day: the date of a letter or of a sending. */
function pastDayProblems(field: string, date: string, today: string): FollowProblem[] {
  if (!isCalendarDate(date) || date < '1900-01-01') return [{ field, key: 'followThrough.error.date' }];
  if (date > today) return [{ field, key: 'followThrough.error.dateFuture' }];
  return [];
}

/**
 * A refusal: at least one period, each among those `allowed` (due or overdue without a report),
 * the date of the letter (not in the future), and a statement.
 */
export function refusalProblems(input: { periodKeys: string[]; declinedOn: string; statement: string }, allowed: string[], today: string): FollowProblem[] {
  const problems: FollowProblem[] = [];
  const unknown = input.periodKeys.find((key) => !allowed.includes(key));
  if (input.periodKeys.length === 0) problems.push({ field: 'periodKeys', key: 'refusal.error.periods' });
  else if (unknown !== undefined) problems.push({ field: 'periodKeys', key: 'refusal.error.periodUnknown', params: { period: unknown } });
  problems.push(...pastDayProblems('declinedOn', input.declinedOn, today));
  problems.push(...textProblems('statement', input.statement, MIN_STATEMENT_LENGTH, MAX_STATEMENT_LENGTH, 'refusal.error.statement'));
  return problems;
}

/** A notice: some period to give notice of, and a response date after today, within a year. */
export function noticeProblems(input: { respondBy: string; missing: number }, today: string): FollowProblem[] {
  const problems: FollowProblem[] = [];
  if (input.missing === 0) problems.push({ field: '_form', key: 'notice.error.nothingMissing' });
  if (!isCalendarDate(input.respondBy)) problems.push({ field: 'respondBy', key: 'followThrough.error.date' });
  else if (input.respondBy <= today || input.respondBy > addDays(today, MAX_RESPONSE_DAYS)) {
    problems.push({ field: 'respondBy', key: 'notice.error.respondBy', params: { max: MAX_RESPONSE_DAYS } });
  }
  return problems;
}

/** The sending of a notice: a day between its making and today, and how it went. */
export function noticeSentProblems(input: { sentOn: string; sentHow: string }, generatedOn: string, today: string): FollowProblem[] {
  const problems = pastDayProblems('sentOn', input.sentOn, today);
  if (problems.length === 0 && input.sentOn < generatedOn) problems.push({ field: 'sentOn', key: 'notice.error.sentBeforeMade', params: { date: generatedOn } });
  problems.push(...textProblems('sentHow', input.sentHow, MIN_SENT_HOW_LENGTH, MAX_SENT_HOW_LENGTH, 'notice.error.sentHow'));
  return problems;
}

/* ---------------------------------------------------------------------- */
/* The letter a refusal may carry                                          */
/* ---------------------------------------------------------------------- */

/** A refusal's letter: a PDF, a scan or photo (PNG, JPEG), or a Word document (DOCX, without macros). */
export const LETTER_KINDS = ['pdf', 'png', 'jpeg', 'docx'] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const LETTER_MEDIA_TYPES: Record<LetterKind, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};
const LETTER_EXTENSIONS: Record<LetterKind, string[]> = { pdf: ['pdf'], png: ['png'], jpeg: ['jpg', 'jpeg'], docx: ['docx'] };

/** For the file input's `accept`: a hint to the picker, never trusted. */
export const LETTER_ACCEPT = Object.values(LETTER_EXTENSIONS)
  .flat()
  .map((ext) => `.${ext}`)
  .join(',');

/** What the bytes are, as far as a letter goes: a DOCX is a ZIP with a word/ part and no macros (a .doc or a .docm is not taken). */
function letterKind(bytes: Uint8Array): LetterKind | null {
  const sniffed = sniffContent(bytes);
  if (sniffed === 'pdf' || sniffed === 'png' || sniffed === 'jpeg') return sniffed;
  if (sniffed === 'word' && bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const names = zipEntryNames(bytes) ?? [];
    return names.includes('word/document.xml') && !names.some((name) => /vbaProject\.bin$/i.test(name)) ? 'docx' : null;
  }
  return null;
}

/** A size limit as people read it: "10 MB", "1.5 MB", "4 KB" (1 KB = 1024 bytes). */
export function sizeLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Number((bytes / (1024 * 1024)).toFixed(1))} MB` : `${Math.max(1, Math.floor(bytes / 1024))} KB`;
}

export type LetterCheck = { ok: true; kind: LetterKind; mediaType: string; fileName: string } | { ok: false; problem: FollowProblem };

/** Whether a file may be kept as a refusal's letter: size, content, and a name that agrees with it. */
export function checkLetter(input: { fileName: string; bytes: Uint8Array; maxBytes: number }): LetterCheck {
  const file = cleanFileName(input.fileName) || 'letter';
  const refuse = (key: MessageKey, params: Record<string, string | number> = {}): LetterCheck => ({ ok: false, problem: { field: 'letter', key, params: { file, ...params } } });
  if (input.bytes.length === 0) return refuse('refusal.error.letterEmpty');
  if (input.bytes.length > input.maxBytes) return refuse('refusal.error.letterTooLarge', { limit: sizeLimit(input.maxBytes) });
  const kind = letterKind(input.bytes);
  if (!kind) return refuse('refusal.error.letterType');
  const ext = extensionOf(file);
  if (!LETTER_EXTENSIONS[kind].includes(ext)) return refuse('refusal.error.letterName', { ext: LETTER_EXTENSIONS[kind][0] });
  return { ok: true, kind, mediaType: LETTER_MEDIA_TYPES[kind], fileName: file };
}

/** A problem in the reader's words; its dates as the reader writes them. */
export function describeFollowProblem(t: Translate, problem: FollowProblem, locale: Locale): string {
  const params = Object.fromEntries(Object.entries(problem.params ?? {}).map(([name, value]) => [name, typeof value === 'string' && isCalendarDate(value) ? formatDate(value, locale) : value]));
  return t(problem.key, params);
}

/** The problems of an entry by field (the first for each), worded. */
export function describeFollowProblems(t: Translate, problems: FollowProblem[], locale: Locale): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const problem of problems) errors[problem.field] ??= describeFollowProblem(t, problem, locale);
  return errors;
}
