import JSZip from 'jszip';
import { extractText } from 'unpdf';
import { describe, expect, it } from 'vitest';
import type { PolicyInput } from '~/reporting/policies.server';
import { defaultAnswers, type ModelPolicyAnswers } from './answers';
import { checkClauses } from './guardrails';
import { buildResolution, preapprovalRules, requirementsFromAnswers, resolutionText } from './resolution';
import { renderResolutionDocx } from './resolution-docx.server';
import { renderResolutionPdf, toWinAnsi } from './resolution-pdf.server';
import { TEMPLATE_IDS, templateById, type TemplateId } from './templates';
import { statedRules } from '../../tests/support/resolution-text';

const PLACES: Record<TemplateId, { jurisdictionName: string; agencies: { id: number; name: string }[]; models: ('JEM' | 'WSO' | 'TFM')[] }> = {
  county_reporting: { jurisdictionName: 'Gaston County', agencies: [{ id: 11, name: 'Gaston County Sheriff’s Office' }], models: ['JEM'] },
  municipal_preapproval: { jurisdictionName: 'Peñasco', agencies: [{ id: 22, name: 'Peñasco Police Department' }], models: [] },
  municipal_reporting: { jurisdictionName: 'Matthews', agencies: [{ id: 33, name: 'Matthews Police Department' }, { id: 34, name: 'Matthews Park Rangers' }], models: ['TFM'] },
};

/** Each template with its defaults, and with other rules, so the text is read back for each choice. */
function variants(templateId: TemplateId): ModelPolicyAnswers[] {
  const place = PLACES[templateId];
  const base: ModelPolicyAnswers = { ...defaultAnswers(templateId, { ...place, today: '2026-02-01' }), adoptedOn: '2026-01-20' };
  return [
    base,
    { ...base, frequency: 'MONTHLY', dueDaysAfterEnd: 0, acceptsLate: false, metricKeys: ['gross_cost', 'transfers_to_ice', 'transferred_by_charge.felony', 'complaints_filed'], vote: { for: 4, against: 1, abstaining: 0 }, resolutionNumber: '2026-07' },
    { ...base, frequency: 'ANNUAL', dueDaysAfterEnd: 1, effectiveFrom: '2026-07-01', metricKeys: base.metricKeys.slice(0, 3) },
  ];
}

async function docxText(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const decode = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
  return xml
    .split('</w:p>')
    .map((paragraph) => [...paragraph.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((match) => decode(match[1])).join(''))
    .join('\n');
}

async function pdfText(bytes: Buffer): Promise<string> {
  const { text } = await extractText(new Uint8Array(bytes), { mergePages: true });
  return text;
}

describe.each(TEMPLATE_IDS)('the %s resolution', (templateId) => {
  it('states exactly the requirements that adopting it creates, in its text, PDF and DOCX', async () => {
    for (const answers of variants(templateId)) {
      const doc = buildResolution(answers);
      const input: PolicyInput = requirementsFromAnswers(answers, { jurisdictionId: 7, createdById: 3 });
      expect(input.kind).toBe(templateById(templateId).kind);
      expect(input.requirements.map((requirement) => requirement.agencyId)).toEqual(answers.agencies.map((agency) => agency.id));
      const texts = { stored: input.resolutionText ?? '', plain: resolutionText(doc), pdf: await pdfText(await renderResolutionPdf(doc)), docx: await docxText(await renderResolutionDocx(doc)) };
      expect(texts.stored).toBe(texts.plain);
      for (const [rendering, text] of Object.entries(texts)) {
        const stated = statedRules(text);
        for (const requirement of input.requirements) {
          const { frequency, dueDaysAfterEnd, acceptsLate, effectiveFrom, metricKeys } = requirement;
          expect({ frequency, dueDaysAfterEnd, acceptsLate, effectiveFrom, metricKeys }, `${rendering} of ${answers.frequency}`).toEqual({
            frequency: stated.frequency,
            dueDaysAfterEnd: stated.dueDaysAfterEnd,
            acceptsLate: stated.acceptsLate,
            effectiveFrom: stated.effectiveFrom,
            metricKeys: stated.metricKeys,
          });
          expect(stated.statedCount).toBe(metricKeys.length);
        }
      }
    }
  });

  it('fills in the jurisdiction, adopting body and agency names in the PDF and the DOCX', async () => {
    const answers = { ...variants(templateId)[1], agencyHead: 'Chief Deputy Núñez' };
    const doc = buildResolution(answers);
    const [pdf, docx] = [await pdfText(await renderResolutionPdf(doc)), await docxText(await renderResolutionDocx(doc))];
    for (const text of [pdf, docx]) {
      const flat = text.replace(/\s+/g, ' ');
      for (const name of [answers.jurisdictionName, answers.adoptingBody, 'Chief Deputy Núñez', 'Resolution No. 2026-07', ...answers.agencies.map((agency) => agency.name)]) {
        expect(flat).toContain(name);
      }
      expect(flat).toContain('Adopted this 20th day of January, 2026');
      expect(flat).toContain('Ayes: 4. Noes: 1. Abstaining: 0.');
    }
  });

  it('contains no phrasing that reads as a prohibition, and says it does not restrict federal enforcement', () => {
    for (const answers of variants(templateId)) {
      const text = resolutionText(buildResolution(answers));
      expect(checkClauses(text, templateById(templateId).place)).toEqual([]);
      expect(text).toContain('Nothing in this resolution limits or restricts the enforcement of federal immigration law');
      expect(text).toContain(templateById(templateId).antiSanctuaryStatute);
    }
  });
});

describe('the pre-approval resolution', () => {
  const answers = variants('municipal_preapproval')[0];

  it('states the hearing, notice and comment rules and the items it requires, which adoption stores', () => {
    const preapproval = { ...answers.preapproval!, hearingRequired: false, noticeDays: 10, commentPeriodDays: 21, requiredItems: ['modelSought' as const, 'costLiability' as const] };
    const custom = { ...answers, preapproval };
    const text = resolutionText(buildResolution(custom)).replace(/\s+/g, ' ');
    expect(text).toContain('at least 10 days before the Town Council of Peñasco considers it');
    expect(text).toContain('for 21 days after the notice is published');
    expect(text).toContain('may hold a public hearing');
    expect(text).toContain('by a recorded vote');
    expect(text).toContain('(1) the 287(g) model sought');
    expect(text).toContain('(2) an estimate of the legal liability Peñasco would assume');
    expect(text).not.toContain('(3) ');
    const input = requirementsFromAnswers(custom, { jurisdictionId: 1 });
    expect(input).toMatchObject({ requiredApplicationItems: ['modelSought', 'costLiability'], commentPeriodDays: 21, statute: 'G.S. 160A-281' });
    expect(preapprovalRules(custom)?.items.map((item) => item.key)).toEqual(['modelSought', 'costLiability']);
    expect(resolutionText(buildResolution(answers))).toContain('shall hold a public hearing on each complete application before deciding it');
  });

  it('is the only template whose adoption stores application items', () => {
    expect(preapprovalRules(variants('county_reporting')[0])).toBeNull();
    expect(requirementsFromAnswers(variants('county_reporting')[0], { jurisdictionId: 1 })).not.toHaveProperty('requiredApplicationItems');
  });
});

describe('requirementsFromAnswers', () => {
  it('refuses answers that cannot be adopted', () => {
    const draft = { ...variants('county_reporting')[0], adoptedOn: null };
    expect(() => requirementsFromAnswers(draft, { jurisdictionId: 1 })).toThrow(/adoption date/);
    const noId = { ...variants('county_reporting')[0], agencies: [{ id: null, name: 'Somewhere Sheriff' }] };
    expect(() => requirementsFromAnswers(noId, { jurisdictionId: 1 })).toThrow(/Somewhere Sheriff/);
  });

  it('puts the additional clauses in the text', () => {
    const answers = { ...variants('municipal_reporting')[0], additionalClauses: ['The Chief of Police shall present each report at a regular meeting.'] };
    expect(requirementsFromAnswers(answers, { jurisdictionId: 1 }).resolutionText).toMatch(/Section \d+\. Additional provisions\.\n\(a\) The Chief of Police shall present each report/);
  });
});

describe('the PDF text', () => {
  it('keeps the Latin letters WinAnsi has and approximates the others', () => {
    expect(toWinAnsi('Peñasco, Núñez, Ça, “Ü”')).toBe('Peñasco, Núñez, Ça, “Ü”');
    expect(toWinAnsi('Łódź Őrség ǅ 日')).toBe('Lódz Orség Dz ?');
  });
});
