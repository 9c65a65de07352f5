/**
 * Names as people type them and as ICE writes them: U.S. states, slugs for URLs, search keys,
 * agencies' matching keys, and the municipality a police department serves. Plain TypeScript.
 */

/** "Gaston County Sheriff's Office" → "gaston-county-sheriffs-office" */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’.]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** Abbreviations people type both ways: "St. Pauls" and "Saint Pauls" are one town. */
const WORD_FORMS: Record<string, string> = { st: 'saint', mt: 'mount', ft: 'fort' };

/**
 * The key a place is searched by: lower case, single spaces, no punctuation or accents, and
 * "St."/"Mt."/"Ft." written out (the migration of 2026-12-06 rewrote stored keys the same way).
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’.]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .map((word) => WORD_FORMS[word] ?? word)
    .join(' ');
}

/** A U.S. ZIP code in what a person typed ("28518", "Beulaville NC 28518-1234"), or null. */
export function zipInQuery(input: string): string | null {
  const match = /(?:^|\D)(\d{5})(?:-\d{4})?(?:\D|$)/.exec(input);
  return match ? match[1] : null;
}

/**
 * What a person typed into "Does my county or town have a 287(g) agreement?", reduced to the
 * place name: case, punctuation and a trailing "County" / "Co." / "town of" do not matter.
 */
export function placeQuery(input: string): string {
  return searchKey(input)
    .replace(/^(the )?(city|town|village|county) of /, '')
    .replace(/,? (nc|north carolina)$/, '')
    .replace(/ (county|co|city|town|village)$/, '')
    .trim();
}

const DEPARTMENT_SUFFIXES = [
  / police department$/i,
  / department of public safety$/i,
  / public safety department$/i,
  / public safety$/i,
  / police dept$/i,
  / police$/i,
  / marshal'?s office$/i,
];

/** "Brookford Police Department" → "Brookford"; null when the name is not a town's department. */
export function municipalityFromAgency(agencyName: string): string | null {
  const cleaned = agencyName.replace(/^(city|town|village) of /i, '').trim();
  for (const suffix of DEPARTMENT_SUFFIXES) {
    if (suffix.test(cleaned)) return cleaned.replace(suffix, '').trim() || null;
  }
  return null;
}

/**
 * Where ICE names a "county" that is not one, the county the agency actually sits in.
 * Keys are `${stateCode}|${searchKey(county as ICE writes it)}`.
 */
export const COUNTY_ALIASES: Record<string, string> = {
  // Albemarle District Jail is a regional jail in Elizabeth City, Pasquotank County;
  // there is no Albemarle County in North Carolina.
  'NC|albemarle county': 'Pasquotank County',
};

/* ------------------------------------------------------------------------ */
/* States                                                                    */
/* ------------------------------------------------------------------------ */

export const US_STATES: ReadonlyArray<{ code: string; name: string }> = [
  { code: 'AL', name: 'Alabama' },
  { code: 'AK', name: 'Alaska' },
  { code: 'AZ', name: 'Arizona' },
  { code: 'AR', name: 'Arkansas' },
  { code: 'CA', name: 'California' },
  { code: 'CO', name: 'Colorado' },
  { code: 'CT', name: 'Connecticut' },
  { code: 'DE', name: 'Delaware' },
  { code: 'FL', name: 'Florida' },
  { code: 'GA', name: 'Georgia' },
  { code: 'HI', name: 'Hawaii' },
  { code: 'ID', name: 'Idaho' },
  { code: 'IL', name: 'Illinois' },
  { code: 'IN', name: 'Indiana' },
  { code: 'IA', name: 'Iowa' },
  { code: 'KS', name: 'Kansas' },
  { code: 'KY', name: 'Kentucky' },
  { code: 'LA', name: 'Louisiana' },
  { code: 'ME', name: 'Maine' },
  { code: 'MD', name: 'Maryland' },
  { code: 'MA', name: 'Massachusetts' },
  { code: 'MI', name: 'Michigan' },
  { code: 'MN', name: 'Minnesota' },
  { code: 'MS', name: 'Mississippi' },
  { code: 'MO', name: 'Missouri' },
  { code: 'MT', name: 'Montana' },
  { code: 'NE', name: 'Nebraska' },
  { code: 'NV', name: 'Nevada' },
  { code: 'NH', name: 'New Hampshire' },
  { code: 'NJ', name: 'New Jersey' },
  { code: 'NM', name: 'New Mexico' },
  { code: 'NY', name: 'New York' },
  { code: 'NC', name: 'North Carolina' },
  { code: 'ND', name: 'North Dakota' },
  { code: 'OH', name: 'Ohio' },
  { code: 'OK', name: 'Oklahoma' },
  { code: 'OR', name: 'Oregon' },
  { code: 'PA', name: 'Pennsylvania' },
  { code: 'RI', name: 'Rhode Island' },
  { code: 'SC', name: 'South Carolina' },
  { code: 'SD', name: 'South Dakota' },
  { code: 'TN', name: 'Tennessee' },
  { code: 'TX', name: 'Texas' },
  { code: 'UT', name: 'Utah' },
  { code: 'VT', name: 'Vermont' },
  { code: 'VA', name: 'Virginia' },
  { code: 'WA', name: 'Washington' },
  { code: 'WV', name: 'West Virginia' },
  { code: 'WI', name: 'Wisconsin' },
  { code: 'WY', name: 'Wyoming' },
  { code: 'DC', name: 'District of Columbia' },
  { code: 'PR', name: 'Puerto Rico' },
  { code: 'GU', name: 'Guam' },
  { code: 'VI', name: 'U.S. Virgin Islands' },
  { code: 'AS', name: 'American Samoa' },
  { code: 'MP', name: 'Northern Mariana Islands' },
];

/** Lookup by upper-case name or code, ignoring periods ("U.S.") and extra spaces. */
const STATE_LOOKUP: ReadonlyMap<string, { code: string; name: string }> = (() => {
  const map = new Map<string, { code: string; name: string }>();
  const add = (label: string, state: { code: string; name: string }) =>
    map.set(stateLookupKey(label), state);
  for (const state of US_STATES) {
    add(state.name, state);
    add(state.code, state);
  }
  const byCode = (code: string) => US_STATES.find((s) => s.code === code)!;
  // Spellings other sources use for the same places.
  add('Virgin Islands', byCode('VI'));
  add('US Virgin Islands', byCode('VI'));
  add('Washington DC', byCode('DC'));
  add('Washington, D.C.', byCode('DC'));
  add('Commonwealth of the Northern Mariana Islands', byCode('MP'));
  return map;
})();

function stateLookupKey(text: string): string {
  return text.replace(/[.,]/g, '').replace(/\s+/g, ' ').trim().toUpperCase();
}

/** Resolve "NORTH CAROLINA", "North Carolina" or "NC". */
export function findState(text: string): { code: string; name: string } | null {
  return STATE_LOOKUP.get(stateLookupKey(text)) ?? null;
}

/* ------------------------------------------------------------------------ */
/* Keys and slugs                                                            */
/* ------------------------------------------------------------------------ */

/** Tidy a display name: trim, collapse whitespace, straighten apostrophes. */
export function cleanName(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201B\u02BC\u2032`´]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Words only: "Sheriff’s Office " and "Sheriffs Office" give the same result.
 * Apostrophes and periods vanish (so "St. Charles" → "st charles"), other
 * punctuation separates words, accents are dropped.
 */
function normalizeWords(name: string): string {
  return cleanName(name)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['.]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

export function agencyKey(stateCode: string, agencyName: string): string {
  return `${stateCode.trim().toLowerCase()}|${normalizeWords(agencyName)}`;
}

export function agreementKey(row: { stateCode: string; agencyName: string; model: string }): string {
  return `${agencyKey(row.stateCode, row.agencyName)}|${row.model}`;
}

export function agencySlug(stateCode: string, agencyName: string): string {
  const words = normalizeWords(agencyName).replace(/ /g, '-');
  return `${stateCode.trim().toLowerCase()}-${words}`;
}

export function agreementSlug(stateCode: string, agencyName: string, model: string): string {
  return `${agencySlug(stateCode, agencyName)}-${model.toLowerCase()}`;
}
