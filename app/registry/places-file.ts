/**
 * Reads the Census-based files that describe a state's places (seeds/data/README.md):
 * municipalities with their counties and population, county populations, and ZIP codes
 * (ZCTAs) with the places they overlap. Pure: checks every row and returns message codes
 * with row numbers; writing is places-import.server.ts's job.
 */
import { parse } from 'csv-parse/sync';

export type PlacesFileKind = 'municipalities' | 'county-population' | 'zip-codes';

export interface MunicipalityRow {
  fips: string;
  name: string;
  placeType: 'city' | 'town' | 'village';
  /** Five-digit county codes, the county it mainly lies in first. */
  countyFips: string[];
  population: number;
}

export interface CountyPopulationRow {
  fips: string;
  name: string;
  population: number;
}

export interface ZipRow {
  zip: string;
  /** A municipality's seven-digit code, or null for a row that names only the county. */
  placeFips: string | null;
  countyFips: string;
}

export type PlacesFile =
  | { kind: 'municipalities'; rows: MunicipalityRow[] }
  | { kind: 'county-population'; rows: CountyPopulationRow[] }
  | { kind: 'zip-codes'; rows: ZipRow[] };

export interface PlacesFileProblem {
  /** 1 is the header; data starts at 2. Null for the file as a whole. */
  row: number | null;
  code:
    | 'unknownColumns'
    | 'empty'
    | 'unreadable'
    | 'badPlaceCode'
    | 'badCountyCode'
    | 'badZip'
    | 'badName'
    | 'badType'
    | 'badPopulation'
    | 'duplicate'
    | 'mixedStates';
  value?: string;
}

export class PlacesFileError extends Error {
  constructor(readonly problems: PlacesFileProblem[]) {
    super(problems.map(describeProblem).join('\n'));
  }
}

const HEADERS: Record<PlacesFileKind, string[]> = {
  municipalities: ['place_fips', 'name', 'type', 'county_fips', 'population_2020'],
  'county-population': ['county_fips', 'name', 'population_2020'],
  'zip-codes': ['zip', 'place_fips', 'county_fips'],
};

/** More than the largest U.S. county (Los Angeles, about 10 million): a typo, not a population. */
const MAX_POPULATION = 20_000_000;

/** Control characters and NUL in a name are damage, not data. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const CONTROL = /[\u0000-\u001f\u007f]/;

export function parsePlacesFile(text: string): PlacesFile {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch {
    throw new PlacesFileError([{ row: null, code: 'unreadable' }]);
  }
  if (records.length === 0) throw new PlacesFileError([{ row: null, code: 'empty' }]);
  const header = records[0].map((cell) => cell.toLowerCase());
  const kind = (Object.keys(HEADERS) as PlacesFileKind[]).find((k) => HEADERS[k].join(',') === header.join(','));
  if (!kind) throw new PlacesFileError([{ row: 1, code: 'unknownColumns', value: records[0].join(',') }]);
  const body = records.slice(1);
  if (body.length === 0) throw new PlacesFileError([{ row: null, code: 'empty' }]);
  const problems: PlacesFileProblem[] = [];
  const file =
    kind === 'municipalities'
      ? { kind, rows: readRows(body, problems, municipality) }
      : kind === 'county-population'
        ? { kind, rows: readRows(body, problems, countyPopulation) }
        : { kind, rows: readRows(body, problems, zipRow) };
  checkDuplicates(file, problems);
  checkOneState(file, problems);
  if (problems.length) throw new PlacesFileError(problems);
  return file as PlacesFile;
}

/** The two-digit state code of a file's places (all rows share it). */
export function stateFipsOf(file: PlacesFile): string {
  return file.kind === 'zip-codes' ? file.rows[0].countyFips.slice(0, 2) : file.rows[0].fips.slice(0, 2);
}

type Reader<T> = (cells: string[], fail: (code: PlacesFileProblem['code'], value?: string) => void) => T | null;

function readRows<T>(body: string[][], problems: PlacesFileProblem[], read: Reader<T>): T[] {
  const rows: T[] = [];
  body.forEach((cells, index) => {
    let failed = false;
    const fail = (code: PlacesFileProblem['code'], value?: string) => {
      failed = true;
      problems.push({ row: index + 2, code, value });
    };
    const row = read(cells, fail);
    if (row && !failed) rows.push(row);
  });
  return rows;
}

const municipality: Reader<MunicipalityRow> = ([fips = '', name = '', type = '', counties = '', population = ''], fail) => {
  if (!/^\d{7}$/.test(fips)) fail('badPlaceCode', fips);
  if (!goodName(name)) fail('badName', name);
  const placeType = type.toLowerCase();
  if (placeType !== 'city' && placeType !== 'town' && placeType !== 'village') fail('badType', type);
  const countyFips = counties.split(';').map((code) => code.trim());
  for (const code of countyFips) if (!/^\d{5}$/.test(code) || code.slice(0, 2) !== fips.slice(0, 2)) fail('badCountyCode', code);
  if (new Set(countyFips).size !== countyFips.length) fail('badCountyCode', counties);
  const count = readPopulation(population);
  if (count === null) fail('badPopulation', population);
  return { fips, name: name.normalize('NFC'), placeType: placeType as MunicipalityRow['placeType'], countyFips, population: count ?? 0 };
};

const countyPopulation: Reader<CountyPopulationRow> = ([fips = '', name = '', population = ''], fail) => {
  if (!/^\d{5}$/.test(fips)) fail('badCountyCode', fips);
  if (!goodName(name)) fail('badName', name);
  const count = readPopulation(population);
  if (count === null) fail('badPopulation', population);
  return { fips, name: name.normalize('NFC'), population: count ?? 0 };
};

const zipRow: Reader<ZipRow> = ([zip = '', place = '', county = ''], fail) => {
  if (!/^\d{5}$/.test(zip)) fail('badZip', zip);
  if (place && !/^\d{7}$/.test(place)) fail('badPlaceCode', place);
  if (!/^\d{5}$/.test(county) || (place && place.slice(0, 2) !== county.slice(0, 2))) fail('badCountyCode', county);
  return { zip, placeFips: place || null, countyFips: county };
};

function goodName(name: string): boolean {
  return name.length > 0 && name.length <= 100 && !CONTROL.test(name);
}

function readPopulation(text: string): number | null {
  if (!/^\d{1,9}$/.test(text)) return null;
  const value = Number(text);
  return value <= MAX_POPULATION ? value : null;
}

function checkDuplicates(file: { kind: PlacesFileKind; rows: unknown[] }, problems: PlacesFileProblem[]) {
  const seen = new Set<string>();
  file.rows.forEach((row, index) => {
    const key =
      file.kind === 'zip-codes'
        ? `${(row as ZipRow).zip}|${(row as ZipRow).placeFips}|${(row as ZipRow).countyFips}`
        : (row as { fips: string }).fips;
    if (seen.has(key)) problems.push({ row: index + 2, code: 'duplicate', value: key });
    seen.add(key);
  });
}

/** One state per file, so an import can tell which places the file speaks for. */
function checkOneState(file: { kind: PlacesFileKind; rows: unknown[] }, problems: PlacesFileProblem[]) {
  const states = new Set(
    file.rows.map((row) => (file.kind === 'zip-codes' ? (row as ZipRow).countyFips : (row as { fips: string }).fips).slice(0, 2)),
  );
  if (states.size > 1) problems.push({ row: null, code: 'mixedStates', value: [...states].sort().join(', ') });
}

/** English text for the command line; the operator page translates the codes. */
export function describeProblem(problem: PlacesFileProblem): string {
  const where = problem.row === null ? 'The file' : `Row ${problem.row}`;
  const value = problem.value === undefined ? '' : ` (${JSON.stringify(problem.value)})`;
  const what: Record<PlacesFileProblem['code'], string> = {
    unknownColumns: `has columns this importer does not know. Expected one of: ${Object.values(HEADERS)
      .map((h) => h.join(','))
      .join(' | ')}`,
    empty: 'has no rows',
    unreadable: 'is not readable as CSV',
    badPlaceCode: 'needs a seven-digit Census place code',
    badCountyCode: 'needs five-digit county codes of the same state, separated by ";"',
    badZip: 'needs a five-digit ZIP code',
    badName: 'needs a name of 1 to 100 characters without control characters',
    badType: 'needs a type of city, town or village',
    badPopulation: `needs a population as a whole number up to ${MAX_POPULATION.toLocaleString('en-US')}`,
    duplicate: 'repeats an earlier row',
    mixedStates: 'mixes places of several states; import one state per file',
  };
  return `${where} ${what[problem.code]}${value}.`;
}
