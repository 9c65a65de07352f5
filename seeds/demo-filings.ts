/**
 * Demonstration filings, seeded only in demo mode: made-up but plausible quarterly reports from
 * 2024 Q1 to the last quarter ended, for every North Carolina agency with an active agreement
 * in the registry, so the public dashboards have something to show.
 *
 * Clearly labelled: each policy's resolution text says it is demonstration data, every revision
 * is submitted (and every review made) by a demonstration account with no password and no role,
 * certified as "(demonstration data)", so anything counting it can tell (app_user.is_demo).
 *
 * It goes through the real services (openFiling, saveDraft, submitFiling, reviewFiling) with
 * `now` set in the past, so revisions, counted revisions and the audit chain are exactly what
 * filers would have produced: some reports late, some amended with a reason, two returned by a
 * reviewer and fixed, one returned and not yet fixed, a few never filed (overdue), and most of
 * the rest accepted by the reviewers, the recent ones still awaiting review. Values come
 * from a PRNG seeded with the agency and period, so a period always gets the same figures.
 *
 * Left alone: Gaston's 2025 Q1 and Q2 (the browser test files them as the demo filer), and any
 * period that already has a filing (a database where people have been filing).
 */
import type { PrismaClient } from '~/db/prisma.server';
import type { AgencyKind, JurisdictionKind } from '~/generated/prisma/enums';
import { metricKeyProblems } from '~/reporting/filing-checks';
import { expectedFilings, openFiling, saveDraft, submitFiling, type FilingIssue } from '~/reporting/filings.server';
import { metricsForModels, type Model } from '~/reporting/metrics';
import { createPolicy } from '~/reporting/policies.server';
import { reviewFiling } from '~/reporting/reviews.server';
import { DEMO_OATH } from './demo-policies';

export const DEMO_LOADER = { email: 'demo-data@example.org', name: 'Demonstration data loader' };
export const DEMO_FIRST_QUARTER = '2024-Q1';
const REQUIREMENT_FROM = '2024-01-01';

/** Periods the browser test files as the demo filer (tests/e2e/filing.spec.ts): never filed here. */
export const KEPT_OPEN: Record<string, string[]> = { 'nc-gaston-county-sheriffs-office': ['2025-Q1', '2025-Q2'] };

/** Returned by the reviewer, then fixed in a new revision. */
const RETURNED_AND_FIXED = new Set(['nc-cabarrus-county-sheriffs-office|2025-Q2', 'nc-alamance-county-sheriffs-office|2024-Q3']);
/** Returned and not yet fixed: the period shows as returned, and no figures count for it. */
const RETURNED_OPEN = new Set(['nc-nash-county-sheriffs-office|2025-Q4']);
/**
 * A small agency whose "no criminal charge" transfers total 3 over all periods (one in each of
 * these quarters), so its dashboard shows a suppressed cell. Never left missing.
 */
export const SMALL_CELL = { agencySlug: 'nc-yancey-county-sheriffs-office', key: 'transferred_by_charge.none_or_civil', periods: ['2024-Q2', '2025-Q1', '2025-Q4'] };

const AMENDMENT_REASONS = [
  'Corrected the detainer counts after a records audit of the jail log.',
  'Added the overtime that payroll posted after the report was filed.',
  'Fixed a typing error in the gross cost.',
  'Included detainers lodged on the last day of the quarter that were missed.',
];
/** The share of reports the reviewers accept (when long enough ago): most, not all. */
const ACCEPTED_SHARE = 0.85;
const EXPLANATION = 'Demonstration data: made-up figures vary more from quarter to quarter than real ones.';
const DAY = 86_400_000;
const CONCURRENCY = 4;

/* ---------------------------------------------------------------------- */
/* Deterministic randomness                                                */
/* ---------------------------------------------------------------------- */

/** A PRNG (mulberry32) seeded by a string (FNV-1a): the same text always gives the same numbers. */
export function prng(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  let state = h >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const between = (random: () => number, low: number, high: number) => low + (high - low) * random();
const whole = (random: () => number, low: number, high: number) => Math.floor(between(random, low, high + 1));
const dollars = (amount: number) => (Math.round(amount * 100) / 100).toFixed(2);

/** Splits `count` people over categories with these weights (one draw per person). */
function split(random: () => number, count: number, weights: Record<string, number>): Record<string, number> {
  const keys = Object.keys(weights);
  const sum = keys.reduce((total, key) => total + weights[key], 0);
  const out = Object.fromEntries(keys.map((key) => [key, 0]));
  for (let i = 0; i < count; i++) {
    let draw = random() * sum;
    const key = keys.find((candidate) => (draw -= weights[candidate]) < 0) ?? keys[keys.length - 1];
    out[key] += 1;
  }
  return out;
}

/* ---------------------------------------------------------------------- */
/* What each agency reports                                                */
/* ---------------------------------------------------------------------- */

const DEMO_KEYS_BY_PREFERENCE = [
  'gross_cost',
  'federal_reimbursement',
  'igsa_revenue',
  'staff_fte',
  'detention_bed_days',
  'bookings_screened',
  'interviews',
  'detainers_received',
  'detainers_honored',
  'detainers_declined',
  'hours_held_past_release',
  'transfers_to_ice',
  'people_encountered',
  'warrants_served',
  'task_force_stops',
  'task_force_arrests',
  'ice_requests',
  'officers_certified',
  'complaints_filed',
  'complaints_sustained',
];
const DEMO_GROUPS = ['transferred_by_charge', 'transferred_by_sex'];

/** The demonstration metrics for an agency with agreements of these models: what applies, and two breakdowns. */
export function demoMetricKeys(models: Model[]): string[] {
  const applicable = new Set(metricsForModels(models).map((metric) => metric.key));
  const cells = metricsForModels(models).filter((metric) => metric.group && DEMO_GROUPS.includes(metric.group)).map((metric) => metric.key);
  return [...DEMO_KEYS_BY_PREFERENCE.filter((key) => applicable.has(key)), ...cells];
}

interface Profile {
  /** Relative size of the agency's 287(g) work (1: a mid-sized county jail). */
  scale: number;
  fte: number;
  federal: boolean;
  igsa: boolean;
}

function profileOf(slug: string): Profile {
  const random = prng(`profile|${slug}`);
  if (slug === SMALL_CELL.agencySlug) return { scale: 0.22, fte: 0.5, federal: false, igsa: false };
  const scale = Math.exp(between(random, Math.log(0.35), Math.log(2.6)));
  return { scale, fte: Math.max(0.5, Math.round(scale * 2 * 2) / 2), federal: random() < 0.3, igsa: random() < 0.25 };
}

/** One quarter's figures, for the keys of the requirement only; consistent by construction. */
export function demoValues(slug: string, periodKey: string, index: number, keys: string[]): Record<string, string> {
  const has = new Set(keys);
  const random = prng(`values|${slug}|${periodKey}`);
  const profile = profileOf(slug);
  const size = profile.scale * (1 + 0.025 * index) * between(random, 0.82, 1.22);
  const n: Record<string, number> = {};

  if (slug === 'nc-gaston-county-sheriffs-office') {
    // Close to what the browser test types (14 received, 9 honored, 8 transfers, $12,500.50),
    // so its figures are not flagged as unusual against this history.
    n.detainers_received = whole(random, 14, 20);
    n.detainers_honored = whole(random, 8, 11);
    n.detainers_declined = Math.min(whole(random, 2, 4), n.detainers_received - n.detainers_honored);
    n.transfers_to_ice = whole(random, 6, 10);
    n.people_encountered = whole(random, 32, 48);
  } else {
    n.detainers_received = Math.round(22 * size);
    n.detainers_honored = Math.round(n.detainers_received * between(random, 0.6, 0.85));
    n.detainers_declined = Math.floor((n.detainers_received - n.detainers_honored) * between(random, 0.3, 0.7));
    const jail = has.has('detainers_received');
    n.task_force_stops = Math.round(14 * size);
    n.task_force_arrests = Math.round(n.task_force_stops * between(random, 0.2, 0.45));
    n.transfers_to_ice = jail ? Math.round(n.detainers_honored * between(random, 0.65, 0.95)) : n.task_force_arrests;
    if (slug === SMALL_CELL.agencySlug && SMALL_CELL.periods.includes(periodKey)) n.transfers_to_ice = Math.max(n.transfers_to_ice, 2);
    n.people_encountered = n.transfers_to_ice + Math.round(n.detainers_received * between(random, 0.5, 1.2)) + (jail ? 0 : n.task_force_stops);
  }
  n.bookings_screened = Math.round(n.people_encountered * between(random, 3, 6));
  n.interviews = Math.round(n.people_encountered * between(random, 0.5, 0.9));
  n.warrants_served = Math.round(n.transfers_to_ice * between(random, 0.3, 0.7));
  n.hours_held_past_release = Math.round(n.detainers_honored * between(random, 5, 30));
  n.ice_requests = Math.round(n.detainers_received * between(random, 0.3, 0.6)) + 1;
  n.detention_bed_days = Math.round(n.detainers_honored * between(random, 1.5, 4));
  n.officers_certified = Math.ceil(profile.fte) + 1;
  n.complaints_filed = random() < 0.15 ? 1 : 0;
  n.complaints_sustained = n.complaints_filed > 0 && random() < 0.3 ? 1 : 0;

  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(n)) if (has.has(key)) values[key] = String(value);

  const gross =
    slug === 'nc-gaston-county-sheriffs-office'
      ? between(random, 11_000, 15_000)
      : profile.fte * between(random, 15_500, 19_500) + n.detention_bed_days * between(random, 70, 105);
  const federal = profile.federal ? gross * between(random, 0.05, 0.18) : 0;
  const igsa = profile.igsa ? Math.min(n.detention_bed_days * between(random, 55, 90), gross * 0.5) : 0;
  if (has.has('gross_cost')) values.gross_cost = dollars(gross);
  if (has.has('federal_reimbursement')) values.federal_reimbursement = dollars(federal);
  if (has.has('igsa_revenue')) values.igsa_revenue = dollars(igsa);
  if (has.has('staff_fte')) values.staff_fte = String(Math.max(0.5, profile.fte + (random() < 0.2 ? 0.5 : 0)));

  // Breakdowns of the transfers, each adding up to them.
  const transfers = n.transfers_to_ice;
  if (keys.some((key) => key.startsWith('transferred_by_charge.'))) {
    const forced = slug === SMALL_CELL.agencySlug ? (SMALL_CELL.periods.includes(periodKey) ? 1 : 0) : null;
    const weights: Record<string, number> = forced === null ? { traffic: 0.22, misdemeanor: 0.28, felony: 0.35, none_or_civil: 0.15 } : { traffic: 0.3, misdemeanor: 0.3, felony: 0.4 };
    const cells = split(random, transfers - (forced ?? 0), weights);
    if (forced !== null) cells.none_or_civil = forced;
    for (const [cell, count] of Object.entries(cells)) values[`transferred_by_charge.${cell}`] = String(count);
  }
  if (keys.some((key) => key.startsWith('transferred_by_sex.'))) {
    const cells = split(random, transfers, { female: 0.09, male: 0.9, other_or_unknown: 0.01 });
    for (const [cell, count] of Object.entries(cells)) values[`transferred_by_sex.${cell}`] = String(count);
  }
  return values;
}

/** An amendment's changes: a few more detainers received, a corrected cost. Keeps every rule. */
function amended(values: Record<string, string>, random: () => number): Record<string, string> {
  const next = { ...values };
  if (next.detainers_received !== undefined) next.detainers_received = String(Number(next.detainers_received) + whole(random, 1, 3));
  if (next.gross_cost !== undefined) next.gross_cost = dollars(Number(next.gross_cost) + between(random, 250, 2500));
  return next;
}

/** What a report returned by the reviewer left out: part of the gross cost (the fix puts it back). */
function withMistake(values: Record<string, string>): Record<string, string> {
  if (values.gross_cost === undefined) return values;
  return { ...values, gross_cost: dollars(Number(values.gross_cost) * 0.8) };
}

/* ---------------------------------------------------------------------- */
/* Seeding                                                                 */
/* ---------------------------------------------------------------------- */

interface DemoAgency {
  id: number;
  slug: string;
  name: string;
  kind: AgencyKind;
  jurisdiction: { id: number; name: string; kind: JurisdictionKind };
  models: Model[];
}

function certifier(kind: AgencyKind) {
  if (kind === 'SHERIFF') return { certifiedName: 'Demo Sheriff', certifiedTitle: 'Sheriff (demonstration data)' };
  if (kind === 'POLICE') return { certifiedName: 'Demo Chief', certifiedTitle: 'Chief of Police (demonstration data)' };
  return { certifiedName: 'Demo Administrator', certifiedTitle: 'Agency head (demonstration data)' };
}

async function demoAgencies(prisma: PrismaClient): Promise<DemoAgency[]> {
  const agencies = await prisma.agency.findMany({
    where: { stateCode: 'NC', jurisdictionId: { not: null }, agreements: { some: { status: 'ACTIVE' } } },
    select: {
      id: true,
      slug: true,
      name: true,
      kind: true,
      jurisdiction: { select: { id: true, name: true, kind: true } },
      agreements: { where: { status: 'ACTIVE' }, select: { model: true } },
    },
    orderBy: { slug: 'asc' },
  });
  return agencies.map(({ agreements, jurisdiction, ...agency }) => ({
    ...agency,
    jurisdiction: jurisdiction!,
    models: [...new Set(agreements.map((agreement) => agreement.model))],
  }));
}

/**
 * A demonstration policy for each county or town whose agencies have no requirement yet: a
 * county's for its sheriff's office or jail (G.S. 153A-104), a town's for its police
 * department (G.S. 160A-281). Gaston's and Cabarrus's come from demo-policies.ts.
 */
async function createDemoPolicies(prisma: PrismaClient, agencies: DemoAgency[]) {
  const withRequirement = new Set((await prisma.requirement.findMany({ select: { agencyId: true } })).map((row) => row.agencyId));
  const byPlace = new Map<number, DemoAgency[]>();
  for (const agency of agencies.filter((candidate) => !withRequirement.has(candidate.id))) {
    byPlace.set(agency.jurisdiction.id, [...(byPlace.get(agency.jurisdiction.id) ?? []), agency]);
  }
  for (const [jurisdictionId, members] of byPlace) {
    const place = members[0].jurisdiction;
    const county = place.kind === 'COUNTY';
    const body = county ? `${place.name} Board of Commissioners` : `${place.name} Town Council`;
    await createPolicy(prisma, {
      jurisdictionId,
      kind: county ? 'COUNTY_REPORTING' : 'MUNICIPAL_REPORTING',
      title: '287(g) reporting policy',
      statute: county ? 'G.S. 153A-104' : 'G.S. 160A-281',
      adoptedOn: '2023-12-04',
      resolutionText: `Demonstration data: not an actual resolution of the ${body}. The reports filed under it are made up.`,
      oathText: DEMO_OATH,
      createdById: null,
      requirements: members.map((agency) => {
        const metricKeys = demoMetricKeys(agency.models);
        const problems = metricKeyProblems(metricKeys, agency.models, agency.name);
        if (problems.length > 0) throw new Error(`Demo metrics for ${agency.name}: ${problems.join(' ')}`);
        return {
          agencyId: agency.id,
          title: `Quarterly 287(g) report of ${agency.name}`,
          effectiveFrom: REQUIREMENT_FROM,
          frequency: 'QUARTERLY' as const,
          dueDaysAfterEnd: 30,
          acceptsLate: true,
          metricKeys,
        };
      }),
    });
  }
}

export interface DemoFilingsSummary {
  agencies: number;
  filings: number;
  revisions: number;
  returned: number;
  accepted: number;
  missing: number;
  ms: number;
}

export interface DemoFilingsOptions {
  /** The seed's "today": quarters ended by then are filed (default: now). */
  now?: Date;
  log?: (message: string) => void;
}

export async function seedDemoFilings(prisma: PrismaClient, options: DemoFilingsOptions = {}): Promise<DemoFilingsSummary> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const latest = now.getTime() - 3_600_000; // nothing certified in the last hour, let alone the future
  const loader = await prisma.user.upsert({
    where: { email: DEMO_LOADER.email },
    update: {},
    create: { email: DEMO_LOADER.email, name: DEMO_LOADER.name, isDemo: true },
  });
  const agencies = await demoAgencies(prisma);
  await createDemoPolicies(prisma, agencies);
  const summary: DemoFilingsSummary = { agencies: 0, filings: 0, revisions: 0, returned: 0, accepted: 0, missing: 0, ms: 0 };

  // A few agencies at a time: their reports only meet at the audit chain's lock, so the rest
  // of each submission overlaps with the others'.
  const queue = [...agencies];
  const worker = async () => {
    for (let agency = queue.shift(); agency; agency = queue.shift()) await seedAgency(agency);
  };
  const seedAgency = async (agency: DemoAgency) => {
    const requirement = await prisma.requirement.findFirst({
      where: { agencyId: agency.id },
      orderBy: { id: 'asc' },
      select: { id: true, versions: { orderBy: { effectiveFrom: 'desc' }, take: 1, select: { metricKeys: true } } },
    });
    if (!requirement) return;
    const keys = requirement.versions[0].metricKeys;
    const list = (await expectedFilings(prisma, agency.id, now)).find((entry) => entry.requirement.id === requirement.id);
    summary.agencies += 1;
    const certify = { ...certifier(agency.kind), userId: loader.id, channel: 'WEB' as const };
    const decided: { filingId: number; id: string; revision: number; at: number }[] = [];

    for (const [index, period] of (list?.periods ?? []).entries()) {
      if (period.key < DEMO_FIRST_QUARTER || period.filing || KEPT_OPEN[agency.slug]?.includes(period.key)) continue;
      const id = `${agency.slug}|${period.key}`;
      const random = prng(`plan|${id}`);
      const mustFile = agency.slug === SMALL_CELL.agencySlug && SMALL_CELL.periods.includes(period.key);
      if (!mustFile && !RETURNED_AND_FIXED.has(id) && !RETURNED_OPEN.has(id) && random() < 0.04) {
        summary.missing += 1; // never filed: overdue
        continue;
      }
      const periodEnd = Date.parse(`${period.end}T12:00:00-05:00`);
      const dueAt = Date.parse(period.dueAt);
      const late = random() < 0.12;
      const filedAt = late ? dueAt + whole(random, 2, 45) * DAY - whole(random, 2, 14) * 3_600_000 : periodEnd + whole(random, 4, 27) * DAY + whole(random, 0, 8) * 3_600_000;
      if (filedAt > latest) continue; // not filed yet as of the seed's today

      const values = demoValues(agency.slug, period.key, index, keys);
      const returned = RETURNED_AND_FIXED.has(id) || RETURNED_OPEN.has(id);
      const filing = await openFiling(prisma, { requirementId: requirement.id, periodKey: period.key, now });
      await file(prisma, filing.id, returned ? withMistake(values) : values, { ...certify, now: new Date(filedAt) });
      summary.filings += 1;
      summary.revisions += 1;

      let at = filedAt;
      let revision = 1;
      if (returned) {
        at += whole(random, 4, 12) * DAY;
        if (at > latest) continue;
        await reviewFiling(prisma, {
          filingId: filing.id,
          revisionNumber: 1,
          decision: 'RETURNED',
          note: 'The gross cost leaves out the overtime the budget office reports for the quarter: please include it and resubmit.',
          reviewerId: loader.id,
          now: new Date(at),
        });
        summary.returned += 1;
        if (RETURNED_OPEN.has(id)) continue;
        at += whole(random, 5, 15) * DAY;
        if (at > latest) continue;
        await file(prisma, filing.id, values, { ...certify, amendmentReason: 'Included the overtime the county asked about when it returned the report.', now: new Date(at) });
        summary.revisions += 1;
        revision = 2;
      } else if (random() < 0.08) {
        at += whole(random, 10, 60) * DAY;
        if (at > latest) continue;
        const reason = AMENDMENT_REASONS[whole(random, 0, AMENDMENT_REASONS.length - 1)];
        await file(prisma, filing.id, amended(values, random), { ...certify, amendmentReason: reason, now: new Date(at) });
        summary.revisions += 1;
        revision = 2;
      }
      decided.push({ filingId: filing.id, id, revision, at });
    }
    // The newest report stays awaiting review (the clerk has not reached it yet), so every
    // agency's reviewers have one to decide.
    for (const report of decided.slice(0, -1)) await acceptMost(report.filingId, report.id, report.revision, report.at);
  };
  /**
   * The reviewers accept most reports two weeks to two months after their last revision, as a
   * county clerk would; the rest, and those filed too recently, stay awaiting review. Reports
   * returned and not fixed are not among them. Its own PRNG, so the draws above (and the
   * figures and dates they decide) are as before.
   */
  const acceptMost = async (filingId: number, id: string, revisionNumber: number, lastAt: number) => {
    const random = prng(`review|${id}`);
    const at = lastAt + whole(random, 14, 60) * DAY;
    if (random() < ACCEPTED_SHARE && at <= latest) {
      await reviewFiling(prisma, { filingId, revisionNumber, decision: 'ACCEPTED', note: null, reviewerId: loader.id, now: new Date(at) });
      summary.accepted += 1;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  summary.ms = Date.now() - started;
  options.log?.(
    `  ${summary.filings} demonstration reports (${summary.revisions} revisions, ${summary.returned} returned, ${summary.accepted} accepted, ${summary.missing} left missing) for ${summary.agencies} agencies in ${(summary.ms / 1000).toFixed(1)} s`,
  );
  return summary;
}

/**
 * Saves the draft and submits it at `now`. A figure far from the agency's own history is
 * flagged until explained (rules.ts): made-up figures are, so the draft says so. Any other
 * issue is a bug in the generator, and throws.
 */
async function file(
  prisma: PrismaClient,
  filingId: number,
  values: Record<string, string>,
  submit: { certifiedName: string; certifiedTitle: string; userId: number; channel: 'WEB'; amendmentReason?: string; now: Date },
) {
  const draft = { filingId, values, nothingToReport: false, userId: submit.userId, now: new Date(submit.now.getTime() - 2 * 3_600_000) };
  const { issues } = await saveDraft(prisma, { ...draft, explanations: {} });
  const blocking = issues.filter((issue: FilingIssue) => issue.blocking);
  if (blocking.some((issue) => !issue.explainable)) throw new Error(`Demo report ${filingId} is refused: ${blocking.map((i) => JSON.stringify(i.message)).join(' ')}`);
  if (blocking.length > 0) {
    await saveDraft(prisma, { ...draft, explanations: Object.fromEntries(blocking.map((issue) => [issue.rule!, EXPLANATION])) });
  }
  await submitFiling(prisma, { filingId, ...submit });
}
