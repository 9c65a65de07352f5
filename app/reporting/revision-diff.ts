/**
 * What changed between two revisions of a report, figure by figure, and which changed figures
 * the amendment's reason does not seem to mention. A reviewer reads an amendment against its
 * reason; a figure that moved without a word (a draft value carried over into an amendment
 * about something else) is what they most need to see. Plain TypeScript.
 *
 * "Mentioned" is a heuristic, meant to draw the eye, never to refuse anything: a figure is
 * mentioned when a significant word of one of its names (the metric's label in each language,
 * its key) appears in the reason, compared by a crude stem so "detainer" finds "Detainers
 * received" and "costs" finds "Gross cost". It errs towards "mentioned" (a reason about
 * detainers covers every detainer figure), so a flag means the reason names nothing like it.
 */

export type FigureChangeKind = 'unchanged' | 'changed' | 'added' | 'removed';

export interface FigureChange {
  key: string;
  /** The stored value in the earlier revision; null: not reported there. */
  before: string | null;
  /** The stored value in this revision; null: not reported. */
  after: string | null;
  kind: FigureChangeKind;
  /** For a figure that changed: whether the reason seems to mention it (always true when unchanged). */
  mentioned: boolean;
}

export interface RevisionDiff {
  figures: FigureChange[];
  /** Keys of the figures that changed (added and removed included), in the order given. */
  changed: string[];
  /** Keys of the changed figures the reason does not seem to mention. */
  unmentioned: string[];
}

/** "12500.50" and "12500.5" are the same figure; anything that is not a plain number compares as written. */
function sameValue(a: string, b: string): boolean {
  const plain = /^-?\d+(\.\d+)?$/;
  if (!plain.test(a) || !plain.test(b)) return a.trim() === b.trim();
  const normal = (text: string) => {
    const [whole, fraction = ''] = text.replace(/^(-?)0+(?=\d)/, '$1').split('.');
    const trimmed = fraction.replace(/0+$/, '');
    const result = trimmed ? `${whole}.${trimmed}` : whole;
    return result === '-0' ? '0' : result;
  };
  return normal(a) === normal(b);
}

/** Words too common in labels and reasons to tell figures apart (English and Spanish). */
const STOP_WORDS = new Set([
  'with',
  'from',
  'that',
  'this',
  'were',
  'have',
  'after',
  'before',
  'into',
  'other',
  'para',
  'como',
  'desde',
  'otro',
  'otra',
  'unknown',
  'desconocido',
  'figure',
  'figures',
  'cifra',
  'cifras',
  'report',
  'reports',
  'informe',
  'informes',
  'number',
  'numero',
  'total',
  'totales',
]);

/** Lower case, no accents, split on anything that is not a letter or digit. */
function words(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 4 && !/^\d+$/.test(word) && !STOP_WORDS.has(word));
}

/** A crude stem: no plural s, then at most five letters ("detainers" and "detainer" → "detai"). */
const stem = (word: string) => word.replace(/s$/, '').slice(0, 5);

/** Whether the reason shares a significant word (by stem) with any of the figure's names. */
export function mentions(reason: string, names: readonly string[]): boolean {
  const said = new Set(words(reason).map(stem));
  return names.some((name) => words(name.replace(/[_.]/g, ' ')).some((word) => said.has(stem(word))));
}

export interface RevisionDiffInput {
  /** The figures to compare, in the order to show them. */
  keys: readonly string[];
  before: Readonly<Record<string, string>>;
  after: Readonly<Record<string, string>>;
  /** The amendment's reason; null or empty: nothing is mentioned. */
  reason: string | null;
  /** The names a reason might use for a figure: its labels in each language, its key. */
  namesOf: (key: string) => readonly string[];
}

/** Each figure's value before and after, what kind of change it is, and whether the reason mentions it. */
export function revisionDiff({ keys, before, after, reason, namesOf }: RevisionDiffInput): RevisionDiff {
  const figures = keys.map((key): FigureChange => {
    const was = Object.hasOwn(before, key) ? before[key] : null;
    const now = Object.hasOwn(after, key) ? after[key] : null;
    const kind: FigureChangeKind = was === null ? (now === null ? 'unchanged' : 'added') : now === null ? 'removed' : sameValue(was, now) ? 'unchanged' : 'changed';
    return { key, before: was, after: now, kind, mentioned: kind === 'unchanged' || mentions(reason ?? '', namesOf(key)) };
  });
  const changed = figures.filter((figure) => figure.kind !== 'unchanged');
  return { figures, changed: changed.map((figure) => figure.key), unmentioned: changed.filter((figure) => !figure.mentioned).map((figure) => figure.key) };
}
