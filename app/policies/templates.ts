/**
 * The toolkit's three model policies (see docs in answers.ts for the questions and resolution.ts
 * for the text), and the metrics each asks for by default. Plain TypeScript: no Remix, no Prisma.
 *
 *   county_reporting       every county: the board of commissioners requires the sheriff to
 *                          report under oath (G.S. 153A-104)            → PolicyKind COUNTY_REPORTING
 *   municipal_preapproval  a town whose police department has no 287(g) agreement: the council's
 *                          approval before the department applies or signs, and reports once an
 *                          agreement exists (G.S. 160A-281)            → MUNICIPAL_PREAPPROVAL
 *   municipal_reporting    a town whose department has an agreement: reporting and
 *                          accountability (G.S. 160A-281)               → MUNICIPAL_REPORTING
 *
 * None of them prohibits cooperation with federal immigration enforcement: G.S. 153A-145.5
 * (counties) and 160A-205.2 (cities and towns) forbid that; guardrails.ts checks added text.
 */
import { METRICS, type MetricDefinition, type Model } from '~/reporting/metrics';

export const TEMPLATE_IDS = ['county_reporting', 'municipal_preapproval', 'municipal_reporting'] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

/** The Prisma enum PolicyKind's values (kept as a union so this module stays free of Prisma). */
export type PolicyKind = 'COUNTY_REPORTING' | 'MUNICIPAL_PREAPPROVAL' | 'MUNICIPAL_REPORTING';

export interface ModelPolicyTemplate {
  id: TemplateId;
  kind: PolicyKind;
  /** Who adopts it: a county's board of commissioners or a town's council. */
  place: 'COUNTY' | 'TOWN';
  /** The statute the policy rests on, as stored in Policy.statute. */
  statute: string;
  /** The anti-sanctuary statute that binds the adopting body (the guardrails cite it). */
  antiSanctuaryStatute: string;
  /** Whether the council approves a 287(g) agreement before the department applies or signs. */
  preapproval: boolean;
  /** Agreement models assumed when the page knows none (a town's department joins as a task force). */
  assumedModels: readonly Model[];
  /** Defaults for the adoption block and the agency head's title. */
  defaults: { adoptingBody: (place: string) => string; presidingOfficer: string; clerk: string; agencyHead: string };
}

const TEMPLATES: Record<TemplateId, ModelPolicyTemplate> = {
  county_reporting: {
    id: 'county_reporting',
    kind: 'COUNTY_REPORTING',
    place: 'COUNTY',
    statute: 'G.S. 153A-104',
    antiSanctuaryStatute: 'G.S. 153A-145.5',
    preapproval: false,
    assumedModels: ['JEM', 'WSO', 'TFM'],
    defaults: { adoptingBody: (place) => `Board of Commissioners of ${place}`, presidingOfficer: 'Chair', clerk: 'Clerk to the Board', agencyHead: 'Sheriff' },
  },
  municipal_preapproval: {
    id: 'municipal_preapproval',
    kind: 'MUNICIPAL_PREAPPROVAL',
    place: 'TOWN',
    statute: 'G.S. 160A-281',
    antiSanctuaryStatute: 'G.S. 160A-205.2',
    preapproval: true,
    assumedModels: ['TFM'],
    defaults: { adoptingBody: (place) => `Town Council of ${place}`, presidingOfficer: 'Mayor', clerk: 'Town Clerk', agencyHead: 'Chief of Police' },
  },
  municipal_reporting: {
    id: 'municipal_reporting',
    kind: 'MUNICIPAL_REPORTING',
    place: 'TOWN',
    statute: 'G.S. 160A-281',
    antiSanctuaryStatute: 'G.S. 160A-205.2',
    preapproval: false,
    assumedModels: ['TFM'],
    defaults: { adoptingBody: (place) => `Town Council of ${place}`, presidingOfficer: 'Mayor', clerk: 'Town Clerk', agencyHead: 'Chief of Police' },
  },
};

export function isTemplateId(value: unknown): value is TemplateId {
  return typeof value === 'string' && (TEMPLATE_IDS as readonly string[]).includes(value);
}

export function templateById(id: TemplateId): ModelPolicyTemplate {
  return TEMPLATES[id];
}

/** The template a stored policy of this kind was made from (for amendments and the public page). */
export function templateForKind(kind: PolicyKind): ModelPolicyTemplate {
  const template = Object.values(TEMPLATES).find((candidate) => candidate.kind === kind);
  if (!template) throw new Error(`No model policy for kind ${kind}`);
  return template;
}

// ---------------------------------------------------------------------------------------------
// Metrics

/**
 * What each template asks for, from the toolkit's goals: cost after federal money (taxpayer
 * resources), activity (what the agreement is used for), who is affected (racial profiling is the
 * toolkit's central concern) and accountability (complaints, lawsuits, settlements: liability).
 *
 * An entry is a catalogue key, or a pattern with `*` (any characters): 'booked_by_race.*' takes
 * every cell of that breakdown the catalogue has (catalogue v2, app/reporting/metrics-v2.ts).
 * Entries the catalogue does not have are skipped, so the same list serves a catalogue without
 * them, and a cell added to a listed breakdown is asked for without touching this file. A
 * breakdown cell brings its total along (createPolicy refuses one without the other).
 */
export const TOOLKIT_METRIC_KEYS: Record<TemplateId, readonly string[]> = {
  county_reporting: [
    // Cost: gross, federal money and IGSA revenue side by side (net local cost is derived).
    'staff_fte',
    'staff_hours',
    'overtime_hours',
    'overtime_cost',
    'training_hours',
    'training_cost',
    'detention_bed_days',
    'detention_cost',
    'gross_cost',
    'federal_reimbursement',
    'igsa_revenue',
    'ice_funded_equipment',
    'legal_costs',
    // Activity
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
    // People affected
    'transferred_by_charge.*',
    'transferred_by_conviction.*',
    'transferred_by_citizenship.*',
    // Catalogue v2: race and ethnicity of the people booked, held and transferred and of
    // task-force stops and arrests (racial profiling), reasons for stops, detainers by charge
    // level (how many on traffic or no charge), ICE requests by type and outcome.
    'booked_by_race.*',
    'detained_by_race.*',
    'transferred_by_race.*',
    'task_force_stops_by_race.*',
    'task_force_stops_by_reason.*',
    'task_force_arrests_by_race.*',
    'task_force_arrests_by_reason.*',
    'detainers_by_charge.*',
    'ice_requests_by_type.*',
    'ice_requests_by_outcome.*',
    // Accountability
    'officers_certified',
    'complaints_filed',
    'complaints_sustained',
    'lawsuits_filed',
    'settlements_paid',
    'public_forums_held',
  ],
  // A town's department has no jail: no booking, detainer or detention figures.
  municipal_preapproval: municipalKeys(),
  municipal_reporting: municipalKeys(),
};

function municipalKeys(): readonly string[] {
  return [
    'staff_fte',
    'staff_hours',
    'overtime_hours',
    'overtime_cost',
    'training_hours',
    'training_cost',
    'gross_cost',
    'federal_reimbursement',
    'ice_funded_equipment',
    'legal_costs',
    'transfers_to_ice',
    'people_encountered',
    'task_force_stops',
    'task_force_arrests',
    'ice_requests',
    'transferred_by_charge.*',
    'transferred_by_citizenship.*',
    'transferred_by_race.*',
    'task_force_stops_by_race.*',
    'task_force_stops_by_reason.*',
    'task_force_arrests_by_race.*',
    'task_force_arrests_by_reason.*',
    'ice_requests_by_type.*',
    'ice_requests_by_outcome.*',
    'officers_certified',
    'complaints_filed',
    'complaints_sustained',
    'lawsuits_filed',
    'settlements_paid',
    'public_forums_held',
  ];
}

function matcher(entry: string): (key: string) => boolean {
  if (!entry.includes('*')) return (key) => key === entry;
  const pattern = new RegExp(`^${entry.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return (key) => pattern.test(key);
}

/**
 * The metric keys a template asks for by default, in catalogue order: its TOOLKIT_METRIC_KEYS
 * that the catalogue has, are typed (not derived) and apply to one of the agency's agreement
 * models (pass them: a sheriff with only a jail agreement reports no task-force stops), with
 * the total of every breakdown cell taken. `models` empty or left out: the template's assumed
 * models. `catalogue` defaults to the portal's METRICS.
 */
export function defaultMetricKeys(templateId: TemplateId, options: { models?: readonly Model[]; catalogue?: readonly MetricDefinition[] } = {}): string[] {
  const catalogue = options.catalogue ?? METRICS;
  const models = new Set(options.models && options.models.length > 0 ? options.models : TEMPLATES[templateId].assumedModels);
  const fits = (metric: MetricDefinition) => !metric.derived && metric.models.some((model) => models.has(model));
  const matchers = TOOLKIT_METRIC_KEYS[templateId].map(matcher);
  const wanted = new Set(catalogue.filter((metric) => fits(metric) && matchers.some((matches) => matches(metric.key))).map((metric) => metric.key));
  for (const metric of catalogue) {
    if (!wanted.has(metric.key) || !metric.breakdownOf) continue;
    const total = catalogue.find((candidate) => candidate.key === metric.breakdownOf);
    if (total && fits(total)) wanted.add(total.key);
    else wanted.delete(metric.key);
  }
  return catalogue.filter((metric) => wanted.has(metric.key)).map((metric) => metric.key);
}
