/**
 * A model policy's answers (answers.ts) as a resolution: a structured document that every
 * renderer (resolution-html.ts, resolution-view.tsx, resolution-pdf.server.ts,
 * resolution-docx.server.ts) and resolutionText() lay out the same way, and the policy and
 * requirements that createPolicy (app/reporting/policies.server.ts) stores, from the same answers.
 *
 *   const doc = buildResolution(answers);             // ResolutionDocument
 *   resolutionText(doc)                               // plain text, stored as Policy.resolutionText
 *   requirementsFromAnswers(answers, { jurisdictionId, createdById })   // createPolicy's input
 *
 * The text states the frequency, due days, late rule, first day and every metric (by its English
 * label, in Schedule A) that the requirements hold; resolution.test.ts reads them back. It asks
 * for reports, notice, process and public records only: nothing in it limits or restricts the
 * enforcement of federal immigration law (G.S. 153A-145.5, 160A-205.2), and it says so.
 * The resolution is the body's English text; pages around it are translated, it is not.
 */
import { METRIC_CATALOGUE_VERSION, metricByKey } from '~/reporting/metrics';
import type { ApplicationItem } from '~/preapproval/items';
import type { Frequency, ModelPolicyAnswers } from './answers';
import { templateById, type PolicyKind, type TemplateId } from './templates';

export interface ResolutionParagraph {
  /** "(a)", "(b)", … */
  label: string;
  text: string;
  /** A list under the paragraph, each item with its own label ("(1)", …). */
  items?: { label: string; text: string }[];
}

export interface ResolutionSection {
  number: number;
  heading: string;
  paragraphs: ResolutionParagraph[];
}

export interface ResolutionDocument {
  templateId: TemplateId;
  title: string;
  /** "Resolution No. 2026-14", or null. */
  number: string | null;
  jurisdictionName: string;
  adoptingBody: string;
  /** Each clause begins "WHEREAS, ". */
  preamble: string[];
  /** "NOW, THEREFORE, BE IT RESOLVED by the … that:" */
  enactingClause: string;
  sections: ResolutionSection[];
  /** Schedule A: the measures each report states, numbered "1.", "2.", … by their catalogue labels. */
  schedule: { heading: string; intro: string; items: { label: string; text: string }[] };
  adoption: {
    /** "Adopted this 5th day of March, 2026." or a blank line to fill in by hand. */
    adoptedLine: string;
    /** "Ayes: 4. Noes: 1. Abstaining: 0." or null. */
    voteLine: string | null;
    /** Titles under the signature lines: the presiding officer, then "Attest:" the clerk. */
    signatures: { caption: string; title: string }[];
  };
}

// ---------------------------------------------------------------------------------------------
// Words

const PERIOD: Record<Frequency, { adverb: string; period: string; example: string }> = {
  MONTHLY: { adverb: 'monthly', period: 'calendar month', example: '' },
  QUARTERLY: { adverb: 'quarterly', period: 'calendar quarter', example: ' (January to March, April to June, July to September and October to December)' },
  ANNUAL: { adverb: 'annually', period: 'calendar year', example: '' },
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "2026-03-05" → "March 5, 2026". */
export function longDate(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  return `${MONTHS[month - 1]} ${date}, ${year}`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'}`;
}

/** "A", "A and B", "A, B and C". */
function series(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function letter(i: number): string {
  return `(${String.fromCharCode(97 + (i % 26)).repeat(Math.floor(i / 26) + 1)})`;
}

function paragraphs(texts: (string | { label: string; text: string }[] | false)[]): ResolutionParagraph[] {
  const result: ResolutionParagraph[] = [];
  for (const entry of texts) {
    if (entry === false) continue;
    if (Array.isArray(entry)) result[result.length - 1].items = entry;
    else result.push({ label: letter(result.length), text: entry });
  }
  return result;
}

function numbered(texts: string[]): { label: string; text: string }[] {
  return texts.map((text, i) => ({ label: `(${i + 1})`, text }));
}

/** The application items in resolution language (keys of app/preapproval/items.ts). */
const ITEM_TEXT: Record<ApplicationItem, string> = {
  modelSought: 'the 287(g) model sought (Jail Enforcement, Warrant Service Officer or Task Force Model) and the number of officers who would perform its functions;',
  reasons: 'the reasons for seeking the agreement and the local needs it would address;',
  draftMoa: 'the draft memorandum of agreement and any addendum proposed by U.S. Immigration and Customs Enforcement;',
  costStaff: 'an estimate of the local cost in staff time, including overtime, before and after any federal reimbursement;',
  costTraining: 'an estimate of the cost of training, including travel and the cost of covering the shifts of officers in training;',
  costDetention: 'an estimate of the cost of holding and transporting people for federal immigration authorities;',
  costLiability: 'an estimate of the legal liability {place} would assume, including claims of unlawful detention or racial profiling, and of the insurance and legal costs involved;',
  trainingPlan: 'the training plan for the officers who would perform 287(g) functions;',
  complaintProcedure: 'the procedure by which any person may complain about 287(g) work, and how complaints will be investigated, resolved and reported;',
  antiProfilingPolicy: 'the Department’s written policy against racial profiling and biased policing, and how compliance with it will be monitored;',
  reportingPlan: 'the plan for making the reports this resolution requires once an agreement is in effect.',
};

// ---------------------------------------------------------------------------------------------
// The text

interface Context {
  answers: ModelPolicyAnswers;
  body: string;
  place: string;
  head: string;
  clerk: string;
  agencies: string;
  county: boolean;
}

function title(templateId: TemplateId): string {
  switch (templateId) {
    case 'county_reporting':
      return 'A Resolution Requiring Public Reports on Participation in the Federal 287(g) Program';
    case 'municipal_preapproval':
      return 'A Resolution Establishing a Council Approval Process and Reporting Requirements Before the Police Department Enters a Federal 287(g) Agreement';
    case 'municipal_reporting':
      return 'A Resolution Requiring Reporting and Accountability for the Police Department’s Participation in the Federal 287(g) Program';
  }
}

function preamble(c: Context): string[] {
  const template = templateById(c.answers.templateId);
  const whereas = [
    'Section 287(g) of the federal Immigration and Nationality Act (8 U.S.C. § 1357(g)) allows the U.S. Department of Homeland Security to enter into agreements under which officers of a state or local law enforcement agency perform certain functions of federal immigration officers, under the Jail Enforcement, Warrant Service Officer or Task Force model;',
    'participation in the 287(g) program is voluntary, and no federal or North Carolina law requires a local law enforcement agency to enter into a 287(g) agreement;',
    `a 287(g) agreement commits local personnel, training, equipment and, where a jail is involved, detention capacity to federal work, and can expose ${c.place} to legal liability, including claims of unlawful detention and racial profiling, whose cost falls on local taxpayers;`,
    `such agreements are often entered into without public notice, and the residents of ${c.place} have a right to know whether, and at what cost, local public resources are used in federal immigration enforcement;`,
    'data on the race and ethnicity of the people affected, on the reasons for stops and arrests, and on complaints and their outcomes are needed to detect and prevent racial profiling and to keep the trust between residents and law enforcement on which community safety depends;',
  ];
  if (c.county) {
    whereas.push('G.S. 153A-104 authorizes the board of commissioners to require any county officer or employee to make reports under oath on any matter connected with the administration of that office or employment;');
  } else if (template.preapproval) {
    whereas.push(`under G.S. 160A-281 the ${c.body} may set the policies of the police department of ${c.place}, including the approval the department must obtain before it enters into an agreement with a federal agency and the reports it makes on that work;`);
    whereas.push(`a decision to enter into a 287(g) agreement commits ${c.place} to obligations and risks that the ${c.body}, which answers to the residents, should weigh in public before they are assumed;`);
  } else {
    whereas.push(`under G.S. 160A-281 the ${c.body} may set the policies of the police department of ${c.place}, including the reports it makes on its work and the procedures it follows;`);
    whereas.push(`the police department of ${c.place} participates in the 287(g) program, and the ${c.body} is responsible for overseeing how the department uses the resources of ${c.place};`);
  }
  whereas.push(
    `${template.antiSanctuaryStatute} provides that no ${c.county ? 'county' : 'city'} may have in effect any policy, ordinance or procedure that limits or restricts the enforcement of federal immigration laws, and this resolution is adopted in conformity with that statute: it requires transparency, reporting and public process, and does not limit or restrict the enforcement of federal immigration law;`,
  );
  return whereas.map((clause) => `WHEREAS, ${clause}`);
}

function dueSentence(days: number): string {
  if (days === 0) return 'Each report is due no later than the last day of the reporting period it covers.';
  return `Each report is due no later than ${days} ${days === 1 ? 'day' : 'days'} after the end of the reporting period it covers.`;
}

function lateSentence(acceptsLate: boolean): string {
  return acceptsLate
    ? 'A report filed after its due date shall be accepted, and shall be recorded and published as late.'
    : 'A report not filed by its due date shall not be accepted afterwards, and the reporting period shall be recorded and published as not reported.';
}

/** The reporting rules: the sentences resolution.test.ts reads the requirements back from. */
function reportingParagraphs(c: Context, whenInEffect: string): ResolutionParagraph[] {
  const a = c.answers;
  const period = PERIOD[a.frequency];
  return paragraphs([
    `Frequency. ${whenInEffect} ${c.answers.agencies.length > 1 ? `the ${c.head} of each covered agency` : `the ${c.head}`} shall file one report for each ${period.period}${period.example} during which a 287(g) agreement of that agency is in effect on at least one day. Reports shall be filed ${period.adverb}.`,
    `Due date. ${dueSentence(a.dueDaysAfterEnd)}`,
    `Late reports. ${lateSentence(a.acceptsLate)}`,
    `First report. These reporting requirements apply from ${longDate(a.effectiveFrom)}. The first report covers the first full reporting period that begins on or after that date.`,
    `Contents. Each report shall state, for the reporting period, every measure listed in Schedule A (${a.metricKeys.length} ${a.metricKeys.length === 1 ? 'measure' : 'measures'}). Where nothing occurred, the report shall state zero rather than leave the measure blank. Where Schedule A lists the parts of a total (for example by charge, country of citizenship, or race and ethnicity), the parts shall add up to the total.`,
    'Costs. Costs shall be stated in full, before any reimbursement; federal reimbursements and any payments under a jail-bed contract shall be stated separately, so that the net cost to local taxpayers can be seen.',
    'Privacy. Reports state totals only and shall not identify any person.',
    `Oath. Each report shall be made under oath${c.county ? ', as G.S. 153A-104 provides,' : ''} by the ${c.head}, in the following form: “${a.oathText}”`,
    `Filing. Reports shall be filed through the public reporting portal designated by the ${c.clerk}, or delivered to the ${c.clerk} in writing.`,
  ]);
}

function documentParagraphs(c: Context): ResolutionParagraph[] {
  return paragraphs([
    `Within 30 days after a covered agency signs, amends, renews or ends a 287(g) agreement, or applies for one, the ${c.head} shall file a copy of the agreement, amendment or application with the ${c.clerk}.`,
    `With the first report, and within 30 days after any change, the ${c.head} shall file with the ${c.clerk} the agency’s procedure for complaints about its 287(g) work and its written policy against racial profiling and biased policing.`,
    `Each year, before the ${c.body} adopts its budget, the ${c.head} shall file with the ${c.clerk} an estimate of the cost of the agency’s 287(g) participation for the coming fiscal year, stating separately the cost of staff, training, detention and legal liability, and the federal reimbursement expected.`,
  ]);
}

function publicRecordParagraphs(c: Context, extra: string[] = []): ResolutionParagraph[] {
  return paragraphs([
    `The ${c.clerk} shall publish each report and each document filed under this resolution, and for every reporting period the date each report was due and whether it was filed on time, filed late or not filed.`,
    `The ${c.clerk} shall inform the ${c.body}, at its first regular meeting after each due date, of any report not filed by its due date. That record forms part of the public record of ${c.place}.`,
    ...extra,
    `At least once each year the ${c.body} shall hold a public meeting at which the reports of the preceding year are presented and residents may comment on them.`,
  ]);
}

function savingsParagraphs(c: Context): ResolutionParagraph[] {
  const statute = templateById(c.answers.templateId).antiSanctuaryStatute;
  return paragraphs([
    `Nothing in this resolution limits or restricts the enforcement of federal immigration law, and nothing in it shall be construed to conflict with ${statute} or any other state or federal law. It establishes reporting, notice, public process and record-keeping requirements only.`,
    'If any provision of this resolution is held invalid, the invalidity does not affect the other provisions, which remain in effect.',
  ]);
}

function preapprovalSections(c: Context): [string, ResolutionParagraph[]][] {
  const rules = c.answers.preapproval;
  if (!rules) throw new Error('A pre-approval resolution needs the pre-approval answers');
  const items = rules.requiredItems.map((item) => ITEM_TEXT[item].replace('{place}', c.place));
  const last = items.length - 1;
  if (last >= 0) items[last] = items[last].replace(/[;.]$/, '.');
  return [
    [
      'Approval by the ' + c.body,
      paragraphs([
        `Before the Police Department applies for, signs, renews or expands a 287(g) agreement, including a change to another 287(g) model, the ${c.head} shall file an application with the ${c.clerk} and obtain the approval of the ${c.body} under this resolution.`,
        `The ${c.body} may approve the application, approve it with conditions, or deny it. An approval extends only to the model and terms described in the application and to any conditions the ${c.body} sets.`,
      ]),
    ],
    [
      'Application',
      paragraphs([
        'The application shall include:',
        numbered(items),
        `The ${c.clerk} shall review each application for completeness and return an incomplete application to the ${c.head}, stating what is missing. An application is complete when it includes every item listed above.`,
      ]),
    ],
    [
      'Public notice and comment',
      paragraphs([
        `The ${c.clerk} shall publish notice of each complete application, together with the application, at least ${rules.noticeDays} ${rules.noticeDays === 1 ? 'day' : 'days'} before the ${c.body} ${rules.hearingRequired ? 'holds the public hearing on it' : 'considers it'}.`,
        `Any person may submit written comments on the application for ${rules.commentPeriodDays} ${rules.commentPeriodDays === 1 ? 'day' : 'days'} after the notice is published. Every comment received is part of the public record.`,
      ]),
    ],
    [
      'Public hearing and decision',
      paragraphs([
        rules.hearingRequired
          ? `The ${c.body} shall hold a public hearing on each complete application before deciding it.`
          : `The ${c.body} may hold a public hearing on an application before deciding it.`,
        `The ${c.body} shall decide each application at a public meeting, after the comment period has closed, by a recorded vote. The decision, any conditions and the vote of each member shall be entered in the minutes and published.`,
        `If the Police Department enters into a 287(g) agreement without the approval this resolution requires, the ${c.clerk} shall report it to the ${c.body} at its next regular meeting, and the report shall be entered in the public record.`,
      ]),
    ],
  ];
}

function sectionsFor(c: Context): [string, ResolutionParagraph[]][] {
  const a = c.answers;
  const template = templateById(a.templateId);
  const purpose = template.preapproval
    ? `This resolution sets the process by which the ${c.body} considers, in public and before any commitment is made, whether the Police Department of ${c.place} may enter into a 287(g) agreement, and the reports the Department shall make once an agreement is in effect.`
    : `This resolution requires regular public reports on the participation of ${c.agencies} in the 287(g) program, so that the ${c.body} and the residents of ${c.place} can see what that participation costs, what it does and whom it affects.`;
  const sections: [string, ResolutionParagraph[]][] = [
    ['Purpose', paragraphs([purpose])],
    [
      'Definitions',
      paragraphs([
        '“287(g) agreement” means any memorandum of agreement between a covered agency and the U.S. Department of Homeland Security or U.S. Immigration and Customs Enforcement under 8 U.S.C. § 1357(g), of any model, including every addendum, amendment or renewal of it.',
        `“Covered agency” means ${c.agencies}${template.place === 'TOWN' ? ' (the “Police Department”)' : ''}, and “${c.head}” means the head of a covered agency.`,
        `“Reporting period” means each ${PERIOD[a.frequency].period}.`,
        `“Measure” means an item listed in Schedule A, with the meaning given to it in version ${METRIC_CATALOGUE_VERSION} of the metric catalogue of the public reporting portal designated by the ${c.clerk}, a copy of which the ${c.clerk} shall keep with this resolution.`,
      ]),
    ],
  ];
  if (template.preapproval) sections.push(...preapprovalSections(c));
  sections.push(['Reports', reportingParagraphs(c, template.preapproval ? 'Once the Police Department has a 287(g) agreement in effect,' : 'Beginning on the date stated below,')]);
  sections.push(['Agreements, procedures and cost estimates', documentParagraphs(c)]);
  if (a.templateId === 'municipal_reporting') {
    sections.push([
      'Notice of changes',
      paragraphs([
        `The ${c.head} shall notify the ${c.body} in writing at least 30 days before the Police Department renews, amends or expands its 287(g) agreement or applies for another 287(g) model, and the ${c.clerk} shall publish the notice.`,
      ]),
    ]);
  }
  sections.push(['Public record and annual review', publicRecordParagraphs(c)]);
  sections.push(['Relation to state and federal law', savingsParagraphs(c)]);
  if (a.additionalClauses.length > 0) sections.push(['Additional provisions', paragraphs(a.additionalClauses)]);
  sections.push([
    'Effective date',
    paragraphs([`This resolution takes effect upon adoption. Its reporting requirements apply from ${longDate(a.effectiveFrom)}.`]),
  ]);
  return sections;
}

function adoption(a: ModelPolicyAnswers): ResolutionDocument['adoption'] {
  let adoptedLine = `Adopted this ____ day of ______________, 20__, by the ${a.adoptingBody}.`;
  if (a.adoptedOn) {
    const [year, month, day] = a.adoptedOn.split('-').map(Number);
    adoptedLine = `Adopted this ${ordinal(day)} day of ${MONTHS[month - 1]}, ${year}, by the ${a.adoptingBody}.`;
  }
  const voteLine = a.vote ? `Ayes: ${a.vote.for}. Noes: ${a.vote.against}.${a.vote.abstaining !== null ? ` Abstaining: ${a.vote.abstaining}.` : ''}` : null;
  return {
    adoptedLine,
    voteLine,
    signatures: [
      { caption: '', title: `${a.presidingOfficer}, ${a.adoptingBody}` },
      { caption: 'Attest:', title: a.clerk },
    ],
  };
}

/** The resolution the answers make, ready for any renderer. */
export function buildResolution(answers: ModelPolicyAnswers): ResolutionDocument {
  const template = templateById(answers.templateId);
  const context: Context = {
    answers,
    body: answers.adoptingBody,
    place: answers.jurisdictionName,
    head: answers.agencyHead,
    clerk: answers.clerk,
    agencies: series(answers.agencies.map((agency) => agency.name)),
    county: template.place === 'COUNTY',
  };
  const sections = sectionsFor(context).map(([heading, paragraphs], i) => ({ number: i + 1, heading, paragraphs }));
  return {
    templateId: answers.templateId,
    title: title(answers.templateId),
    number: answers.resolutionNumber ? `Resolution No. ${answers.resolutionNumber}` : null,
    jurisdictionName: answers.jurisdictionName,
    adoptingBody: answers.adoptingBody,
    preamble: preamble(context),
    enactingClause: `NOW, THEREFORE, BE IT RESOLVED by the ${answers.adoptingBody} that:`,
    sections,
    schedule: {
      heading: 'Schedule A. Measures each report shall state',
      intro: `Each measure has the meaning given to it in version ${METRIC_CATALOGUE_VERSION} of the metric catalogue.`,
      items: answers.metricKeys.map((key, i) => ({ label: `${i + 1}.`, text: metricLabel(key) })),
    },
    adoption: adoption(answers),
  };
}

function metricLabel(key: string): string {
  const metric = metricByKey(key);
  if (!metric) throw new Error(`Metric "${key}" is not in the catalogue (parseAnswers refuses it)`);
  return metric.label;
}

/** The document as plain text, one paragraph a line, blank lines between blocks (Policy.resolutionText). */
export function resolutionText(doc: ResolutionDocument): string {
  const blocks: string[] = [[doc.number, doc.adoptingBody, doc.title].filter(Boolean).join('\n')];
  blocks.push(...doc.preamble);
  blocks.push(doc.enactingClause);
  for (const section of doc.sections) {
    const lines = [`Section ${section.number}. ${section.heading}.`];
    for (const paragraph of section.paragraphs) {
      lines.push(`${paragraph.label} ${paragraph.text}`);
      for (const item of paragraph.items ?? []) lines.push(`    ${item.label} ${item.text}`);
    }
    blocks.push(lines.join('\n'));
  }
  blocks.push([doc.adoption.adoptedLine, doc.adoption.voteLine].filter(Boolean).join('\n'));
  blocks.push(doc.adoption.signatures.map((signature) => `${signature.caption ? `${signature.caption} ` : ''}______________________________\n${signature.title}`).join('\n\n'));
  blocks.push([doc.schedule.heading, doc.schedule.intro, ...doc.schedule.items.map((item) => `${item.label} ${item.text}`)].join('\n'));
  return `${blocks.join('\n\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// What createPolicy stores

/** The input of createPolicy (app/reporting/policies.server.ts PolicyInput), built from the answers. */
export interface ModelPolicyInput {
  jurisdictionId: number;
  kind: PolicyKind;
  title: string;
  statute: string;
  adoptedOn: string;
  resolutionText: string;
  oathText: string;
  createdById?: number | null;
  requirements: {
    agencyId: number;
    title: string;
    effectiveFrom: string;
    frequency: Frequency;
    dueDaysAfterEnd: number;
    acceptsLate: boolean;
    metricKeys: string[];
  }[];
  /** Pre-approval only (left out otherwise). */
  requiredApplicationItems?: string[];
  commentPeriodDays?: number;
}

/**
 * The policy and its requirements (one per agency) that adopting these answers creates, with
 * the resolution's text, so the stored rules are the ones the text states. The answers must
 * come from parseAnswers(…, { adopting: true }) with every agency's registry id: throws otherwise.
 */
export function requirementsFromAnswers(answers: ModelPolicyAnswers, place: { jurisdictionId: number; createdById?: number | null }): ModelPolicyInput {
  if (!answers.adoptedOn) throw new Error('Adopting needs the adoption date: parse the answers with { adopting: true }');
  const template = templateById(answers.templateId);
  const doc = buildResolution(answers);
  const input: ModelPolicyInput = {
    jurisdictionId: place.jurisdictionId,
    kind: template.kind,
    title: doc.number ? `${doc.title} (${doc.number})` : doc.title,
    statute: template.statute,
    adoptedOn: answers.adoptedOn,
    resolutionText: resolutionText(doc),
    oathText: answers.oathText,
    createdById: place.createdById ?? null,
    requirements: answers.agencies.map((agency) => {
      if (agency.id === null) throw new Error(`Adopting needs the registry id of ${agency.name}`);
      return {
        agencyId: agency.id,
        title: `${PERIOD[answers.frequency].adverb[0].toUpperCase()}${PERIOD[answers.frequency].adverb.slice(1)} 287(g) report`,
        effectiveFrom: answers.effectiveFrom,
        frequency: answers.frequency,
        dueDaysAfterEnd: answers.dueDaysAfterEnd,
        acceptsLate: answers.acceptsLate,
        metricKeys: [...answers.metricKeys],
      };
    }),
  };
  if (answers.preapproval) {
    input.requiredApplicationItems = [...answers.preapproval.requiredItems];
    input.commentPeriodDays = answers.preapproval.commentPeriodDays;
  }
  return input;
}

/** Pre-approval rules the text states and the application pages follow (null for other templates). */
export function preapprovalRules(answers: ModelPolicyAnswers): (NonNullable<ModelPolicyAnswers['preapproval']> & { items: { key: ApplicationItem; text: string }[] }) | null {
  if (!answers.preapproval) return null;
  return { ...answers.preapproval, items: answers.preapproval.requiredItems.map((key) => ({ key, text: ITEM_TEXT[key].replace('{place}', answers.jurisdictionName).replace(/[;.]$/, '') })) };
}
