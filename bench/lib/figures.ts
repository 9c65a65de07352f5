/**
 * Plausible monthly figures for one agency: small counts, some dollars, consistent with the
 * portal's cross-field rules (rules.ts): breakdowns add up to the transfers, detainer outcomes
 * stay within those received, offsets within the gross cost, sustained within filed complaints.
 */
import { BREAKDOWN_GROUPS, formatHundredths, type MetricDefinition } from '~/reporting/metrics';
import { intBetween } from './prng';

/** Splits `total` into `parts` non-negative integers (random weights). */
function split(random: () => number, total: number, parts: number): number[] {
  const weights = Array.from({ length: parts }, () => random() + 0.05);
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((weight) => Math.floor((weight / sum) * total));
  let rest = total - out.reduce((a, b) => a + b, 0);
  for (let i = 0; rest > 0; i = (i + 1) % parts, rest--) out[i]++;
  return out;
}

const dollars = (amount: number) => formatHundredths(BigInt(Math.round(amount * 100)), 'USD');
const count = (amount: number) => String(Math.max(0, Math.round(amount)));
const decimal = (amount: number) => formatHundredths(BigInt(Math.round(amount * 100)), 'HOURS');

/**
 * Canonical values (as parseMetricValue would store them) for the typed metrics in `metrics`,
 * for an agency of relative size `size` (1 = a mid-sized sheriff's office).
 */
export function monthlyFigures(metrics: MetricDefinition[], size: number, random: () => number): Record<string, string> {
  const keys = new Set(metrics.filter((metric) => !metric.derived).map((metric) => metric.key));
  const n = (mean: number) => Math.max(0, Math.round(mean * size * (0.6 + random() * 0.8)));
  const encountered = n(30);
  const transfers = Math.min(encountered, n(8));
  const received = n(12);
  const honored = intBetween(random, 0, received);
  const declined = intBetween(random, 0, received - honored);
  const staffHours = n(320);
  const overtimeHours = Math.round(staffHours * random() * 0.2);
  const overtimeCost = overtimeHours * 48.5;
  const trainingHours = n(10);
  const trainingCost = trainingHours * 41.25;
  const bedDays = n(40);
  const detentionCost = bedDays * 87.4;
  const legal = random() < 0.05 ? n(2500) : 0;
  const settlements = random() < 0.01 ? n(15000) : 0;
  const gross = staffHours * 39.8 + overtimeCost + trainingCost + detentionCost + legal + settlements;
  const reimbursement = gross * random() * 0.3;
  const igsa = random() < 0.3 ? gross * random() * 0.2 : 0;
  const complaints = random() < 0.2 ? intBetween(random, 1, 3) : 0;

  const values: Record<string, string> = {
    staff_fte: decimal(staffHours / 160),
    staff_hours: decimal(staffHours),
    overtime_hours: decimal(overtimeHours),
    overtime_cost: dollars(overtimeCost),
    training_hours: decimal(trainingHours),
    training_cost: dollars(trainingCost),
    detention_bed_days: count(bedDays),
    detention_cost: dollars(detentionCost),
    gross_cost: dollars(gross),
    federal_reimbursement: dollars(reimbursement),
    igsa_revenue: dollars(igsa),
    ice_funded_equipment: dollars(random() < 0.1 ? n(1200) : 0),
    legal_costs: dollars(legal),
    bookings_screened: count(encountered + n(60)),
    interviews: count(Math.min(encountered, n(10))),
    detainers_received: count(received),
    detainers_honored: count(honored),
    detainers_declined: count(declined),
    hours_held_past_release: decimal(honored * random() * 30),
    transfers_to_ice: count(transfers),
    people_encountered: count(encountered),
    warrants_served: count(n(3)),
    task_force_stops: count(n(6)),
    task_force_arrests: count(n(2)),
    ice_requests: count(n(5)),
    officers_certified: count(Math.max(1, n(4))),
    complaints_filed: count(complaints),
    complaints_sustained: count(complaints > 0 && random() < 0.3 ? 1 : 0),
    lawsuits_filed: count(random() < 0.01 ? 1 : 0),
    settlements_paid: dollars(settlements),
    public_forums_held: count(random() < 0.08 ? 1 : 0),
  };
  // Each breakdown adds up to its own total (transfers for catalogue v1's, others for v2's); a
  // group none of whose cells is asked for is skipped.
  for (const group of BREAKDOWN_GROUPS) {
    const cells = metrics.filter((metric) => metric.group === group.id);
    if (cells.length === 0) continue;
    const total = Number(values[group.total] ?? (values[group.total] = count(n(2))));
    split(random, total, cells.length).forEach((value, i) => (values[cells[i].key] = String(value)));
  }
  const out: Record<string, string> = {};
  for (const key of keys) out[key] = values[key] ?? count(n(2));
  return out;
}
