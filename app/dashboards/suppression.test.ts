import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SUPPRESSION_THRESHOLD,
  parseSuppressionThreshold,
  publishableSum,
  suppressGroup,
  type BreakdownGroupInput,
  type PublishedGroup,
} from './suppression';

const group = (counts: Record<string, number>, total?: number): BreakdownGroupInput => ({
  id: 'transferred_by_charge',
  total: total ?? Object.values(counts).reduce((a, b) => a + b, 0),
  cells: Object.entries(counts).map(([key, count]) => ({ key, count })),
});

const shown = (published: PublishedGroup) =>
  Object.fromEntries(published.cells.map((cell) => [cell.key, cell.value]));

/** Every way of giving the hidden cells values (≥ 0) that add up to their known sum. */
function* assignments(size: number, sum: number): Generator<number[]> {
  if (size === 1) {
    yield [sum];
    return;
  }
  for (let first = 0; first <= sum; first++) for (const rest of assignments(size - 1, sum - first)) yield [first, ...rest];
}

/**
 * What a reader can work out about each hidden cell from the published group: the values it can
 * take in some group with the same total and shown cells, given what anyone reading this module
 * knows: counts are whole numbers, zeros are hidden only once no non-zero cell is left to hide
 * (so while a non-zero cell is shown, every hidden cell is at least 1), and at least one hidden
 * cell is a small count (1 to threshold − 1).
 */
function possibleValues(published: PublishedGroup, threshold: number): Map<string, Set<number>> {
  const hiddenKeys = published.cells.filter((cell) => cell.suppressed).map((cell) => cell.key);
  const shownSum = published.cells.reduce((total, cell) => total + (cell.value ?? 0), 0);
  const least = published.cells.some((cell) => !cell.suppressed && cell.value! > 0) ? 1 : 0;
  const possible = new Map(hiddenKeys.map((key) => [key, new Set<number>()]));
  for (const values of assignments(hiddenKeys.length, published.total - shownSum)) {
    if (values.some((value) => value < least)) continue;
    if (!values.some((value) => value >= 1 && value < threshold)) continue;
    hiddenKeys.forEach((key, i) => possible.get(key)!.add(values[i]));
  }
  return possible;
}

describe('suppressGroup', () => {
  it('hides a cell of 3 and a complementary cell, shows the total, and leaves 3 impossible to work out', () => {
    const input = group({ traffic: 3, misdemeanor: 12, felony: 20, none_or_civil: 7 });
    const published = suppressGroup(input, 5);
    expect(published.total).toBe(42);
    expect(shown(published)).toEqual({ traffic: null, misdemeanor: 12, felony: 20, none_or_civil: null });
    expect(published.cells.filter((cell) => cell.suppressed).map((cell) => cell.reason)).toEqual(['suppressed', 'suppressed']);
    expect(published.suppressedCells).toBe(2);

    // Total minus the shown cells gives only the hidden pair's sum: 10.
    const possible = possibleValues(published, 5);
    expect([...possible.get('traffic')!].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 6, 7, 8, 9]);
    expect(possible.get('traffic')!.size).toBeGreaterThan(1);
  });

  it('shows zeros: nobody is in them, and hiding them would read as "not reported"', () => {
    expect(shown(suppressGroup(group({ traffic: 0, misdemeanor: 12, felony: 20, none_or_civil: 0 }), 5))).toEqual({
      traffic: 0,
      misdemeanor: 12,
      felony: 20,
      none_or_civil: 0,
    });
  });

  it('hides nothing when no cell is small, and nothing with a threshold of 1', () => {
    expect(suppressGroup(group({ a: 5, b: 9, c: 0 }), 5).suppressedCells).toBe(0);
    expect(suppressGroup(group({ a: 1, b: 2, c: 0 }), 1).suppressedCells).toBe(0);
  });

  it('takes the smallest non-zero cell as the complement, the first in order on a tie', () => {
    expect(shown(suppressGroup(group({ a: 2, b: 9, c: 6, d: 6 }), 5))).toEqual({ a: null, b: 9, c: null, d: 6 });
  });

  it('needs no complement when two small cells already add up to the threshold', () => {
    expect(shown(suppressGroup(group({ a: 2, b: 3, c: 40 }), 5))).toEqual({ a: null, b: null, c: 40 });
  });

  it('adds a complement when the small cells add up to less than the threshold', () => {
    // 1 + 2 = 3 would be "the two hidden cells hold 3 people".
    expect(shown(suppressGroup(group({ a: 1, b: 2, c: 40, d: 8 }), 5))).toEqual({ a: null, b: null, c: 40, d: null });
  });

  it('hides a zero when no non-zero cell is left to hide', () => {
    // Hiding 1 and 4 alone would be enough by count; here the pair is 5 ≥ 5 already.
    expect(shown(suppressGroup(group({ a: 1, b: 4, c: 0 }), 5))).toEqual({ a: null, b: null, c: 0 });
    // 1 + 1 + 1 + 1 + 1 = 5 hidden ones would each be 1: a zero joins them.
    expect(shown(suppressGroup(group({ a: 1, b: 1, c: 1, d: 1, e: 1, f: 0, g: 0 }), 5))).toEqual({
      a: null,
      b: null,
      c: null,
      d: null,
      e: null,
      f: null,
      g: 0,
    });
  });

  it('hides every cell of a group whose total is under the threshold, keeping the public total', () => {
    const published = suppressGroup(group({ traffic: 2, misdemeanor: 1, felony: 0, none_or_civil: 0 }), 5);
    expect(published.total).toBe(3);
    expect(published.cells.every((cell) => cell.suppressed)).toBe(true);
  });

  it('refuses counts that are not whole numbers ≥ 0', () => {
    expect(() => suppressGroup(group({ a: 1.5, b: 3 }), 5)).toThrow(/whole numbers/);
    expect(() => suppressGroup(group({ a: -1, b: 3 }), 5)).toThrow(/whole numbers/);
    expect(() => suppressGroup(group({ a: 1, b: 3 }), 0)).toThrow(/threshold/);
  });

  it('never lets arithmetic on the published group pin down a hidden cell (every group of 3 cells up to 12, of 4 cells up to 5)', () => {
    const threshold = 5;
    const failures: string[] = [];
    const check = (counts: number[]) => {
      const input = group(Object.fromEntries(counts.map((count, i) => [`c${i}`, count])));
      const published = suppressGroup(input, threshold);
      if (published.suppressedCells === 0) {
        if (counts.some((count) => count > 0 && count < threshold)) failures.push(`${counts}: small cell shown`);
        return;
      }
      for (const [key, values] of possibleValues(published, threshold)) {
        if (values.size < 2) failures.push(`${counts}: ${key} can only be ${[...values]}`);
      }
    };
    for (let a = 0; a <= 12; a++) for (let b = 0; b <= 12; b++) for (let c = 0; c <= 12; c++) check([a, b, c]);
    for (let a = 0; a <= 5; a++) for (let b = 0; b <= 5; b++) for (let c = 0; c <= 5; c++) for (let d = 0; d <= 5; d++) check([a, b, c, d]);
    expect(failures).toEqual([]);
  });
});

describe('publishableSum', () => {
  const keys = ['traffic', 'misdemeanor'];

  it('gives the sum when its cells are all shown', () => {
    const input = group({ traffic: 12, misdemeanor: 15, felony: 3, none_or_civil: 9 });
    const published = suppressGroup(input, 5);
    expect(shown(published)).toEqual({ traffic: 12, misdemeanor: 15, felony: null, none_or_civil: null });
    expect(publishableSum(input, published, keys)).toBe(27);
  });

  it('gives the sum when its cells are exactly the hidden ones (total − shown tells it anyway)', () => {
    const input = group({ traffic: 3, misdemeanor: 7, felony: 20, none_or_civil: 12 });
    const published = suppressGroup(input, 5);
    expect(shown(published)).toEqual({ traffic: null, misdemeanor: null, felony: 20, none_or_civil: 12 });
    expect(publishableSum(input, published, keys)).toBe(10);
  });

  it('withholds the sum when it would reveal a hidden cell', () => {
    // traffic hidden with felony as its complement, misdemeanor shown: the sum minus 12 would be 3.
    const input = group({ traffic: 3, misdemeanor: 12, felony: 7, none_or_civil: 20 });
    const published = suppressGroup(input, 5);
    expect(shown(published)).toEqual({ traffic: null, misdemeanor: 12, felony: null, none_or_civil: 20 });
    expect(publishableSum(input, published, keys)).toBeNull();
  });
});

describe('parseSuppressionThreshold', () => {
  it('defaults to 5 and reads whole numbers ≥ 1', () => {
    expect(DEFAULT_SUPPRESSION_THRESHOLD).toBe(5);
    expect(parseSuppressionThreshold(undefined)).toBe(5);
    expect(parseSuppressionThreshold('  ')).toBe(5);
    expect(parseSuppressionThreshold('11')).toBe(11);
    expect(parseSuppressionThreshold(' 1 ')).toBe(1);
  });

  it('refuses anything else rather than fall back to a weaker threshold', () => {
    for (const raw of ['0', '-3', '2.5', 'ten', '1e3']) expect(() => parseSuppressionThreshold(raw)).toThrow(/PUBLIC_SUPPRESSION_THRESHOLD/);
  });
});
