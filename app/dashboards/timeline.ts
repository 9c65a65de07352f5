/**
 * The number of active 287(g) agreements month by month, from the registry's history: each
 * agreement event moves the count of its model by +1 (became active), −1 (stopped being active)
 * or 0. Plain TypeScript; the database adds the events up per month and model.
 */
import { MODELS, type Model } from '~/registry/models';

export interface MonthlyDelta {
  /** 'YYYY-MM' */
  month: string;
  model: Model;
  delta: number;
}

export interface ActiveMonth {
  month: string;
  /** Active at the end of the month (for the current month: as of today). */
  active: number;
  byModel: Record<Model, number>;
}

const MONTH = /^(\d{4})-(\d{2})$/;

function nextMonth(month: string): string {
  const match = MONTH.exec(month);
  if (!match) throw new Error(`Not a month: "${month}"`);
  const [year, number] = [Number(match[1]), Number(match[2])];
  return number === 12 ? `${String(year + 1).padStart(4, '0')}-01` : `${match[1]}-${String(number + 1).padStart(2, '0')}`;
}

/**
 * Running totals for every month from the first event's month through `through` (YYYY-MM), gaps
 * filled: a month without events keeps the previous month's count. Events after `through` are
 * left out. No events: no months (the registry has no history yet, which is not "zero").
 */
export function activeAgreementsByMonth(deltas: MonthlyDelta[], through: string): ActiveMonth[] {
  if (!MONTH.test(through)) throw new Error(`Not a month: "${through}"`);
  const byMonth = new Map<string, MonthlyDelta[]>();
  for (const delta of deltas) {
    if (!MONTH.test(delta.month)) throw new Error(`Not a month: "${delta.month}"`);
    byMonth.set(delta.month, [...(byMonth.get(delta.month) ?? []), delta]);
  }
  const months = [...byMonth.keys()].sort();
  if (months.length === 0 || months[0] > through) return [];

  const running = Object.fromEntries(MODELS.map((model) => [model, 0])) as Record<Model, number>;
  const result: ActiveMonth[] = [];
  for (let month = months[0]; month <= through; month = nextMonth(month)) {
    for (const delta of byMonth.get(month) ?? []) running[delta.model] += delta.delta;
    result.push({ month, active: MODELS.reduce((total, model) => total + running[model], 0), byModel: { ...running } });
  }
  return result;
}
