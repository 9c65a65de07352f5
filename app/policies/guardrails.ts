/**
 * Lawfulness guardrails for text a reviewer adds to a model policy. North Carolina's
 * anti-sanctuary statutes, G.S. 160A-205.2 (cities and towns) and G.S. 153A-145.5 (counties),
 * forbid a local policy, ordinance or procedure that limits or restricts the enforcement of
 * federal immigration law. A council or board may require reports, notice, process and an
 * approval step (G.S. 153A-104, 160A-281), not a prohibition. So free text is checked against
 * the phrasings below, which read as a prohibition of cooperation; the page warns, explains the
 * statute and lets the body decide. A warning is a prompt to ask the body's attorney, not legal
 * advice, and the message says so; a clause that passes is not thereby lawful.
 *
 *   checkClauses(text, 'TOWN') → [{ pattern: 'shallNotEnter', phrase: 'shall not enter', index, key, params }]
 *   answerWarnings(answers)   → the same for every free-text answer, with its form field
 *
 * Patterns tolerate any whitespace (line breaks, several spaces, no-break spaces) and case.
 * Plain TypeScript, safe in the browser.
 */
import type { MessageKey } from '~/i18n/i18n';
import type { ModelPolicyAnswers } from './answers';
import { templateById } from './templates';

export interface ProhibitionPattern {
  id: string;
  /** What it catches, for the reader of this file. */
  description: string;
  /** A phrase it must catch (guardrails.test.ts checks every one). */
  examples: string[];
  regex: RegExp;
}

// Words between which any run of whitespace may stand.
const W = String.raw`\s+`;
const MODAL = String.raw`(?:shall|must|may|will|would|should|can|could|do|does|did)`;
const NOT = String.raw`(?:${W}not|not|n['’]t)`; // "shall not", "cannot", "shouldn't"
const AGREEMENT = String.raw`(?:287${W}?\(${W}?g${W}?\)${W})?(?:agreements?|memorand(?:um|a)${W}of${W}(?:agreement|understanding)|moas?|partnerships?|contracts?|programs?)`;
const COOPERATE = String.raw`(?:cooperat(?:e|ion|ing)|co-operate|collaborat(?:e|ing)|assist(?:ing)?|participat(?:e|ing)|join(?:ing)?|enter(?:ing)?|sign(?:ing)?|partner(?:ing)?|communicat(?:e|ing)|shar(?:e|ing)${W}information)`;

const pattern = (id: string, description: string, examples: string[], source: string): ProhibitionPattern => ({
  id,
  description,
  examples,
  regex: new RegExp(source, 'gi'),
});

/** The documented list of phrasings that read as a prohibition of cooperation. */
export const PROHIBITION_PATTERNS: readonly ProhibitionPattern[] = [
  pattern('shallNotEnter', 'A ban on entering into an agreement.', ['shall not enter', 'The Department shall not\n  enter into any 287(g) agreement', 'may not enter into'], String.raw`\b${MODAL}${NOT}${W}enter\b`),
  pattern(
    'prohibitedFrom',
    'A prohibition of participating in or cooperating with the program.',
    ['prohibited from participating', 'is hereby PROHIBITED   from entering', 'are prohibited from cooperating'],
    String.raw`\b(?:prohibit(?:s|ed)?|barr?(?:s|ed)?|forbid(?:s|den)?|precluded|restrained)${W}from${W}${COOPERATE}`,
  ),
  pattern(
    'mayNotCooperate',
    'An order not to cooperate, assist, participate or share information.',
    ['may not cooperate', 'shall not assist federal immigration authorities', 'cannot participate', 'will not share information'],
    String.raw`\b${MODAL}${NOT}${W}${COOPERATE}`,
  ),
  pattern(
    'notComplyDetainers',
    'An order not to comply with detainers, holds, requests or warrants.',
    ['shall not comply with detainers', 'shall not honor any ICE detainer', 'will not comply with immigration holds'],
    String.raw`\b${MODAL}${NOT}${W}(?:comply|honou?r|respond|execute|serve)\b`,
  ),
  pattern(
    'refuseToHonor',
    'A direction to refuse or decline cooperation.',
    ['refuse to honor', 'shall decline to comply with', 'refuses to cooperate'],
    String.raw`\b(?:refus(?:e|es|ing)|declin(?:e|es|ing))${W}to${W}(?:honou?r|comply|cooperate|assist|enter|participate|detain|hold|transfer|respond|share)`,
  ),
  pattern(
    'noAgreementShall',
    'A rule that no agreement shall be entered, signed or in effect.',
    ['no agreement under Section 287(g) shall be', 'No 287(g) agreement shall be signed', 'no memorandum of agreement may be executed'],
    String.raw`\bno${W}(?:[\w()-]+${W}){0,3}${AGREEMENT}\b[^.;:]{0,80}?\b${MODAL}${W}be\b`,
  ),
  pattern(
    'noResources',
    'A ban on using local funds, staff or facilities for immigration enforcement.',
    ['No town funds shall be used', 'no county resources may be used for immigration enforcement', 'no personnel or facilities shall be made available'],
    String.raw`\bno${W}(?:(?:city|town|county|village|public|local|municipal)${W})?(?:funds|monies|moneys|resources|personnel|staff|facilities|property|equipment)\b[^.;:]{0,60}?\b${MODAL}${W}be${W}(?:used|made${W}available|spent|expended|provided|dedicated)`,
  ),
  pattern(
    'noInquiry',
    'A ban on asking about or recording immigration status.',
    ['shall not inquire about immigration status', 'may not ask about a person’s citizenship'],
    String.raw`\b${MODAL}${NOT}${W}(?:inquire|ask|request|record)${W}(?:about|into|as${W}to|for)?${W}?[^.;:]{0,40}?\b(?:immigration|citizenship)`,
  ),
  pattern(
    'terminate',
    'A direction to end or withdraw from an agreement.',
    ['shall terminate its 287(g) agreement', 'must withdraw from the program'],
    String.raw`\b${MODAL}${W}(?:terminate|withdraw${W}from|end|cancel|rescind|discontinue)\b[^.;:]{0,40}?${AGREEMENT}`,
  ),
  // "anti-sanctuary" (naming the statute) is not a declaration.
  pattern('sanctuary', 'Declares a sanctuary jurisdiction.', ['a sanctuary city', 'Sanctuary County'], String.raw`(?<!anti-)\bsanctuary\b`),
];

export interface ClauseWarning {
  /** The pattern's id (PROHIBITION_PATTERNS). */
  pattern: string;
  /** The words matched, as written (whitespace kept). */
  phrase: string;
  /** Where they start in the text checked. */
  index: number;
  key: MessageKey;
  /** `phrase`, and `statute`: the anti-sanctuary statute the message explains. */
  params: { phrase: string; statute: string };
}

/** The statute that binds the adopting body; both when the caller does not say which. */
function statuteFor(place: 'COUNTY' | 'TOWN' | undefined): string {
  if (place === 'COUNTY') return 'G.S. 153A-145.5';
  if (place === 'TOWN') return 'G.S. 160A-205.2';
  return 'G.S. 160A-205.2 / 153A-145.5';
}

/**
 * The phrasings in `text` that read as a prohibition of cooperation, in the order they appear
 * (overlapping matches of different patterns are all kept: each says what it caught).
 */
export function checkClauses(text: string, place?: 'COUNTY' | 'TOWN'): ClauseWarning[] {
  const statute = statuteFor(place);
  const warnings: ClauseWarning[] = [];
  for (const { id, regex } of PROHIBITION_PATTERNS) {
    for (const match of text.matchAll(regex)) {
      const phrase = match[0].trim();
      warnings.push({ pattern: id, phrase, index: match.index, key: 'modelPolicy.guardrail.prohibition', params: { phrase, statute } });
    }
  }
  return warnings.sort((a, b) => a.index - b.index || a.pattern.localeCompare(b.pattern));
}

/** Warnings for every free-text answer (added clauses, the oath), each with its form field. */
export function answerWarnings(answers: ModelPolicyAnswers): (ClauseWarning & { field: string })[] {
  const place = templateById(answers.templateId).place;
  return [
    ...checkClauses(answers.additionalClauses.join('\n\n'), place).map((warning) => ({ ...warning, field: 'additionalClauses' })),
    ...checkClauses(answers.oathText, place).map((warning) => ({ ...warning, field: 'oathText' })),
  ];
}
