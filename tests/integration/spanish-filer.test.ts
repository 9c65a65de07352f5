/**
 * A Spanish-speaking filer sees the report form in Spanish with every check of the form
 * triggered: the whole page as a browser gets it (root layout included), after posts that break
 * each rule. Every check code of filing-messages.ts is listed here, either as raised on the form
 * (the test posts until it is) or as raised elsewhere (with where), so a new code fails this
 * test until someone decides where it shows and words it in Spanish.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '~/db/prisma.server';
import { en } from '~/i18n/en';
import { es } from '~/i18n/es';
import { translator } from '~/i18n/i18n';
import type { FilingIssue } from '~/reporting/filing-checks';
import { describeFilingMessage, FILING_CHECK_CODES, FILING_CHECK_PARAMS, type FilingCheckCode, type FilingMessage } from '~/reporting/filing-messages';
import { METRICS } from '~/reporting/metrics';
import * as filingRoute from '~/routes/filings.$id/route';
import * as filingsRoute from '~/routes/filings._index';
import { prepareDatabase } from '../../scripts/db/prepare';
import { testRequestHandler } from '../support/page-handler';
import { cookieFor, post, run, TEST_CONTEXT } from '../support/requests';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

type Handler = Parameters<typeof run>[0];

/** The checks a filer meets on the report form, with the post that raises each. */
const ON_THE_FORM: readonly FilingCheckCode[] = [
  'value_required',
  'value_negative',
  'value_whole_number',
  'value_cents',
  'value_decimals',
  'value_too_large',
  'value_not_a_number',
  'text_control_characters',
  'nothing_with_values',
  'rule_cannot_exceed',
  'rule_transfers_exceed_encountered',
  'rule_sustained_exceed_filed',
  'rule_outcomes_exceed_received',
  'rule_breakdown_without_total',
  'rule_breakdown_sum',
  'rule_offsets_exceed_gross',
  'certified_name_required',
  'certified_title_required',
  'amendment_reason_required',
];

/** Checks raised somewhere else than the report form, and where. Their Spanish is checked below. */
const ELSEWHERE: Readonly<Partial<Record<FilingCheckCode, string>>> = {
  value_not_text: 'the JSON API (a form posts text only)',
  values_not_object: 'the JSON API',
  metric_unknown: 'the JSON API and CSV upload',
  metric_derived: 'the JSON API and CSV upload',
  metric_not_in_filing: 'the JSON API and CSV upload',
  // Need three earlier periods of the agency: posted on a later period's form in their own test below.
  rule_outlier_above: 'the form of a period with three earlier reports (next test)',
  rule_outlier_below: 'the form of a period with three earlier reports (next test)',
  requirement_not_found: 'opening a period (/filings), crafted forms only',
  filing_not_found: 'the filing services, a deleted filing',
  period_not_expected: 'opening a period (/filings) from an outdated page',
  period_not_ended: 'the JSON API and CSV upload',
  period_late: 'submitting under a policy that refuses late reports',
  period_locked: 'submitting a period past its lock without an extension (locks-extensions.test.ts)',
  extension_reason_required: 'the requirement review page, granting an extension',
  extension_date_invalid: 'the requirement review page, granting an extension',
  review_note_required: 'the review pages',
  review_nothing_submitted: 'the review pages',
  review_revision_outdated: 'the review pages',
};

const SPANISH = { 'accept-language': 'es-MX,es;q=0.9' };
const spanish = translator('es');
const english = translator('en');

/** Sample parameters for a code: metric keys where a metric is named, a group id, plain values otherwise. */
function sample(code: FilingCheckCode): FilingMessage {
  const params = Object.fromEntries(
    (FILING_CHECK_PARAMS[code] as readonly string[]).map((name) => [
      name,
      name === 'metric' || name.endsWith('Metric') ? 'detainers_received' : name === 'group' ? 'transferred_by_sex' : name === 'typed' || name === 'key' ? 'xyz' : '7',
    ]),
  );
  return { code, params } as FilingMessage;
}

/**
 * The English of the catalogs, as fragments between placeholders long enough to be prose, less
 * those the Spanish catalog shares (names, "287(g)"): none may appear on a Spanish page.
 */
const spanishText = Object.values(es).join('\n');
const englishFragments = [
  ...new Set(
    Object.values(en)
      .flatMap((text) => text.split(/\{\w+\}/))
      .map((fragment) => fragment.trim())
      .filter((fragment) => fragment.length >= 12 && /[a-z]{2,} [a-z]+/i.test(fragment) && !spanishText.includes(fragment)),
  ),
];

/** The text of a page as read (tags and scripts out, entities decoded). */
function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/\s+/g, ' ');
}

const handle = testRequestHandler({ 'routes/filings.$id': { path: 'filings/:id', module: filingRoute } });

let db: TestDatabase;
let cookie = '';
let filingId = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.url, () => {}, true);
  process.env.DATABASE_URL = db.url;
  const filer = await db.prisma.user.findUniqueOrThrow({ where: { email: 'filer.gaston@example.org' } });
  cookie = await cookieFor(db.prisma, filer.id);
  const gaston = await db.prisma.agency.findUniqueOrThrow({ where: { slug: 'nc-gaston-county-sheriffs-office' } });
  const requirement = await db.prisma.requirement.findFirstOrThrow({ where: { agencyId: gaston.id } });
  // Every metric of the catalogue on the form, so that every unit and breakdown has a field.
  await db.prisma.requirementVersion.updateMany({ where: { requirementId: requirement.id }, data: { metricKeys: METRICS.filter((metric) => !metric.derived).map((metric) => metric.key) } });
  const opened = await run(filingsRoute.action as Handler, post('/filings', { requirementId: requirement.id, periodKey: '2025-Q1' }, cookie));
  filingId = Number(/^\/filings\/(\d+)$/.exec(opened.location ?? '')?.[1]);
  expect(filingId).toBeGreaterThan(0);
});
afterAll(async () => {
  await disconnectPrisma();
  await db.drop();
});

/** Every figure filled with a harmless value, so each post breaks only what it means to. */
const blank = () => Object.fromEntries(METRICS.filter((metric) => !metric.derived && !metric.group).map((metric) => [`value:${metric.key}`, '0']));

/** Posts the form in Spanish: the issues the action found and the page the filer then sees. */
async function postSpanish(fields: Record<string, string>, id = filingId): Promise<{ codes: FilingCheckCode[]; issues: FilingIssue[]; html: string }> {
  const body = new URLSearchParams(fields);
  const request = () => new Request(`http://portal.test/filings/${id}`, { method: 'POST', body, headers: { cookie, ...SPANISH } });
  const outcome = await run(filingRoute.action as Handler, request(), { id: String(id) });
  const issues = (outcome.body as { issues?: FilingIssue[] }).issues ?? [];
  const response = await handle(request(), TEST_CONTEXT);
  const html = await response.text();
  expect(html).toContain('<html lang="es">');
  return { codes: issues.map((issue) => issue.message.code), issues, html };
}

const POSTS: Record<string, Record<string, string>> = {
  'unreadable figures and broken rules': {
    intent: 'save',
    ...blank(),
    'value:staff_hours': '',
    'value:bookings_screened': '-3',
    'value:interviews': '1.5',
    'value:training_cost': '12.345',
    'value:overtime_hours': '1.234',
    'value:warrants_served': '99999999999999999999',
    'value:ice_requests': 'forty',
    'value:detainers_received': '10',
    'value:detainers_honored': '20',
    'value:detainers_declined': '5',
    'value:people_encountered': '5',
    'value:transfers_to_ice': '50',
    'value:transferred_by_sex.female': '2',
    'value:complaints_filed': '1',
    'value:complaints_sustained': '3',
    'value:gross_cost': '100',
    'value:federal_reimbursement': '200',
  },
  'detainer outcomes beyond those received': { intent: 'save', ...blank(), 'value:detainers_received': '10', 'value:detainers_honored': '6', 'value:detainers_declined': '6' },
  'a breakdown without its total': { intent: 'save', ...blank(), 'value:transfers_to_ice': '', 'value:transferred_by_age.unknown': '4' },
  'nothing to report, with figures': { intent: 'save', ...blank(), nothingToReport: 'on' },
  'control characters': { intent: 'save', ...blank(), 'value:interviews': '4\u0000' },
  'a submission without a certifier': { intent: 'submit', ...blank(), certifiedName: '', certifiedTitle: '' },
};

describe('the report form in Spanish', () => {
  it('lists every check code once, as raised on the form or elsewhere', () => {
    const listed = [...ON_THE_FORM, ...Object.keys(ELSEWHERE)].sort();
    expect(listed, 'a check code is missing from this test, or listed twice').toEqual([...FILING_CHECK_CODES].sort());
  });

  it('would notice English: the English of each check is among the fragments looked for', () => {
    for (const code of ON_THE_FORM) {
      const message = describeFilingMessage(english, sample(code));
      expect(
        englishFragments.some((fragment) => message.includes(fragment)),
        code,
      ).toBe(true);
    }
  });

  it('shows every check in Spanish, and no English message, whatever is wrong', async () => {
    const raised = new Set<FilingCheckCode>();
    const submitted = await postSpanish({ intent: 'submit', ...blank(), certifiedName: 'Chad Hawkins', certifiedTitle: 'Sheriff' });
    expect(submitted.codes).toEqual([]);
    // An amendment needs its reason: the report above is now filed.
    const posts = { ...POSTS, 'an amendment without a reason': { intent: 'submit', ...blank(), certifiedName: 'Chad Hawkins', certifiedTitle: 'Sheriff' } };
    for (const [name, fields] of Object.entries(posts)) {
      const { codes, issues, html } = await postSpanish(fields);
      expect(codes.length, `${name}: the post raised nothing`).toBeGreaterThan(0);
      const text = visibleText(html);
      for (const issue of issues) {
        raised.add(issue.message.code);
        expect(text, `${name}: ${issue.message.code} in Spanish`).toContain(describeFilingMessage(spanish, issue.message));
        expect(text, `${name}: ${issue.message.code} in English`).not.toContain(describeFilingMessage(english, issue.message));
      }
      expect(
        englishFragments.filter((fragment) => text.includes(fragment)),
        `${name}: English on the Spanish page`,
      ).toEqual([]);
      // The period too, in the reader's language.
      expect(text).toContain('Informe de enero–marzo de 2025');
    }
    expect([...raised].filter((code) => !ON_THE_FORM.includes(code)), 'raised on the form but listed as elsewhere').toEqual([]);
    expect(ON_THE_FORM.filter((code) => !raised.has(code)), 'listed as on the form but never raised').toEqual([]);
  });

  it('words the checks raised elsewhere in Spanish too', () => {
    for (const code of Object.keys(ELSEWHERE) as FilingCheckCode[]) {
      const message = sample(code);
      const text = describeFilingMessage(spanish, message);
      expect(text, code).not.toBe(describeFilingMessage(english, message));
      expect(
        englishFragments.filter((fragment) => text.includes(fragment)),
        code,
      ).toEqual([]);
    }
  });

  it('shows the warnings about unusual figures in Spanish, on a period with three earlier reports', async () => {
    const requirement = await db.prisma.requirement.findFirstOrThrow({ where: { agency: { slug: 'nc-gaston-county-sheriffs-office' } } });
    const certify = { certifiedName: 'Chad Hawkins', certifiedTitle: 'Sheriff' };
    const open = async (periodKey: string) => {
      const opened = await run(filingsRoute.action as Handler, post('/filings', { requirementId: requirement.id, periodKey }, cookie));
      return Number(/^\/filings\/(\d+)$/.exec(opened.location ?? '')?.[1]);
    };
    // Three earlier quarters with 10 interviews and 30 warrants each.
    for (const periodKey of ['2025-Q2', '2025-Q3', '2025-Q4']) {
      const { codes } = await postSpanish({ intent: 'submit', ...blank(), 'value:interviews': '10', 'value:warrants_served': '30', ...certify }, await open(periodKey));
      expect(codes, periodKey).toEqual([]);
    }
    // Then ten times as many interviews (above three times the median) and a single warrant (below a third).
    const { issues, html } = await postSpanish({ intent: 'save', ...blank(), 'value:interviews': '100', 'value:warrants_served': '1' }, await open('2026-Q1'));
    const warnings = issues.filter((issue) => issue.message.code === 'rule_outlier_above' || issue.message.code === 'rule_outlier_below');
    expect(warnings.map((issue) => [issue.message.code, issue.fields[0]]).sort()).toEqual([
      ['rule_outlier_above', 'interviews'],
      ['rule_outlier_below', 'warrants_served'],
    ]);
    const text = visibleText(html);
    for (const warning of warnings) {
      expect(text, warning.message.code).toContain(describeFilingMessage(spanish, warning.message));
      expect(text, warning.message.code).not.toContain(describeFilingMessage(english, warning.message));
    }
    expect(englishFragments.filter((fragment) => text.includes(fragment))).toEqual([]);
    expect(text).toContain('Informe de enero–marzo de 2026');
  });
});
