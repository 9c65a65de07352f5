/**
 * The breakdowns of people transferred to ICE (PEOPLE metrics) as they may be published: summed
 * over a range of periods, small cells suppressed (suppression.ts), and the share of people
 * whose most serious charge was a traffic offence or a misdemeanor, given only when it reveals
 * no suppressed cell. Plain TypeScript.
 */
import { BREAKDOWN_GROUPS, METRICS } from '~/reporting/metrics';
import { percent } from './figures';
import { publishableSum, suppressGroup, type BreakdownGroupInput } from './suppression';

export interface GroupSums {
  /** Whole people per cell key, over the reports that gave this breakdown. */
  cells: Record<string, number>;
  /** Agency-periods whose counted report gave the breakdown. */
  periods: number;
}

export interface PublicCell {
  key: string;
  label: string;
  /** Whole people as a decimal string, or null when suppressed. */
  value: string | null;
  suppressed: boolean;
  reason: 'suppressed' | null;
}

export interface PublicBreakdown {
  id: string;
  heading: string;
  /** People transferred in the reports that gave this breakdown (the sum of its cells). */
  total: string;
  /** Agency-periods that reported it. */
  periodsReported: number;
  cells: PublicCell[];
  suppressedCells: number;
}

export interface LowLevelCharges {
  /** Traffic + misdemeanor as the most serious charge, or null when not published. */
  people: string | null;
  /** Out of the charge breakdown's total. */
  of: string | null;
  /** people / of in percent, one decimal ("42.9"). */
  percent: string | null;
  /** Why null: the charge breakdown was not reported, or giving it would reveal a suppressed cell. */
  reason: 'not_reported' | 'suppressed' | null;
}

export const CHARGE_GROUP = 'transferred_by_charge';
export const LOW_LEVEL_CHARGE_KEYS = ['transferred_by_charge.traffic', 'transferred_by_charge.misdemeanor'];

/** Every breakdown cell key, in catalogue order. */
export const BREAKDOWN_CELL_KEYS: readonly string[] = METRICS.filter((metric) => metric.group).map((metric) => metric.key);

function groupInput(id: string, sums: GroupSums): BreakdownGroupInput {
  const cells = METRICS.filter((metric) => metric.group === id).map((metric) => ({ key: metric.key, count: sums.cells[metric.key] ?? 0 }));
  return { id, total: cells.reduce((total, cell) => total + cell.count, 0), cells };
}

/**
 * The published breakdowns, in catalogue order, for the groups that were reported at least once
 * (a group nobody reported is left out: it is not a group of zeros), and the low-level charge share.
 */
export function publishBreakdowns(sums: Record<string, GroupSums>, threshold: number): { groups: PublicBreakdown[]; lowLevelCharges: LowLevelCharges } {
  const groups: PublicBreakdown[] = [];
  let lowLevelCharges: LowLevelCharges = { people: null, of: null, percent: null, reason: 'not_reported' };
  for (const group of BREAKDOWN_GROUPS) {
    const reported = sums[group.id];
    if (!reported || reported.periods === 0) continue;
    const input = groupInput(group.id, reported);
    const published = suppressGroup(input, threshold);
    groups.push({
      id: group.id,
      heading: group.heading,
      total: String(published.total),
      periodsReported: reported.periods,
      cells: published.cells.map((cell) => ({
        key: cell.key,
        label: METRICS.find((metric) => metric.key === cell.key)!.label,
        value: cell.value === null ? null : String(cell.value),
        suppressed: cell.suppressed,
        reason: cell.reason,
      })),
      suppressedCells: published.suppressedCells,
    });
    if (group.id === CHARGE_GROUP) {
      const people = publishableSum(input, published, LOW_LEVEL_CHARGE_KEYS);
      lowLevelCharges =
        people === null
          ? { people: null, of: String(input.total), percent: null, reason: 'suppressed' }
          : { people: String(people), of: String(input.total), percent: percent(people, input.total), reason: null };
    }
  }
  return { groups, lowLevelCharges };
}
