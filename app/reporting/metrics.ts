/**
 * The metric catalogue of 287(g) reports, and how a typed value becomes the exact decimal
 * string the portal keeps. Plain TypeScript: no Remix, no Prisma, no file system, so the same
 * rules serve the web form, the JSON API, the command line and the tests.
 *
 * The catalogue is versioned. Version 1 is the original list; version 2 (metrics-v2.ts) adds
 * breakdowns by race and ethnicity, reason, charge level and request type and outcome, and
 * changes nothing of version 1. Each requirement version records the catalogue version it was
 * made with (RequirementVersion.catalogueVersion) and may only name that version's metrics, so
 * a v1 requirement and its filings keep validating and rendering as they were filed; new and
 * amended requirements are made with the current version.
 *
 * Values are decimal strings, never floats: "1234.50" for dollars, "12" for counts, "1.5" for
 * hours. Arithmetic on them goes through hundredths held in a bigint (every unit has at most
 * two decimals), so sums and differences are exact.
 */
import type { Model as RegistryModel } from '~/registry/models';
import { remembered } from '~/utils/remembered';
import { filingMessage, type FilingMessage } from './filing-messages';
import { V2_BREAKDOWN_GROUPS, V2_ENTRIES } from './metrics-v2';

export type Unit = 'USD' | 'HOURS' | 'FTE' | 'COUNT' | 'DAYS';
export type Category = 'COST' | 'ACTIVITY' | 'PEOPLE' | 'ACCOUNTABILITY';
/** The agreement models, the same union as the registry's. */
export type Model = RegistryModel;

/** The catalogue versions there are; the last is the current one. */
export const METRIC_CATALOGUE_VERSIONS = [1, 2] as const;
export type CatalogueVersion = (typeof METRIC_CATALOGUE_VERSIONS)[number];

export interface MetricDefinition {
  /** Stable key: 'gross_cost', 'detainers_received', 'transferred_by_charge.misdemeanor', … */
  key: string;
  /** The catalogue version that added it; it belongs to that version and every later one. */
  version: CatalogueVersion;
  /** Short, for a clerk: 'Detainers received'. */
  label: string;
  /** One or two plain-language sentences: what to count, for the period. */
  definition: string;
  unit: Unit;
  category: Category;
  /** The agreement models it applies to. */
  models: Model[];
  /** Derived metrics are calculated by the portal, never typed. */
  derived?: { formula: 'gross_cost - federal_reimbursement - igsa_revenue' } | undefined;
  /** For breakdown cells: the key of the total they must sum to. */
  breakdownOf?: string;
  /** For breakdown cells: the id of their group, e.g. 'transferred_by_charge'. */
  group?: string;
}

export interface BreakdownGroup {
  id: string;
  /** Heading over the group's cells on the form. */
  heading: string;
  /** Key of the total its cells must add up to. */
  total: string;
  /** The catalogue version that added it. */
  version: CatalogueVersion;
}

/** The current catalogue version: what new requirement versions are made with. */
export const METRIC_CATALOGUE_VERSION: CatalogueVersion = 2;

/** Whether a stored number is a catalogue version this code knows. */
export function isCatalogueVersion(value: unknown): value is CatalogueVersion {
  return (METRIC_CATALOGUE_VERSIONS as readonly unknown[]).includes(value);
}

const ALL: Model[] = ['JEM', 'WSO', 'TFM'];
const JAIL: Model[] = ['JEM', 'WSO'];

type Entry = Omit<MetricDefinition, 'version'>;

const cost = (key: string, label: string, unit: Unit, definition: string): Entry => ({
  key,
  label,
  definition,
  unit,
  category: 'COST',
  models: ALL,
});

const activity = (key: string, label: string, models: Model[], definition: string, unit: Unit = 'COUNT'): Entry => ({
  key,
  label,
  definition,
  unit,
  category: 'ACTIVITY',
  models,
});

const accountability = (key: string, label: string, definition: string, unit: Unit = 'COUNT'): Entry => ({
  key,
  label,
  definition,
  unit,
  category: 'ACCOUNTABILITY',
  models: ALL,
});

export const BREAKDOWN_GROUPS: readonly BreakdownGroup[] = Object.freeze(
  [
    { id: 'transferred_by_charge', heading: 'Transfers to ICE by most serious charge', total: 'transfers_to_ice' },
    { id: 'transferred_by_conviction', heading: 'Transfers to ICE by conviction', total: 'transfers_to_ice' },
    { id: 'transferred_by_sex', heading: 'Transfers to ICE by sex', total: 'transfers_to_ice' },
    { id: 'transferred_by_age', heading: 'Transfers to ICE by age', total: 'transfers_to_ice' },
    { id: 'transferred_by_citizenship', heading: 'Transfers to ICE by country of citizenship', total: 'transfers_to_ice' },
  ]
    .map((group): BreakdownGroup => ({ ...group, version: 1 }))
    .concat(V2_BREAKDOWN_GROUPS.map((group): BreakdownGroup => ({ ...group, version: 2 })))
    .map((group) => Object.freeze(group)),
);

/** One cell of a breakdown of the people transferred to ICE (a count of people). */
const transferred = (group: string, cell: string, label: string, definition: string): Entry => ({
  key: `${group}.${cell}`,
  label: `Transferred: ${label}`,
  definition: `People transferred to ICE during the period ${definition}`,
  unit: 'COUNT',
  category: 'PEOPLE',
  models: ALL,
  breakdownOf: 'transfers_to_ice',
  group,
});

const ENTRIES: Entry[] = [
  // Cost
  cost('staff_fte', '287(g) staff (FTE)', 'FTE', 'Staff assigned to 287(g) work, in full-time equivalents averaged over the period. An officer who spends half of their time on 287(g) work counts as 0.5.'),
  cost('staff_hours', '287(g) staff hours', 'HOURS', 'Hours all staff worked on 287(g) duties during the period, overtime included.'),
  cost('overtime_hours', 'Overtime hours', 'HOURS', 'Overtime hours worked on 287(g) duties during the period. These hours are also part of the staff hours.'),
  cost('overtime_cost', 'Overtime cost', 'USD', 'What the 287(g) overtime of the period cost in pay and benefits, before any federal reimbursement.'),
  cost('training_hours', 'Training hours', 'HOURS', 'Hours staff spent in 287(g) training during the period (ICE courses, refreshers and the travel time for them).'),
  cost('training_cost', 'Training cost', 'USD', 'What that training cost the agency: pay for the training hours, travel, lodging and covering the shifts of the people in training, before any reimbursement.'),
  cost('detention_bed_days', 'Detention bed-days for immigration holds', 'DAYS', 'Jail bed-days used by people held only for ICE (on a detainer or an ICE warrant, or housed for ICE). One person held for one day, or part of a day, is one bed-day.'),
  cost('detention_cost', 'Detention cost', 'USD', 'What those bed-days cost the agency (for example the daily cost per inmate times the bed-days), before any payment from ICE.'),
  cost('gross_cost', 'Gross cost', 'USD', 'Total cost of 287(g) participation for the period, before subtracting any reimbursement or revenue: pay and benefits for 287(g) work including overtime, training, detention, legal costs, settlements and anything else the agency paid. Leave out equipment that ICE provided or paid for.'),
  cost('federal_reimbursement', 'Federal reimbursement', 'USD', 'Money received or due from DHS or ICE for the period’s 287(g) work: salary and overtime reimbursement, per-officer task-force awards and any other federal payment for the program. Jail-bed contract (IGSA) payments go in IGSA revenue instead.'),
  cost('igsa_revenue', 'IGSA revenue (jail-bed contract)', 'USD', 'Payments from ICE for the period under an intergovernmental service agreement (IGSA) for housing ICE detainees in the jail.'),
  cost('ice_funded_equipment', 'Equipment funded by ICE', 'USD', 'Value of the equipment ICE provided or paid for during the period (computers, fingerprint terminals, phones, vehicles). Not part of the gross cost.'),
  cost('legal_costs', 'Legal costs', 'USD', 'Lawyers’ fees and court costs paid during the period for claims, complaints or lawsuits about 287(g) work. Settlements and judgments go in settlements paid.'),
  {
    ...cost('net_local_cost', 'Net local cost', 'USD', 'Gross cost minus federal reimbursement and IGSA revenue: what 287(g) cost local taxpayers for the period. Calculated by the portal; below zero means the agency took in more than it spent.'),
    derived: { formula: 'gross_cost - federal_reimbursement - igsa_revenue' },
  },

  // Activity
  activity('bookings_screened', 'Bookings screened', ['JEM'], 'Bookings into the jail during the period in which 287(g) officers checked the person’s immigration status (in ICE databases or by asking). Count each booking once.'),
  activity('interviews', 'Immigration interviews', ['JEM'], 'Interviews of people in custody about their immigration status that 287(g) officers held during the period.'),
  activity('detainers_received', 'Detainers received', JAIL, 'ICE detainers (immigration holds) lodged with the agency during the period, by ICE or by the agency’s own 287(g) officers.'),
  activity('detainers_honored', 'Detainers honored', JAIL, 'Of the detainers received during the period, how many the agency had complied with by the end of it: the person was held for ICE or handed to ICE.'),
  activity('detainers_declined', 'Detainers declined', JAIL, 'Of the detainers received during the period, how many the agency had not complied with by the end of it, for example because the person was released. Detainers still open are neither honored nor declined.'),
  activity('hours_held_past_release', 'Hours held past release', JAIL, 'Total hours people were kept in custody after they would otherwise have gone free (bond posted, charges dropped, sentence served), only because of an ICE detainer or warrant. Add up the hours of every person.', 'HOURS'),
  activity('transfers_to_ice', 'Transfers to ICE', ALL, 'People handed over to ICE custody during the period, at the jail or after an arrest. Count each person once.'),
  activity('people_encountered', 'People encountered', ALL, 'People the 287(g) process was applied to during the period: screened, interviewed, served with an ICE warrant or arrested under 287(g) authority. Count each person once.'),
  activity('warrants_served', 'ICE warrants served', ['WSO'], 'ICE administrative warrants that the agency’s officers served during the period on people in its custody.'),
  activity('task_force_stops', 'Task-force stops', ['TFM'], 'Stops and encounters during the period in which task-force officers used 287(g) authority, for example to question someone about their immigration status.'),
  activity('task_force_arrests', 'Task-force arrests', ['TFM'], 'Arrests for civil immigration violations that task-force officers made under 287(g) authority during the period.'),
  activity('ice_requests', 'ICE requests', ALL, 'Requests ICE made of the agency during the period (a release date, access to a person, help with an operation, information), whether or not the agency agreed. Count each request once.'),

  // People affected: breakdowns of the transfers to ICE
  transferred('transferred_by_charge', 'traffic', 'traffic charge', 'whose most serious charge was a traffic offence.'),
  transferred('transferred_by_charge', 'misdemeanor', 'misdemeanor charge', 'whose most serious charge was a misdemeanor (other than traffic).'),
  transferred('transferred_by_charge', 'felony', 'felony charge', 'whose most serious charge was a felony.'),
  transferred('transferred_by_charge', 'none_or_civil', 'no criminal charge', 'who had no criminal charge (held only on an immigration matter or a civil charge).'),
  transferred('transferred_by_conviction', 'convicted', 'convicted', 'who had been convicted of a crime.'),
  transferred('transferred_by_conviction', 'pending', 'charges pending', 'who had criminal charges pending and no conviction.'),
  // Not in the brief's list: without it, people never charged (or whose charges were dropped)
  // would fit no cell, and the conviction breakdown could never add up to the total.
  transferred('transferred_by_conviction', 'none', 'no conviction or pending charge', 'who had neither a conviction nor a pending charge (never charged, or charges dropped or dismissed).'),
  transferred('transferred_by_sex', 'female', 'female', 'recorded as female.'),
  transferred('transferred_by_sex', 'male', 'male', 'recorded as male.'),
  transferred('transferred_by_sex', 'other_or_unknown', 'other or unknown sex', 'recorded with another sex, or with none.'),
  transferred('transferred_by_age', 'under_18', 'under 18', 'who were under 18 years old at the transfer.'),
  transferred('transferred_by_age', '18_24', 'age 18 to 24', 'who were 18 to 24 years old at the transfer.'),
  transferred('transferred_by_age', '25_34', 'age 25 to 34', 'who were 25 to 34 years old at the transfer.'),
  transferred('transferred_by_age', '35_44', 'age 35 to 44', 'who were 35 to 44 years old at the transfer.'),
  transferred('transferred_by_age', '45_54', 'age 45 to 54', 'who were 45 to 54 years old at the transfer.'),
  transferred('transferred_by_age', '55_plus', 'age 55 or older', 'who were 55 or older at the transfer.'),
  transferred('transferred_by_age', 'unknown', 'age unknown', 'whose age is not recorded.'),
  transferred('transferred_by_citizenship', 'mexico', 'citizen of Mexico', 'who are citizens of Mexico.'),
  transferred('transferred_by_citizenship', 'guatemala', 'citizen of Guatemala', 'who are citizens of Guatemala.'),
  transferred('transferred_by_citizenship', 'honduras', 'citizen of Honduras', 'who are citizens of Honduras.'),
  transferred('transferred_by_citizenship', 'el_salvador', 'citizen of El Salvador', 'who are citizens of El Salvador.'),
  transferred('transferred_by_citizenship', 'other', 'citizen of another country', 'who are citizens of another country.'),
  transferred('transferred_by_citizenship', 'unknown', 'citizenship unknown', 'whose country of citizenship is not recorded.'),

  // Accountability
  accountability('officers_certified', 'Officers certified', 'Officers holding a current 287(g) certification from ICE at the end of the period.'),
  accountability('complaints_filed', 'Complaints filed', 'Complaints about 287(g) work received during the period, from anyone and however they arrived.'),
  accountability('complaints_sustained', 'Complaints sustained', 'Complaints about 287(g) work that an investigation found to be true during the period, whenever they were filed.'),
  accountability('lawsuits_filed', 'Lawsuits filed', 'Lawsuits and legal claims about 287(g) work filed against the agency or its officers during the period.'),
  accountability('settlements_paid', 'Settlements paid', 'Money paid during the period to settle claims or satisfy judgments about 287(g) work, including payments made by an insurer or risk pool.', 'USD'),
  accountability('public_forums_held', 'Public forums held', 'Public meetings held during the period at which the agency presented its 287(g) work and took questions.'),
];

function freezeDefinition(entry: Entry, version: CatalogueVersion): MetricDefinition {
  const definition: MetricDefinition = { ...entry, version, models: Object.freeze([...entry.models]) as Model[] };
  return Object.freeze(definition);
}

/** Every metric of the current catalogue: version 1's in their order, then version 2's. */
export const METRICS: readonly MetricDefinition[] = Object.freeze([...ENTRIES.map((entry) => freezeDefinition(entry, 1)), ...V2_ENTRIES.map((entry) => freezeDefinition(entry, 2))]);

const BY_KEY = new Map(METRICS.map((metric) => [metric.key, metric]));

/** The catalogue's definition of a key, or undefined. */
export function metricByKey(key: string): MetricDefinition | undefined {
  return BY_KEY.get(key);
}

/** The metrics of one catalogue version (a version holds its own and every earlier one's). */
export function metricsInCatalogue(version: CatalogueVersion): MetricDefinition[] {
  return METRICS.filter((metric) => metric.version <= version);
}

/** The breakdown groups of one catalogue version. */
export function breakdownGroupsInCatalogue(version: CatalogueVersion): BreakdownGroup[] {
  return BREAKDOWN_GROUPS.filter((group) => group.version <= version);
}

/**
 * Typed (not derived) metrics that apply to any of these models, in catalogue order, in a
 * catalogue version (the current one unless a requirement version says otherwise).
 */
export function metricsForModels(models: Model[], version: CatalogueVersion = METRIC_CATALOGUE_VERSION): MetricDefinition[] {
  const wanted = new Set(models);
  return METRICS.filter((metric) => metric.version <= version && !metric.derived && metric.models.some((model) => wanted.has(model)));
}

// ---------------------------------------------------------------------------------------------
// Exact decimals: hundredths in a bigint

/** Decimal places a unit allows. */
const MAX_DECIMALS: Record<Unit, 0 | 2> = { USD: 2, HOURS: 2, FTE: 2, COUNT: 0, DAYS: 0 };

/** Above this a value is a typing slip (a trillion dollars, hours or people). */
const MAX_INTEGER_DIGITS = 12;

const CANONICAL = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** A canonical value ("1234.50", "-3", "0.5") as a whole number of hundredths. Throws otherwise. */
export function toHundredths(value: string): bigint {
  return hundredthsOf(value);
}

function readHundredths(value: string): bigint {
  const match = CANONICAL.exec(value);
  if (!match) throw new Error(`Not a stored metric value: "${value}".`);
  const [, sign, whole, fraction = ''] = match;
  const cents = Number(fraction.padEnd(2, '0'));
  // Up to 13 digits the hundredths are exact in a double: one BigInt made instead of three.
  const hundredths = whole.length <= 13 ? BigInt(Number(whole) * 100 + cents) : BigInt(whole) * 100n + BigInt(cents);
  return sign ? -hundredths : hundredths;
}

// Read again and again (the outlier rule reads twelve periods of every metric per submission),
// and a few values ("0", "1", round sums) make most of them.
const hundredthsOf = remembered(readHundredths);

/**
 * Hundredths back to a decimal string: exactly two decimals for dollars ("-12.30"), otherwise
 * as few as needed ("12", "1.5"). `grouped` adds thousands separators, for messages.
 */
export function formatHundredths(hundredths: bigint, unit: Unit, grouped = false): string {
  const negative = hundredths < 0n;
  const magnitude = negative ? -hundredths : hundredths;
  let whole = (magnitude / 100n).toString();
  if (grouped) whole = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  let fraction = (magnitude % 100n).toString().padStart(2, '0');
  if (unit !== 'USD') fraction = fraction.replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** A stored value as a person reads it in a message: "$1,234.50", "1,200", "7.5". */
export function displayValue(unit: Unit, value: string | bigint): string {
  const hundredths = typeof value === 'bigint' ? value : toHundredths(value);
  const text = formatHundredths(hundredths, unit, true);
  if (unit !== 'USD') return text;
  return text.startsWith('-') ? `-$${text.slice(1)}` : `$${text}`;
}

// ---------------------------------------------------------------------------------------------
// Reading what a person (or a client) typed

export type ParsedValue = { ok: true; value: string } | { ok: false; message: FilingMessage };

// Digits with optional comma thousands separators (1,234,567), then optional decimals.
const NUMBER = /^(?:(\d{1,3}(?:,\d{3})+)|(\d*))(?:\.(\d*))?$/;

function quoted(typed: string): string {
  const chars = [...typed];
  return chars.length > 40 ? `${chars.slice(0, 40).join('')}…` : typed;
}

/**
 * A typed value to its canonical string. Accepts surrounding spaces, comma thousands
 * separators and, for dollars, a leading "$". Dollars keep exactly two decimals ("1234.50"),
 * hours and FTE at most two ("7.5"), counts and days none.
 */
export function parseMetricValue(def: MetricDefinition, raw: string): ParsedValue {
  const typed = raw.trim();
  if (typed === '') return { ok: false, message: filingMessage('value_required') };

  let text = typed;
  let negative = false;
  if (/^[-\u2212]/.test(text)) {
    negative = true;
    text = text.slice(1).trimStart();
  }
  if (def.unit === 'USD' && text.startsWith('$')) text = text.slice(1).trimStart();
  if (!negative && def.unit === 'USD' && /^[-\u2212]/.test(text)) {
    negative = true; // "$-12"
    text = text.slice(1).trimStart();
  }

  const match = NUMBER.exec(text);
  const grouped = match?.[1];
  const plain = match?.[2];
  const fractionTyped = match?.[3];
  if (!match || (!grouped && !plain && !fractionTyped)) {
    return { ok: false, message: filingMessage('value_not_a_number', { typed: quoted(typed) }) };
  }

  const whole = (grouped ?? plain ?? '').replace(/,/g, '').replace(/^0+(?=\d)/, '') || '0';
  const fraction = (fractionTyped ?? '').replace(/0+$/, ''); // 12.50 has two decimals' worth of 12.5
  const isZero = /^0+$/.test(whole) && fraction === '';

  if (negative && !isZero) return { ok: false, message: filingMessage('value_negative') };
  if (fraction.length > MAX_DECIMALS[def.unit]) {
    if (def.unit === 'USD') return { ok: false, message: filingMessage('value_cents') };
    if (MAX_DECIMALS[def.unit] === 0) return { ok: false, message: filingMessage('value_whole_number') };
    return { ok: false, message: filingMessage('value_decimals') };
  }
  if (whole.length > MAX_INTEGER_DIGITS) {
    // The largest value the unit allows: twelve nines, and its decimals' nines.
    const max = 10n ** BigInt(MAX_INTEGER_DIGITS) * 100n - (MAX_DECIMALS[def.unit] === 0 ? 100n : 1n);
    return { ok: false, message: filingMessage('value_too_large', { max: displayValue(def.unit, max) }) };
  }

  const hundredths = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
  return { ok: true, value: formatHundredths(hundredths, def.unit) };
}

// ---------------------------------------------------------------------------------------------
// Derived values

function present(value: string | undefined): value is string {
  return value !== undefined && value !== '';
}

/**
 * Gross cost minus federal reimbursement minus IGSA revenue, exact to the cent ("1234.50").
 * Null when the gross cost is missing; a missing reimbursement or revenue counts as 0. Can be
 * negative: a county can take in more than it spends. Expects stored (canonical) values.
 */
export function netLocalCost(values: Record<string, string | undefined>): string | null {
  const gross = values.gross_cost;
  if (!present(gross)) return null;
  const subtract = [values.federal_reimbursement, values.igsa_revenue].filter(present);
  const net = subtract.reduce((total, value) => total - toHundredths(value), toHundredths(gross));
  return formatHundredths(net, 'USD');
}
