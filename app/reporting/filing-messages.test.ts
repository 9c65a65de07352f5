import { describe, expect, it } from 'vitest';
import { en } from '~/i18n/en';
import { es } from '~/i18n/es';
import { translator } from '~/i18n/i18n';
import { describeFilingMessage, FILING_CHECK_CODES, FILING_CHECK_PARAMS, filingMessage, isMetricParam, type FilingMessage } from './filing-messages';
import { CSV_PROBLEM_CODES, describeCsvProblem } from './filings-csv';
import { BREAKDOWN_GROUPS } from './metrics';

// The checks can only produce codes of FILING_CHECK_PARAMS (filingMessage and the FilingMessage
// type accept no other), so checking the list checks every message a filer can be shown.
const catalogs = { en: en as Record<string, string>, es: es as Record<string, string> };
const placeholders = (text: string) => [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]))].sort();

/** A message of the code with made-up parameters: metric keys where a metric is expected. */
function sample(code: (typeof FILING_CHECK_CODES)[number]): FilingMessage {
  const params = Object.fromEntries(
    FILING_CHECK_PARAMS[code].map((name: string) => [name, isMetricParam(name) ? 'detainers_received' : name === 'group' ? 'transferred_by_sex' : `<${name}>`]),
  );
  return { code, params } as FilingMessage;
}

describe('the codes of the filing checks', () => {
  it.each(['en', 'es'] as const)('each has its message in the %s catalog, with exactly the code’s placeholders', (language) => {
    const missing = FILING_CHECK_CODES.filter((code) => !(`filingCheck.${code}` in catalogs[language]));
    expect(missing, `codes without a filingCheck.<code> message in ${language}`).toEqual([]);
    const differing = FILING_CHECK_CODES.filter(
      (code) => placeholders(catalogs[language][`filingCheck.${code}`]).join() !== [...FILING_CHECK_PARAMS[code]].sort().join(),
    ).map((code) => `${code}: {${placeholders(catalogs[language][`filingCheck.${code}`]).join('}, {')}} but the code has ${FILING_CHECK_PARAMS[code].join(', ') || 'none'}`);
    expect(differing).toEqual([]);
  });

  it.each(['en', 'es'] as const)('names every breakdown group in the %s catalog, and has no message for a code that does not exist', (language) => {
    expect(BREAKDOWN_GROUPS.filter((group) => !(`filingCheck.group.${group.id}` in catalogs[language])).map((group) => group.id)).toEqual([]);
    const known = new Set([...FILING_CHECK_CODES.map((code) => `filingCheck.${code}`), ...BREAKDOWN_GROUPS.map((group) => `filingCheck.group.${group.id}`)]);
    expect(Object.keys(catalogs[language]).filter((key) => key.startsWith('filingCheck.') && !known.has(key))).toEqual([]);
  });

  it('reads every code in both languages, all placeholders filled, and the Spanish is not the English', () => {
    const english = translator('en');
    const spanish = translator('es');
    for (const code of FILING_CHECK_CODES) {
      const [inEnglish, inSpanish] = [describeFilingMessage(english, sample(code)), describeFilingMessage(spanish, sample(code))];
      expect(inEnglish, code).not.toMatch(/\{\w+\}/);
      expect(inSpanish, code).not.toMatch(/\{\w+\}/);
      expect(inSpanish, code).not.toBe(inEnglish);
    }
  });

  it('has a message for every problem the CSV upload finds in a file, in both languages', () => {
    for (const language of ['en', 'es'] as const) {
      // A plain message, or a plural one by its "other" form.
      const worded = (code: string) => `filingsCsv.error.${code}` in catalogs[language] || `filingsCsv.error.${code}_other` in catalogs[language];
      expect(CSV_PROBLEM_CODES.filter((code) => !worded(code)), language).toEqual([]);
    }
  });
});

describe('describeFilingMessage', () => {
  const english = translator('en');
  const spanish = translator('es');
  const honored = filingMessage('rule_cannot_exceed', { partMetric: 'detainers_honored', partAmount: '14', wholeMetric: 'detainers_received', wholeAmount: '3' });

  it('names metrics by their label, mid-sentence, with a capital when the message starts with one', () => {
    expect(describeFilingMessage(english, honored)).toBe('Detainers honored (14) cannot be more than detainers received (3).');
    expect(describeFilingMessage(spanish, honored)).toBe('La cifra de órdenes de retención cumplidas (14) no puede ser mayor que la de órdenes de retención recibidas (3).');
    // An acronym stays as it is.
    const ice = filingMessage('rule_outlier_above', { metric: 'ice_requests', amount: '50', median: '5', periods: 3 });
    expect(describeFilingMessage(english, ice)).toBe("ICE requests (50) is far above this agency's usual (median 5 over 3 periods). Check it, or explain.");
    expect(describeFilingMessage(spanish, ice)).toBe('La cifra de solicitudes de ICE (50) está muy por encima de lo habitual en esta agencia (mediana de 5 en 3 períodos). Revísela o explíquela.');
  });

  it('names breakdown groups, and leaves what was typed and metric keys as they are', () => {
    const group = filingMessage('rule_breakdown_sum', { group: 'transferred_by_sex', sum: '12', totalMetric: 'transfers_to_ice', totalAmount: '11' });
    expect(describeFilingMessage(english, group)).toBe('The sex breakdown adds up to 12, but transfers to ICE is 11.');
    expect(describeFilingMessage(spanish, group)).toBe('El desglose por sexo suma 12, pero la cifra de entregas a ICE es 11.');
    expect(describeFilingMessage(spanish, filingMessage('value_not_a_number', { typed: 'Twelve' }))).toBe('"Twelve" no es un número.');
    expect(describeFilingMessage(english, filingMessage('metric_derived', { key: 'net_local_cost' }))).toBe('net_local_cost is calculated, not entered.');
  });

  it('words the CSV upload’s problems with the same messages', () => {
    const check = filingMessage('rule_transfers_exceed_encountered', { partMetric: 'transfers_to_ice', partAmount: '9', wholeMetric: 'people_encountered', wholeAmount: '5' });
    expect(describeCsvProblem(spanish, { code: 'check', check, explain: true })).toBe(
      'La cifra de entregas a ICE (9) es mayor que la de personas abordadas (5). Si algunas de esas personas fueron abordadas en un período anterior, explíquelo. ' +
        'Si es correcto, explique por qué en la columna explanation (al menos 10 caracteres).',
    );
    expect(describeCsvProblem(spanish, { code: 'missingColumn', params: { column: 'detainers_received', periods: '2025-Q2', count: 1 } })).toBe(
      'Falta la columna "detainers_received" (Órdenes de retención recibidas): la pide el período 2025-Q2.',
    );
    expect(describeCsvProblem(spanish, { code: 'missingColumn', params: { column: 'detainers_received', periods: '2025-Q2, 2025-Q3', count: 2 } })).toBe(
      'Falta la columna "detainers_received" (Órdenes de retención recibidas): la piden los períodos 2025-Q2, 2025-Q3.',
    );
  });
});
