/**
 * Names of places as people type them and as ICE writes them: slugs for URLs, search keys,
 * and the municipality a police department serves.
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
