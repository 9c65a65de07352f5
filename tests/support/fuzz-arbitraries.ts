/**
 * Hostile input for the fuzz suite (tests/integration/fuzz.test.ts): what a careless client or
 * an attacker types into a form field, a JSON body or an address. Each generator leans on the
 * values that broke the portal before (issue #12): NUL and other control characters, ids past
 * PostgreSQL's integer, numbers no form expects, unknown periods, formula-leading text.
 */
import fc from 'fast-check';

/** PostgreSQL's largest integer: one more made queries fail rather than find nothing. */
const INT4_MAX = 2_147_483_647;

const CONTROL_CHARACTERS = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u001f', '\u007f', '\u0085', '\u009b'];

/** One control character, NUL most often. */
const controlCharacter = fc.oneof({ weight: 3, arbitrary: fc.constant('\u0000') }, fc.constantFrom(...CONTROL_CHARACTERS));

/** Text with control characters inside, at the start or the end. */
const withControls = fc
  .tuple(fc.string({ maxLength: 12 }), controlCharacter, fc.string({ maxLength: 12 }))
  .map(([before, control, after]) => `${before}${control}${after}`);

/** Unicode that trips careless code: lone surrogates, joiners, bidi overrides, combining marks, astral planes, look-alikes. */
const unicodeEdge = fc.constantFrom(
  '\ud800',
  'a\udfffb',
  '\u200b\u200d\ufeff',
  '\u202e1202',
  'e\u0301\u0301\u0301',
  '𝟘𝟙𝟚',
  '😀'.repeat(40),
  'Ⅻ',
  '٣٤٥',
  '\u2212 5',
  '１２３',
  'İı',
  '\u2028\u2029',
  '\r\n\t',
);

/** Text a spreadsheet would run as a formula (OWASP CSV injection). */
const formulaLeading = fc.constantFrom(
  '=HYPERLINK("https://evil.example","x")',
  '+1+1',
  '-2+3',
  '@SUM(A1:A2)',
  '\t=1+1',
  '\r=1+1',
  '=cmd|\' /C calc\'!A0',
);

/** Numbers as text, from plausible to absurd. */
const numberText = fc.oneof(
  fc.integer({ min: -10, max: 10 }).map(String),
  fc.constantFrom(
    String(INT4_MAX),
    String(INT4_MAX + 1),
    '4294967296',
    '9007199254740993',
    '99999999999999999999999999',
    '1e308',
    '1e309',
    '-1e309',
    '1e-7',
    '0x10',
    '0b11',
    '1_000',
    '1,000,000',
    '12.345',
    '0.5',
    '-0',
    '+5',
    '.5',
    '5.',
    'NaN',
    'Infinity',
    '-Infinity',
    '00000000000000000000001',
    ' 7 ',
    '$-12',
    '1e3',
    '9'.repeat(400),
  ),
  fc.double().map(String),
  fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map(String),
);

/** An id as an address or a form sends it: within range, past PostgreSQL's integer, negative, not a number. */
export const idText = fc.oneof(
  fc.integer({ min: 1, max: 50 }).map(String),
  fc.constantFrom(String(INT4_MAX), String(INT4_MAX + 1), '99999999999', '1e10', '-1', '0', '1.5', '07', ' 3', '3 ', '1%00', 'abc', '', '١٢'),
  fc.integer({ min: INT4_MAX + 1, max: Number.MAX_SAFE_INTEGER }).map(String),
);

/** Reporting periods, known and not: the portal opens only the ones its calendar expects. */
const periodKey = fc.oneof(
  fc.constantFrom('2025-Q1', '2025-Q2', '2024-Q4', '2025', '2025-01', '2025-12'),
  fc.constantFrom('2025-Q0', '2025-Q5', '2025-13', '2025-00', '0000-Q1', '9999-Q4', '1900', '2100-Q1', '2025-q1', '2025Q1', '2025-Q1 ', '2025-W01', '', '2025-Q1\u0000'),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 })).map(([year, n]) => `${String(year).padStart(4, '0')}-${String(n).padStart(2, '0')}`),
  fc.tuple(fc.integer({ min: 1990, max: 2100 }), fc.integer({ min: 0, max: 9 })).map(([year, q]) => `${year}-Q${q}`),
);

/** Strings of every hostile kind, and some plain ones so the happy path is exercised too. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: withControls },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: unicodeEdge },
  { weight: 2, arbitrary: numberText },
  { weight: 1, arbitrary: idText },
  { weight: 1, arbitrary: periodKey },
  { weight: 2, arbitrary: formulaLeading },
  // Huge: past every length limit a form states (tens of kilobytes, not megabytes, to keep runs short).
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('a', 'é', '9', ' ', '<', '\u0000'), fc.integer({ min: 300, max: 70_000 })).map(([c, n]) => c.repeat(n)) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', 'on', 'true', 'null', 'undefined', '[object Object]', '__proto__', 'constructor', '../../etc/passwd', '%00', '%', '<script>alert(1)</script>', "' or 1=1 --", 'javascript:alert(1)', '//evil.example') },
);

/** A form field's value: usually hostile, sometimes the valid one (so other fields' checks are reached). */
function fieldValue(valid: string | undefined): fc.Arbitrary<string> {
  return valid === undefined ? hostileText : fc.oneof({ weight: 3, arbitrary: hostileText }, { weight: 1, arbitrary: fc.constant(valid) });
}

/** What happens to one field of a valid form. */
type FieldChange = { kind: 'keep' } | { kind: 'drop' } | { kind: 'set'; value: string } | { kind: 'twice'; value: string };

const fieldChange = (valid: string): fc.Arbitrary<FieldChange> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant<FieldChange>({ kind: 'keep' }) },
    { weight: 1, arbitrary: fc.constant<FieldChange>({ kind: 'drop' }) },
    { weight: 5, arbitrary: hostileText.map((value): FieldChange => ({ kind: 'set', value })) },
    { weight: 1, arbitrary: fieldValue(valid).map((value): FieldChange => ({ kind: 'twice', value })) },
  );

/** A form as ordered name/value pairs (a name may repeat). */
export type FormPairs = [string, string][];

/**
 * A valid form with hostile changes: fields dropped, replaced, sent twice, unknown ones added.
 * At least one change is made, so every case is an attack on the baseline.
 */
export function mutatedForm(baseline: Record<string, string>, extraNames: string[] = []): fc.Arbitrary<FormPairs> {
  const names = Object.keys(baseline);
  return fc
    .record({
      changes: fc.tuple(...names.map((name) => fieldChange(baseline[name]))),
      extra: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...extraNames, 'intent', '__proto__', 'x'), hostileText), hostileText), { maxLength: 2 }),
    })
    .map(({ changes, extra }) => {
      const pairs: FormPairs = [];
      names.forEach((name, i) => {
        const change = changes[i];
        if (change.kind === 'keep') pairs.push([name, baseline[name]]);
        else if (change.kind === 'set') pairs.push([name, change.value]);
        else if (change.kind === 'twice') pairs.push([name, baseline[name]], [name, change.value]);
      });
      return [...pairs, ...extra];
    })
    .filter((pairs) => JSON.stringify(pairs) !== JSON.stringify(Object.entries(baseline)));
}

/** A JSON value of the wrong kind for whatever field it lands in. */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: hostileText },
  {
    weight: 2,
    arbitrary: fc.oneof(
      fc.integer(),
      fc.double(),
      fc.constantFrom(INT4_MAX, INT4_MAX + 1, -1, 0, 1.5, 1e308, -0, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2),
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(null, true, false, [], {}, [1, 2], { a: 1 }, [null], { '': '' }) },
  { weight: 1, arbitrary: fc.dictionary(hostileText, fc.oneof(hostileText, fc.integer(), fc.constant(null)), { maxKeys: 3 }) },
);

/**
 * A JSON body derived from a valid one: top-level and nested fields replaced with hostile values,
 * dropped, unknown keys added; or not an object at all; or not JSON.
 */
export function mutatedJson(baseline: Record<string, unknown>): fc.Arbitrary<string> {
  const replaceDeep = (value: unknown): fc.Arbitrary<unknown> => {
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      const entries = Object.entries(value as Record<string, unknown>);
      return fc
        .record({
          fields: fc.tuple(...entries.map(([, v]) => fc.oneof({ weight: 3, arbitrary: fc.constant(v) }, { weight: 2, arbitrary: replaceDeep(v) }, { weight: 1, arbitrary: fc.constant(undefined) }))),
          extra: fc.dictionary(fc.oneof(hostileText, fc.constantFrom('__proto__', 'constructor', 'value')), hostileJson, { maxKeys: 1 }),
        })
        .map(({ fields, extra }) => {
          const out: Record<string, unknown> = {};
          entries.forEach(([key], i) => {
            if (fields[i] !== undefined) out[key] = fields[i];
          });
          // Own properties, even for "__proto__" (JSON.parse makes it one).
          for (const [key, v] of Object.entries(extra)) Object.defineProperty(out, key, { value: v, enumerable: true, configurable: true, writable: true });
          return out;
        });
    }
    return hostileJson;
  };
  return fc.oneof(
    { weight: 12, arbitrary: replaceDeep(baseline).map((body) => JSON.stringify(body)) },
    { weight: 1, arbitrary: hostileJson.map((body) => JSON.stringify(body) ?? 'null') },
    { weight: 1, arbitrary: fc.constantFrom('', '{', '{"requirementId":1,}', 'null', '[]', '"\\u0000"', '{"a":"\\ud800"}', '{"a":1e999}', '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}') },
  );
}

/** Percent-encoded as a browser would; a lone surrogate (which UTF-8 cannot carry) goes as U+FFFD. */
export const encodeSegment = (text: string) =>
  encodeURIComponent(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')).replace(/'/g, '%27');

/** A path segment as a crafted address carries it, percent-encoded or raw. */
export const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: hostileText.map((text) => encodeSegment(text.slice(0, 2000))) },
  { weight: 2, arbitrary: idText.map(encodeSegment) },
  { weight: 2, arbitrary: fc.constantFrom('%00', 'a%00b', '%0a', '%0d%0a', '%09', '%7f', '%c0%80', '%ff', '%e2%80%ae', '%2e%2e', '..', '%2f', '%5c', '%', '%zz', '%u0000', 'nc%00', '%ef%bf%bf', '%f0%9f%98%80', '%ed%a0%80', 'a'.repeat(3000)) },
);

/** A query string with hostile names and values, known names included. */
export function hostileQuery(knownNames: string[]): fc.Arbitrary<string> {
  return fc
    .array(fc.tuple(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...knownNames, 'lang', 'page') }, { weight: 1, arbitrary: hostileSegment }), hostileSegment), { maxLength: 4 })
    .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}` : ''));
}
