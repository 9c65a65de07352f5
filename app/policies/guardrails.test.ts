import { describe, expect, it } from 'vitest';
import { translator } from '~/i18n/i18n';
import { defaultAnswers } from './answers';
import { answerWarnings, checkClauses, PROHIBITION_PATTERNS } from './guardrails';

describe('checkClauses', () => {
  it.each(PROHIBITION_PATTERNS.flatMap((pattern) => pattern.examples.map((example) => [pattern.id, example] as const)))('%s catches “%s”', (id, example) => {
    const warnings = checkClauses(`The council resolves that ${example} federal immigration authorities.`);
    expect(warnings.map((warning) => warning.pattern)).toContain(id);
  });

  it('catches the phrasings the issue names, whatever the case and spacing', () => {
    for (const phrase of ['shall not enter', 'prohibited from participating', 'may not cooperate', 'shall not comply with detainers', 'refuse to honor', 'no agreement under this section shall be']) {
      const shouted = phrase.toUpperCase().replace(/ /g, ' \n\t\u00a0 ');
      expect(checkClauses(`The Department ${shouted} anything.`), phrase).not.toEqual([]);
    }
  });

  it('gives the matched words, where they are, and the statute of the adopting body', () => {
    const text = 'Reports are due quarterly. The Police Department shall   not enter into a 287(g) agreement.';
    const [warning] = checkClauses(text, 'TOWN').filter((candidate) => candidate.pattern === 'shallNotEnter');
    expect(warning).toMatchObject({ phrase: 'shall   not enter', key: 'modelPolicy.guardrail.prohibition', params: { phrase: 'shall   not enter', statute: 'G.S. 160A-205.2' } });
    expect(text.slice(warning.index)).toMatch(/^shall {3}not enter/);
    expect(checkClauses(text, 'COUNTY')[0].params.statute).toBe('G.S. 153A-145.5');
    expect(checkClauses(text)[0].params.statute).toBe('G.S. 160A-205.2 / 153A-145.5');
  });

  it('lets process, reporting and approval requirements through', () => {
    const lawful = [
      'The Chief of Police shall present each report to the Town Council at a regular meeting.',
      'Before the Department enters into an agreement, the Council shall hold a public hearing.',
      'A report not filed by its due date shall not be accepted afterwards.',
      'Nothing in this resolution limits or restricts the enforcement of federal immigration law, consistent with the anti-sanctuary statute.',
      'The Department shall file its written policy prohibiting racial profiling.',
    ];
    for (const clause of lawful) expect(checkClauses(clause), clause).toEqual([]);
  });

  it('explains the statute and says it is not legal advice, in English and Spanish', () => {
    const [warning] = checkClauses('The Sheriff shall refuse to honor detainers.', 'COUNTY');
    const english = translator('en')(warning.key, warning.params);
    expect(english).toContain('“refuse to honor”');
    expect(english).toContain('G.S. 153A-145.5');
    expect(english).toContain('not legal advice');
    const spanish = translator('es')(warning.key, warning.params);
    expect(spanish).toContain('G.S. 153A-145.5');
    expect(spanish).toContain('no asesoría legal');
  });
});

describe('answerWarnings', () => {
  it('checks every free-text answer and names its field', () => {
    const answers = {
      ...defaultAnswers('municipal_reporting', { jurisdictionName: 'Matthews', agencies: [{ id: 1, name: 'Matthews Police Department' }], today: '2026-01-01' }),
      additionalClauses: ['The Council will review the reports.', 'No town funds shall be used for immigration enforcement.'],
      oathText: 'I swear this is true, and that I did not cooperate with ICE.',
    };
    expect(answerWarnings(answers).map((warning) => [warning.field, warning.pattern])).toEqual([
      ['additionalClauses', 'noResources'],
      ['oathText', 'mayNotCooperate'],
    ]);
    expect(answerWarnings({ ...answers, additionalClauses: [], oathText: 'I swear this report is true.' })).toEqual([]);
  });
});
