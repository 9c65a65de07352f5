/**
 * Small-count suppression of breakdown cells (people transferred to ICE by charge, sex, …) on
 * public pages and in public downloads. Plain TypeScript: no Remix, no Prisma.
 *
 * The rule, for one breakdown group whose total is public (it is: transfers to ICE are shown
 * per period, so a group's total can always be worked out):
 *
 * 1. Primary: a cell of 1 to threshold − 1 people is hidden.
 *    A zero is shown as zero: it describes nobody, so it cannot identify anybody, and hiding it
 *    would make "none" look like "not reported".
 * 2. Complementary: anyone can compute the hidden cells' sum as total − shown cells. So while
 *    that sum would still tell too much, the next cell is hidden too: the smallest shown non-zero
 *    cell first (ties: catalogue order); once none is left, a zero cell (catalogue order),
 *    which adds doubt because the reader no longer knows that every hidden cell is at least 1.
 *    The hidden cells are enough when
 *      - there are at least two of them (one hidden cell equals total − shown),
 *      - their sum is at least the threshold (the remainder is never itself a small count), and
 *      - they are not all ones (k hidden cells summing to k would each be 1), unless a zero is
 *        among them.
 *    If the whole group is hidden and that is still not enough (a total under the threshold),
 *    the group is shown as its total alone: the total is public anyway, and the hiding stops
 *    there rather than hiding the total, which the activity figures publish per period.
 *
 * Hidden cells keep `value: null` and `reason: 'suppressed'`, whatever hid them, so a reader
 * cannot tell a small cell from its complement. The unit tests try every set of hidden values a
 * reader could test against the published group (whole numbers; hidden cells ≥ 1 while a non-zero
 * cell is shown; at least one of them small) and find none pinned to a single value.
 *
 * Known limits, as with statistical agencies' tables: someone who replays this exact procedure
 * on every candidate (using that a complement is the smallest shown cell, say) can sometimes
 * narrow a hidden cell further; and this protects one table at a time, so two tables over
 * overlapping ranges (all periods, and all periods but the last) can be subtracted from each
 * other. Pages should offer fixed ranges.
 */

export const DEFAULT_SUPPRESSION_THRESHOLD = 5;

export interface BreakdownCellInput {
  key: string;
  /** Whole people; a cell the reports left empty in a reported group is 0 (rules.ts). */
  count: number;
}

export interface BreakdownGroupInput {
  id: string;
  /** The group's total (transfers to ICE over the same reports). */
  total: number;
  /** In catalogue order. */
  cells: BreakdownCellInput[];
}

export type PublishedCell =
  | { key: string; value: number; suppressed: false; reason: null }
  | { key: string; value: null; suppressed: true; reason: 'suppressed' };

export interface PublishedGroup {
  id: string;
  total: number;
  cells: PublishedCell[];
  /** How many cells are hidden. */
  suppressedCells: number;
  threshold: number;
}

/**
 * The threshold from its environment variable: a whole number ≥ 1 (1 hides nothing), default 5
 * when unset or empty. Anything else throws, so a typo never silently weakens the protection.
 */
export function parseSuppressionThreshold(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_SUPPRESSION_THRESHOLD;
  const text = raw.trim();
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text)) || Number(text) < 1) {
    throw new Error(`PUBLIC_SUPPRESSION_THRESHOLD must be a whole number of at least 1, not "${raw}".`);
  }
  return Number(text);
}

function checkInput(group: BreakdownGroupInput, threshold: number) {
  if (!Number.isSafeInteger(threshold) || threshold < 1) throw new Error(`Suppression threshold must be a whole number ≥ 1, got ${threshold}`);
  for (const value of [group.total, ...group.cells.map((cell) => cell.count)]) {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`Group ${group.id}: counts must be whole numbers ≥ 0, got ${value}`);
  }
}

/** Whether hiding these cells leaves nothing small to work out (see the rule above). */
function enough(hidden: BreakdownCellInput[], threshold: number): boolean {
  const sum = hidden.reduce((total, cell) => total + cell.count, 0);
  const hasZero = hidden.some((cell) => cell.count === 0);
  return hidden.length >= 2 && sum >= threshold && (sum > hidden.length || hasZero);
}

/** The keys of the cells to hide. */
export function suppressedKeys(group: BreakdownGroupInput, threshold: number): Set<string> {
  checkInput(group, threshold);
  const hidden = group.cells.filter((cell) => cell.count >= 1 && cell.count < threshold);
  if (hidden.length === 0) return new Set();
  const order = new Map(group.cells.map((cell, index) => [cell.key, index]));
  const byIndex = (a: BreakdownCellInput, b: BreakdownCellInput) => order.get(a.key)! - order.get(b.key)!;
  const candidates = [
    ...group.cells.filter((cell) => cell.count >= threshold).sort((a, b) => a.count - b.count || byIndex(a, b)),
    ...group.cells.filter((cell) => cell.count === 0),
  ];
  for (const candidate of candidates) {
    if (enough(hidden, threshold)) break;
    hidden.push(candidate);
  }
  return new Set(hidden.map((cell) => cell.key));
}

/** The group as it may be published: small cells and their complements hidden. */
export function suppressGroup(group: BreakdownGroupInput, threshold: number): PublishedGroup {
  const hidden = suppressedKeys(group, threshold);
  return {
    id: group.id,
    total: group.total,
    cells: group.cells.map(
      (cell): PublishedCell =>
        hidden.has(cell.key)
          ? { key: cell.key, value: null, suppressed: true, reason: 'suppressed' }
          : { key: cell.key, value: cell.count, suppressed: false, reason: null },
    ),
    suppressedCells: hidden.size,
    threshold,
  };
}

/**
 * The sum of some cells of a group (e.g. traffic + misdemeanor charges), but only when the
 * published group already gives it away: all of them shown, or every hidden cell among them
 * (their sum is then total − shown cells). Otherwise null: publishing it would reveal a hidden
 * cell (traffic hidden, misdemeanor shown: the sum minus misdemeanor is traffic).
 */
export function publishableSum(group: BreakdownGroupInput, published: PublishedGroup, keys: string[]): number | null {
  const wanted = new Set(keys);
  const hidden = published.cells.filter((cell) => cell.suppressed).map((cell) => cell.key);
  const hiddenWanted = hidden.filter((key) => wanted.has(key));
  if (hiddenWanted.length > 0 && hiddenWanted.length < hidden.length) return null;
  return group.cells.filter((cell) => wanted.has(cell.key)).reduce((total, cell) => total + cell.count, 0);
}
