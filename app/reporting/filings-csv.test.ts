import { describe, expect, it } from 'vitest';
import { translator } from '~/i18n/i18n';
import {
  columnLetter,
  describeCsvProblem,
  issueWhere,
  MAX_CSV_BYTES,
  MAX_CSV_ROWS,
  metricColumns,
  periodKeyOf,
  readFilingsCsv,
  templateColumns,
  templateCsv,
  templateRows,
  type CsvIssue,
  type CsvPeriod,
  type CsvRequirement,
} from './filings-csv';

const t = translator('en');
const KEYS = ['people_encountered', 'gross_cost', 'transfers_to_ice', 'detainers_received', 'detainers_honored'];
const NOW = new Date('2026-01-15T17:00:00Z');

function quarter(key: string, start: string, end: string, extra: Partial<CsvPeriod> = {}): CsvPeriod {
  return { key, start, end, dueOn: end, dueAt: '2099-01-01T04:59:59.999Z', acceptsLate: true, metricKeys: KEYS, submitted: false, ...extra };
}

/** 2025 Q1 submitted, Q2–Q4 to file, 2026 Q1 under way. */
function requirement(overrides: Partial<CsvRequirement> = {}): CsvRequirement {
  const periods = [
    quarter('2025-Q1', '2025-01-01', '2025-03-31', { submitted: true }),
    quarter('2025-Q2', '2025-04-01', '2025-06-30'),
    quarter('2025-Q3', '2025-07-01', '2025-09-30'),
    quarter('2025-Q4', '2025-10-01', '2025-12-31'),
    quarter('2026-Q1', '2026-01-01', '2026-03-31'),
  ];
  return { periods, metricColumns: metricColumns([KEYS]), submitted: [{ start: '2025-01-01', values: { gross_cost: '100.00', people_encountered: '10' } }], ...overrides };
}

const HEADER = 'period,nothing_to_report,gross_cost,detainers_received,detainers_honored,transfers_to_ice,people_encountered,explanation';
const bytes = (text: string) => new TextEncoder().encode(text);
const read = (text: string, req: CsvRequirement = requirement(), now = NOW) => readFilingsCsv(bytes(text), req, now);

function issuesOf(text: string, req?: CsvRequirement, now?: Date): CsvIssue[] {
  const result = read(text, req, now);
  if (result.ok) throw new Error('expected the file to be refused');
  return result.issues;
}
const described = (issues: CsvIssue[]) => issues.map((issue) => `${issueWhere(issue, t)}: ${describeCsvProblem(t, issue.problem)}`);

describe('the template', () => {
  it('has period, nothing_to_report, the metrics in catalogue order, then explanation', () => {
    expect(templateColumns(requirement())).toEqual(HEADER.split(','));
  });

  it('has a row per ended period not yet submitted, oldest first, with only the key filled in', () => {
    expect(templateRows(requirement(), NOW)).toEqual(['2025-Q2', '2025-Q3', '2025-Q4'].map((key) => [key, '', '', '', '', '', '', '']));
  });

  it('leaves out late periods the policy refuses', () => {
    const req = requirement();
    req.periods[1] = { ...req.periods[1], acceptsLate: false, dueAt: '2025-07-31T03:59:59.999Z' };
    expect(templateRows(req, NOW).map((row) => row[0])).toEqual(['2025-Q3', '2025-Q4']);
  });

  it('is a file Excel reads as UTF-8: BOM and CRLF', () => {
    const csv = templateCsv(requirement(), NOW);
    expect(csv.startsWith(`\ufeff${HEADER}\r\n2025-Q2,,,,,,,\r\n`)).toBe(true);
    // The template reads back as a file with three periods and nothing filled in.
    const issues = issuesOf(csv);
    expect(issues.map((issue) => [issue.row, issue.columns[0]])).toContainEqual([2, 'gross_cost']);
  });
});

describe('reading a file', () => {
  const GOOD = [HEADER, '2025-Q3,,"$12,500.50",14,9,8,40,', '2025-Q2,,100,3,2,2,5,'].join('\n');

  it('gives the rows to file as typed, oldest period first', () => {
    const result = read(GOOD);
    expect(result).toEqual({
      ok: true,
      filings: [
        { row: 3, periodKey: '2025-Q2', start: '2025-04-01', values: { people_encountered: '5', gross_cost: '100', transfers_to_ice: '2', detainers_received: '3', detainers_honored: '2' }, explanations: {}, nothingToReport: false },
        { row: 2, periodKey: '2025-Q3', start: '2025-07-01', values: { people_encountered: '40', gross_cost: '$12,500.50', transfers_to_ice: '8', detainers_received: '14', detainers_honored: '9' }, explanations: {}, nothingToReport: false },
      ],
    });
  });

  it('names the row, its period and the column of a bad cell, with the catalogue’s message', () => {
    const issues = issuesOf([HEADER, '2025-Q2,,100,3,2,2,5,', '2025-Q3,,100,3,2,2,forty,'].join('\n'));
    expect(described(issues)).toEqual(['Row 3 (2025-Q3), column people_encountered: "forty" is not a number.']);
  });

  it('gives codes, not words: the same problems read in Spanish', () => {
    const issues = issuesOf([HEADER, '2025-Q2,,1,3,5,2,5,', '2025-Q3,,100,3,2,2,-4,'].join('\n'));
    expect(issues.map((issue) => issue.problem)).toEqual([
      {
        code: 'check',
        check: { code: 'rule_cannot_exceed', params: { partMetric: 'detainers_honored', partAmount: '5', wholeMetric: 'detainers_received', wholeAmount: '3' } },
        explain: false,
      },
      { code: 'check', check: { code: 'value_negative', params: {} }, explain: false },
    ]);
    const es = translator('es');
    expect(issues.map((issue) => `${issueWhere(issue, es)}: ${describeCsvProblem(es, issue.problem)}`)).toEqual([
      'Fila 2 (2025-Q2), columnas detainers_honored, detainers_received: La cifra de órdenes de retención cumplidas (5) no puede ser mayor que la de órdenes de retención recibidas (3).',
      'Fila 3 (2025-Q3), columna people_encountered: No puede ser negativo.',
    ]);
  });

  it('tolerates a BOM, CRLF, Excel’s quoting, blank and trailing rows, and columns in any order and case', () => {
    const text = `\ufeffPeriod ,People_Encountered,gross_cost,detainers_received,detainers_honored,transfers_to_ice\r\n\r\n"2025-Q2","5","$1,000",3,"2",2\r\n,,,,,\r\n\r\n`;
    const result = read(text);
    expect(result.ok && result.filings.map((filing) => [filing.row, filing.values.gross_cost, filing.values.people_encountered])).toEqual([[3, '$1,000', '5']]);
  });

  it('reads a semicolon-separated file, as Excel writes where the decimal mark is a comma', () => {
    const text = ['period;gross_cost;detainers_received;detainers_honored;transfers_to_ice;people_encountered', '2025-Q2;"1,000";3;2;2;5'].join('\r\n');
    const result = read(text);
    expect(result.ok && result.filings[0].values).toMatchObject({ gross_cost: '1,000', people_encountered: '5' });
  });

  it('reads "yes" in nothing_to_report, and refuses other words and figures beside it', () => {
    const ok = read([HEADER, '2025-Q2,YES,,,,,,'].join('\n'));
    expect(ok.ok && ok.filings[0].nothingToReport).toBe(true);
    expect(described(issuesOf([HEADER, '2025-Q2,maybe,1,1,1,1,1,', '2025-Q3,yes,5,,,,,'].join('\n')))).toEqual([
      'Row 2 (2025-Q2), column nothing_to_report: Write yes if there is nothing to report for the period; otherwise leave it empty.',
      'Row 3 (2025-Q3), columns nothing_to_report, gross_cost: You marked "nothing to report" but entered values. Clear them, or untick "nothing to report".',
    ]);
  });

  it('refuses unknown, duplicate, unnamed, derived and not-asked columns, and names missing ones', () => {
    const text = ['period,gross_cost,gross_cost,notes,net_local_cost,task_force_stops,,detainers_received,detainers_honored,transfers_to_ice', '2025-Q2,1,1,x,1,1,7,3,2,2'].join('\n');
    expect(described(issuesOf(text))).toEqual([
      'Row 1, column gross_cost: The column "gross_cost" appears more than once.',
      'Row 1, column notes: Unknown column "notes": use the template’s columns. Its cells were not read.',
      'Row 1, column net_local_cost: net_local_cost is calculated, not entered.',
      'Row 1, column task_force_stops: This requirement does not ask for "task_force_stops": remove the column.',
      'Row 1, column G: Column G has values but no name in the header row.',
      'Row 1, column people_encountered: The column "people_encountered" (People encountered) is missing: the period 2025-Q2 asks for it.',
    ]);
  });

  it('refuses a file without a period column, an empty file and one with a header only', () => {
    expect(described(issuesOf('gross_cost\n1'))[0]).toMatch(/^Row 1, column period: There is no "period" column/);
    expect(described(issuesOf('\r\n\r\n'))).toEqual(['The file: The file is empty. Download the template, fill it in and upload it.']);
    expect(described(issuesOf(`${HEADER}\r\n`))).toEqual(['The file: The file has no period to file: add a row for each period under the header row.']);
  });

  it('refuses a blank, repeated, unknown, submitted, unfinished or refused-late period', () => {
    const req = requirement();
    req.periods[3] = { ...req.periods[3], acceptsLate: false, dueAt: '2026-01-30T04:59:59.999Z', dueOn: '2026-01-30' };
    req.periods[2] = { ...req.periods[2], acceptsLate: false, dueAt: '2025-10-31T03:59:59.999Z', dueOn: '2025-10-30' };
    const text = [HEADER, ',,1,1,1,1,1,', '2025-q2,,1,1,1,1,1,', '2025-Q2,,1,1,1,1,1,', '2024-Q4,,1,1,1,1,1,', '2025-Q1,,1,1,1,1,1,', '2026-Q1,,1,1,1,1,1,', '2025-Q3,,1,1,1,1,1,', '2025-Q4,,1,1,1,1,1,'].join('\n');
    expect(described(issuesOf(text, req))).toEqual([
      'Row 2, column period: Enter the period this row reports, such as 2025-Q2.',
      'Row 4 (2025-Q2), column period: 2025-Q2 is also on row 3: give each period one row.',
      'Row 5 (2024-Q4), column period: No report is expected for period "2024-Q4" of this requirement. Write the period as on the template (such as 2025-Q2); only periods that have ended can be filed.',
      'Row 6 (2025-Q1), column period: The report for 2025-Q1 is already submitted. To correct it, amend it on its page.',
      'Row 7 (2026-Q1), column period: The period ends on 2026-03-31: file it after that.',
      'Row 8 (2025-Q3), column period: This report was due by 2025-10-30 and the policy does not accept late reports.',
    ]);
  });

  it('refuses a figure the period’s rules do not ask for, and accepts it empty', () => {
    const req = requirement();
    // From Q3 the policy no longer asks for detainers.
    const fewer = KEYS.filter((key) => !key.startsWith('detainers'));
    req.periods[2] = { ...req.periods[2], metricKeys: fewer };
    expect(described(issuesOf([HEADER, '2025-Q3,,1,4,,1,1,'].join('\n'), req))).toEqual([
      'Row 2 (2025-Q3), column detainers_received: The rules for 2025-Q3 do not ask for this figure: leave the cell empty.',
    ]);
    const ok = read([HEADER, '2025-Q3,,1,,,1,1,'].join('\n'), req);
    expect(ok.ok && ok.filings[0].values).toEqual({ people_encountered: '1', gross_cost: '1', transfers_to_ice: '1' });
  });

  it('maps a rule to the row and the columns of the fields it names', () => {
    expect(described(issuesOf([HEADER, '2025-Q2,,1,3,5,2,5,'].join('\n')))).toEqual([
      'Row 2 (2025-Q2), columns detainers_honored, detainers_received: Detainers honored (5) cannot be more than detainers received (3).',
    ]);
  });

  it('asks for an explanation of an explainable rule in the explanation column, and applies it to the row’s issues', () => {
    const unexplained = issuesOf([HEADER, '2025-Q2,,1,3,2,9,5,too short'].join('\n'));
    expect(unexplained.map((issue) => issue.columns)).toEqual([['transfers_to_ice', 'people_encountered', 'explanation']]);
    expect(describeCsvProblem(t, unexplained[0].problem)).toMatch(/^Transfers to ICE \(9\) is more than people encountered \(5\)\. .* say why in the explanation column \(at least 10 characters\)\.$/);

    const explained = read([HEADER, '2025-Q2,,1,3,2,9,5,Four were booked in the first quarter.'].join('\n'));
    expect(explained.ok && explained.filings[0].explanations).toEqual({ transfers_within_encountered: 'Four were booked in the first quarter.' });
    // No issue to explain: the text is not kept.
    const plain = read([HEADER, '2025-Q2,,1,3,2,2,5,Nothing odd this time.'].join('\n'));
    expect(plain.ok && plain.filings[0].explanations).toEqual({});
  });

  it('compares each row with the submitted periods and the file’s earlier rows, whatever the row order', () => {
    const req = requirement();
    const rows = ['2025-Q4,,100,3,2,2,50,', '2025-Q3,,100,3,2,2,10,', '2025-Q2,,100,3,2,2,10,'];
    // Q4's 50 people is far above 10, 10, 10 (Q1 submitted, Q2 and Q3 from the file): explain, or be refused.
    const issues = issuesOf([HEADER, ...rows].join('\n'), req);
    expect(described(issues)).toEqual([expect.stringMatching(/^Row 2 \(2025-Q4\), columns people_encountered, explanation: People encountered \(50\) is far above this agency's usual \(median 10 over 3 periods\)/)]);
    // Without the file's Q2 and Q3 there are not enough earlier periods to compare with.
    expect(read([HEADER, rows[0]].join('\n'), req).ok).toBe(true);
  });

  it('refuses cells beyond the header', () => {
    expect(described(issuesOf([HEADER, '2025-Q2,,1,3,2,2,5,,extra'].join('\n')))).toEqual(['Row 2 (2025-Q2): This row has values beyond the last column of the header row.']);
  });

  it('caps the rows and the size, and says where a broken file stops', () => {
    const many = [HEADER, ...Array.from({ length: MAX_CSV_ROWS + 1 }, () => '2025-Q2,,1,1,1,1,1,')].join('\n');
    expect(described(issuesOf(many))).toEqual([`The file: The file has ${MAX_CSV_ROWS + 1} rows of periods; upload at most ${MAX_CSV_ROWS} at a time.`]);
    const huge = new Uint8Array(MAX_CSV_BYTES + 1).fill(44);
    const tooLarge = readFilingsCsv(huge, requirement(), NOW);
    expect(!tooLarge.ok && describeCsvProblem(t, tooLarge.issues[0].problem)).toBe('The file is larger than 1 MB. Upload at most 500 periods at a time.');
    expect(described(issuesOf([HEADER, '2025-Q2,,1,1,1,1,1,', '2025-Q3,,"1,1,1,1,1,'].join('\n')))[0]).toMatch(/^The file: The file could not be read as CSV \(near line \d+\)/);
  });
});

describe('spreadsheet habits', () => {
  it('reads period keys as spreadsheets rewrite them', () => {
    expect(['2025-q3', ' 2025-Q3 ', '2025', '2025-7', '2025-07-01', 'Jul-25', 'July 2025', '7/1/2025', '07/2025', 'Q3 2025'].map(periodKeyOf)).toEqual([
      '2025-Q3',
      '2025-Q3',
      '2025',
      '2025-07',
      '2025-07',
      '2025-07',
      '2025-07',
      '2025-07',
      '2025-07',
      'Q3 2025',
    ]);
    expect(periodKeyOf('2025-13')).toBe('2025-13');
  });

  it('names columns with letters', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});
