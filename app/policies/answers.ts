/**
 * The questions a model policy asks, one page of answers that makes both the resolution's text
 * (resolution.ts) and the requirements the portal enforces, so the two cannot disagree.
 *
 * Use:
 *   const answers = defaultAnswers('municipal_reporting', { jurisdictionName: 'Matthews', agencies, models, today });
 *   const fields = answersToFields(answers);          // prefill the form (names below)
 *   const parsed = parseAnswers(templateId, formEntries, { adopting: true });
 *   if (!parsed.ok) parsed.problems                   // [{ field: 'dueDaysAfterEnd', key: 'modelPolicy.problem.dueDaysWhole' }]
 *   else parsed.answers                               // typed ModelPolicyAnswers
 *
 * Form field names (every value a string; lists may repeat the name or come as string[]):
 *   jurisdictionName, adoptingBody, resolutionNumber?, agencyHead, presidingOfficer, clerk,
 *   agencies.<i>.name, agencies.<i>.id? (i = 0, 1, …; a row with neither is skipped),
 *   frequency (MONTHLY | QUARTERLY | ANNUAL), dueDaysAfterEnd, acceptsLate (yes | no),
 *   metricKeys (list of catalogue keys), oathText, effectiveFrom (YYYY-MM-DD),
 *   adoptedOn? (YYYY-MM-DD; required when adopting), votesFor?, votesAgainst?, votesAbstaining?,
 *   additionalClauses? (free text, paragraphs split by blank lines; check it with guardrails.ts),
 *   and for municipal_preapproval only: hearingRequired (yes | no), noticeDays,
 *   commentPeriodDays, requiredItems (list of app/preapproval/items.ts keys).
 *
 * Problems are message keys (`modelPolicy.problem.*`, app/i18n/<language>/model-policies.ts),
 * with the field they belong to. Plain TypeScript, safe in the browser.
 */
import { z } from 'zod';
import type { MessageKey } from '~/i18n/i18n';
import type { Message } from '~/i18n/message';
import { APPLICATION_ITEMS, isApplicationItem, DEFAULT_COMMENT_PERIOD_DAYS, type ApplicationItem } from '~/preapproval/items';
import { isCalendarDate } from '~/reporting/calendar';
import { metricByKey, type Model } from '~/reporting/metrics';
import { defaultMetricKeys, templateById, type TemplateId } from './templates';
import { FREQUENCIES } from '~/reporting/calendar';

export type Frequency = (typeof FREQUENCIES)[number];

export interface AgencyAnswer {
  /** The registry's agency id: needed to adopt (requirementsFromAnswers), not to preview. */
  id: number | null;
  name: string;
}

export interface PreapprovalAnswers {
  /** Whether the council holds a public hearing before it decides. */
  hearingRequired: boolean;
  /** Days of public notice before the hearing (or the decision, without one). */
  noticeDays: number;
  /** Days residents may comment once notice is given. */
  commentPeriodDays: number;
  /** The application items the department must supply, in app/preapproval/items.ts order. */
  requiredItems: ApplicationItem[];
}

export interface Vote {
  for: number;
  against: number;
  abstaining: number | null;
}

export interface ModelPolicyAnswers {
  templateId: TemplateId;
  /** "Gaston County", "Matthews". */
  jurisdictionName: string;
  /** "Board of Commissioners of Gaston County", "Town Council of Matthews". */
  adoptingBody: string;
  resolutionNumber: string | null;
  /** "Sheriff", "Chief of Police": the officer who reports and swears to the report. */
  agencyHead: string;
  /** Titles in the signature block: "Chair" / "Mayor", "Clerk to the Board" / "Town Clerk". */
  presidingOfficer: string;
  clerk: string;
  agencies: AgencyAnswer[];
  frequency: Frequency;
  dueDaysAfterEnd: number;
  acceptsLate: boolean;
  /** Catalogue keys, in the order given. */
  metricKeys: string[];
  oathText: string;
  /** YYYY-MM-DD: the first day the reporting rules apply. */
  effectiveFrom: string;
  /** YYYY-MM-DD, or null in a draft. */
  adoptedOn: string | null;
  vote: Vote | null;
  /** Free-text clauses the body adds, one per paragraph. */
  additionalClauses: string[];
  /** Only for municipal_preapproval, null otherwise. */
  preapproval: PreapprovalAnswers | null;
}

/** A problem with one answer: its form field and a message key. */
export interface AnswerProblem extends Message {
  field: string;
}

export type AnswersParse = { ok: true; answers: ModelPolicyAnswers } | { ok: false; problems: AnswerProblem[] };

const key = (value: MessageKey) => value;

const MAX_NAME = 200;
const MAX_CLAUSES = 20_000;

const name = (required: MessageKey) => z.string(required).trim().min(1, required).max(MAX_NAME, key('modelPolicy.problem.tooLong'));
const optionalText = (max: number) => z.string().trim().max(max, key('modelPolicy.problem.tooLong')).optional();
const date = (required: MessageKey, invalid: MessageKey) => z.string(required).min(1, required).refine(isCalendarDate, invalid);
const count = (whole: MessageKey, max: number, tooMany: MessageKey) => z.number(whole).int(whole).min(0, whole).max(max, tooMany);
const yesNo = (required: MessageKey) => z.enum(['yes', 'no'], required).transform((value) => value === 'yes');

const agencySchema = z.object({
  name: name('modelPolicy.problem.agencyNameRequired'),
  id: z.number(key('modelPolicy.problem.agencyIdInvalid')).int(key('modelPolicy.problem.agencyIdInvalid')).positive(key('modelPolicy.problem.agencyIdInvalid')).max(2_147_483_647, key('modelPolicy.problem.agencyIdInvalid')).nullable(),
});

const preapprovalSchema = z.object({
  hearingRequired: yesNo('modelPolicy.problem.hearingRequired'),
  noticeDays: count('modelPolicy.problem.noticeDaysWhole', 365, 'modelPolicy.problem.noticeDaysTooMany'),
  commentPeriodDays: count('modelPolicy.problem.commentDaysWhole', 365, 'modelPolicy.problem.commentDaysTooMany').min(1, key('modelPolicy.problem.commentDaysWhole')),
  requiredItems: z
    .array(z.string().refine(isApplicationItem, key('modelPolicy.problem.itemUnknown')))
    .min(1, key('modelPolicy.problem.itemsEmpty'))
    .transform((items) => APPLICATION_ITEMS.filter((item) => items.includes(item))),
});

const answersSchema = z.object({
  jurisdictionName: name('modelPolicy.problem.jurisdictionRequired'),
  adoptingBody: name('modelPolicy.problem.adoptingBodyRequired'),
  resolutionNumber: optionalText(MAX_NAME),
  agencyHead: name('modelPolicy.problem.agencyHeadRequired'),
  presidingOfficer: name('modelPolicy.problem.presidingOfficerRequired'),
  clerk: name('modelPolicy.problem.clerkRequired'),
  agencies: z.array(agencySchema).min(1, key('modelPolicy.problem.agenciesEmpty')),
  frequency: z.enum(FREQUENCIES, key('modelPolicy.problem.frequencyRequired')),
  // The policy service's bounds: beyond a year and a day a report could fall due after the next one.
  dueDaysAfterEnd: count('modelPolicy.problem.dueDaysWhole', 366, 'modelPolicy.problem.dueDaysTooMany'),
  acceptsLate: yesNo('modelPolicy.problem.acceptsLateRequired'),
  metricKeys: z.array(z.string()).min(1, key('modelPolicy.problem.metricsEmpty')),
  oathText: z.string(key('modelPolicy.problem.oathRequired')).trim().min(1, key('modelPolicy.problem.oathRequired')).max(2000, key('modelPolicy.problem.tooLong')),
  effectiveFrom: date('modelPolicy.problem.effectiveFromRequired', 'modelPolicy.problem.effectiveFromInvalid'),
  adoptedOn: z.string().refine(isCalendarDate, key('modelPolicy.problem.adoptedOnInvalid')).optional(),
  votesFor: count('modelPolicy.problem.voteWhole', 999, 'modelPolicy.problem.voteWhole').optional(),
  votesAgainst: count('modelPolicy.problem.voteWhole', 999, 'modelPolicy.problem.voteWhole').optional(),
  votesAbstaining: count('modelPolicy.problem.voteWhole', 999, 'modelPolicy.problem.voteWhole').optional(),
  additionalClauses: optionalText(MAX_CLAUSES),
  preapproval: preapprovalSchema.optional(),
});

type Fields = Record<string, string | string[] | undefined>;

/** One value of a field: the first if sent several times; blank (after trimming) is absent. */
function one(fields: Fields, name: string): string | undefined {
  const raw = fields[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value === undefined || value.trim() === '' ? undefined : value;
}

function list(fields: Fields, name: string): string[] {
  const raw = fields[name];
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  return values.map((value) => value.trim()).filter((value) => value !== '');
}

/** A whole number as typed ("30", " 30 "); anything else NaN, which the schema refuses with its key. */
function whole(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  return /^\s*\d{1,9}\s*$/.test(value) ? Number(value) : Number.NaN;
}

function agencyRows(fields: Fields): { name: string | undefined; id: number | null }[] {
  const indexes = new Set<number>();
  for (const field of Object.keys(fields)) {
    const match = /^agencies\.(\d{1,3})\.(name|id)$/.exec(field);
    if (match) indexes.add(Number(match[1]));
  }
  return [...indexes]
    .sort((a, b) => a - b)
    .map((i) => ({ name: one(fields, `agencies.${i}.name`), id: whole(one(fields, `agencies.${i}.id`)) ?? null }))
    .filter((row) => row.name !== undefined || row.id !== null);
}

/** The form's strings in the schema's shape (numbers as numbers, lists as lists). */
function shape(templateId: TemplateId, fields: Fields) {
  return {
    jurisdictionName: one(fields, 'jurisdictionName'),
    adoptingBody: one(fields, 'adoptingBody'),
    resolutionNumber: one(fields, 'resolutionNumber'),
    agencyHead: one(fields, 'agencyHead'),
    presidingOfficer: one(fields, 'presidingOfficer'),
    clerk: one(fields, 'clerk'),
    agencies: agencyRows(fields),
    frequency: one(fields, 'frequency'),
    dueDaysAfterEnd: whole(one(fields, 'dueDaysAfterEnd')),
    acceptsLate: one(fields, 'acceptsLate'),
    metricKeys: list(fields, 'metricKeys'),
    oathText: one(fields, 'oathText'),
    effectiveFrom: one(fields, 'effectiveFrom'),
    adoptedOn: one(fields, 'adoptedOn'),
    votesFor: whole(one(fields, 'votesFor')),
    votesAgainst: whole(one(fields, 'votesAgainst')),
    votesAbstaining: whole(one(fields, 'votesAbstaining')),
    additionalClauses: one(fields, 'additionalClauses'),
    preapproval: templateById(templateId).preapproval
      ? {
          hearingRequired: one(fields, 'hearingRequired'),
          noticeDays: whole(one(fields, 'noticeDays')),
          commentPeriodDays: whole(one(fields, 'commentPeriodDays')),
          requiredItems: list(fields, 'requiredItems'),
        }
      : undefined,
  };
}

/** Schema paths back to form field names ('agencies.0.name' stays, 'preapproval.noticeDays' → 'noticeDays'). */
function fieldOf(path: PropertyKey[]): string {
  const parts = path.map(String);
  if (parts[0] === 'preapproval') parts.shift();
  if (parts[0] === 'requiredItems' || parts[0] === 'metricKeys') return parts[0];
  return parts.join('.') || 'input';
}

function metricProblems(keys: string[]): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const seen = new Set<string>();
  for (const metricKey of keys) {
    const metric = metricByKey(metricKey);
    if (seen.has(metricKey)) problems.push({ field: 'metricKeys', key: 'modelPolicy.problem.metricTwice', params: { metric: metricKey } });
    else if (!metric) problems.push({ field: 'metricKeys', key: 'modelPolicy.problem.metricUnknown', params: { metric: metricKey } });
    else if (metric.derived) problems.push({ field: 'metricKeys', key: 'modelPolicy.problem.metricDerived', params: { metric: metricKey, label: metric.label } });
    else if (metric.breakdownOf && !keys.includes(metric.breakdownOf)) {
      problems.push({ field: 'metricKeys', key: 'modelPolicy.problem.breakdownWithoutTotal', params: { metric: metricKey, total: metric.breakdownOf } });
    }
    seen.add(metricKey);
  }
  return problems;
}

/** Free text split into clauses at blank lines, each with its lines joined. */
export function splitClauses(text: string | undefined): string[] {
  if (!text) return [];
  return text
    .split(/\r?\n\s*\r?\n/)
    .map((clause) => clause.replace(/\s*\r?\n\s*/g, ' ').trim())
    .filter((clause) => clause !== '');
}

/**
 * The answers of a template's form, or every problem found (one field may have several).
 * `adopting`: the adoption date is required (a preview or download of a draft goes without).
 */
export function parseAnswers(templateId: TemplateId, fields: Fields, options: { adopting?: boolean } = {}): AnswersParse {
  const parsed = answersSchema.safeParse(shape(templateId, fields));
  const problems: AnswerProblem[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // A check without a key of its own (zod's wording) reads as the form's generic message.
      const message = issue.message.startsWith('modelPolicy.') ? (issue.message as MessageKey) : 'form.invalid';
      problems.push({ field: fieldOf(issue.path), key: message });
    }
  }
  const data = parsed.success ? parsed.data : undefined;
  if (data) {
    problems.push(...metricProblems(data.metricKeys));
    if (options.adopting && !data.adoptedOn) problems.push({ field: 'adoptedOn', key: 'modelPolicy.problem.adoptedOnRequired' });
    if (data.adoptedOn && data.effectiveFrom < data.adoptedOn) {
      problems.push({ field: 'effectiveFrom', key: 'modelPolicy.problem.effectiveBeforeAdoption', params: { date: data.adoptedOn } });
    }
    const votes = [data.votesFor, data.votesAgainst, data.votesAbstaining];
    if (votes.some((vote) => vote !== undefined) && (data.votesFor === undefined || data.votesAgainst === undefined)) {
      problems.push({ field: data.votesFor === undefined ? 'votesFor' : 'votesAgainst', key: 'modelPolicy.problem.voteIncomplete' });
    }
  }
  if (!data || problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    answers: {
      templateId,
      jurisdictionName: data.jurisdictionName,
      adoptingBody: data.adoptingBody,
      resolutionNumber: data.resolutionNumber || null,
      agencyHead: data.agencyHead,
      presidingOfficer: data.presidingOfficer,
      clerk: data.clerk,
      agencies: data.agencies,
      frequency: data.frequency,
      dueDaysAfterEnd: data.dueDaysAfterEnd,
      acceptsLate: data.acceptsLate,
      metricKeys: data.metricKeys,
      oathText: data.oathText,
      effectiveFrom: data.effectiveFrom,
      adoptedOn: data.adoptedOn ?? null,
      vote: data.votesFor !== undefined && data.votesAgainst !== undefined ? { for: data.votesFor, against: data.votesAgainst, abstaining: data.votesAbstaining ?? null } : null,
      additionalClauses: splitClauses(data.additionalClauses),
      preapproval: data.preapproval ?? null,
    },
  };
}

export interface PlaceForDefaults {
  jurisdictionName: string;
  /** The agencies of the place the policy binds (a county: its sheriff's office; a town: its police department). */
  agencies: AgencyAnswer[];
  /** Their agreements' models, for the default metrics (see defaultMetricKeys). */
  models?: readonly Model[];
  /** YYYY-MM-DD: the default effective date. */
  today: string;
}

/** The oath a report is sworn under by default (G.S. 153A-104 allows reports under oath). */
export function defaultOath(agencyHead: string, jurisdictionName: string): string {
  return `I, the undersigned ${agencyHead}, being duly sworn, state that this report on 287(g) participation for ${jurisdictionName} is true, accurate and complete to the best of my knowledge and belief, and that where a measure had no occurrence in the period I have reported zero.`;
}

/** Answers that make a valid resolution with nothing more typed than the place's names. */
export function defaultAnswers(templateId: TemplateId, place: PlaceForDefaults): ModelPolicyAnswers {
  const template = templateById(templateId);
  return {
    templateId,
    jurisdictionName: place.jurisdictionName,
    adoptingBody: template.defaults.adoptingBody(place.jurisdictionName),
    resolutionNumber: null,
    agencyHead: template.defaults.agencyHead,
    presidingOfficer: template.defaults.presidingOfficer,
    clerk: template.defaults.clerk,
    agencies: place.agencies.map((agency) => ({ ...agency })),
    frequency: 'QUARTERLY',
    dueDaysAfterEnd: 30,
    acceptsLate: true,
    metricKeys: defaultMetricKeys(templateId, { models: place.models }),
    oathText: defaultOath(template.defaults.agencyHead, place.jurisdictionName),
    effectiveFrom: place.today,
    adoptedOn: null,
    vote: null,
    additionalClauses: [],
    preapproval: template.preapproval ? { hearingRequired: true, noticeDays: 14, commentPeriodDays: DEFAULT_COMMENT_PERIOD_DAYS, requiredItems: [...APPLICATION_ITEMS] } : null,
  };
}

/** The answers as form fields (the names parseAnswers reads), to fill the form again. */
export function answersToFields(answers: ModelPolicyAnswers): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {
    jurisdictionName: answers.jurisdictionName,
    adoptingBody: answers.adoptingBody,
    resolutionNumber: answers.resolutionNumber ?? '',
    agencyHead: answers.agencyHead,
    presidingOfficer: answers.presidingOfficer,
    clerk: answers.clerk,
    frequency: answers.frequency,
    dueDaysAfterEnd: String(answers.dueDaysAfterEnd),
    acceptsLate: answers.acceptsLate ? 'yes' : 'no',
    metricKeys: [...answers.metricKeys],
    oathText: answers.oathText,
    effectiveFrom: answers.effectiveFrom,
    adoptedOn: answers.adoptedOn ?? '',
    votesFor: answers.vote ? String(answers.vote.for) : '',
    votesAgainst: answers.vote ? String(answers.vote.against) : '',
    votesAbstaining: answers.vote?.abstaining != null ? String(answers.vote.abstaining) : '',
    additionalClauses: answers.additionalClauses.join('\n\n'),
  };
  answers.agencies.forEach((agency, i) => {
    fields[`agencies.${i}.name`] = agency.name;
    fields[`agencies.${i}.id`] = agency.id === null ? '' : String(agency.id);
  });
  if (answers.preapproval) {
    fields.hearingRequired = answers.preapproval.hearingRequired ? 'yes' : 'no';
    fields.noticeDays = String(answers.preapproval.noticeDays);
    fields.commentPeriodDays = String(answers.preapproval.commentPeriodDays);
    fields.requiredItems = [...answers.preapproval.requiredItems];
  }
  return fields;
}
