/**
 * Rules of the place search that need no database: how many typed letters may be wrong, which
 * state a person asked about, and how results split into the answer for that state (North
 * Carolina unless the person named another) and places elsewhere. Plain TypeScript.
 */
import { findState } from './names';

export const HOME_STATE = 'NC';

/**
 * Letters that may be wrong in a place name of this length and still find it ("Gastonn",
 * "Mecklenberg"): none in a name of up to three letters, where one wrong letter makes another
 * name; one up to five letters; two from six.
 */
export function allowedEdits(query: string): number {
  const length = query.replace(/ /g, '').length;
  return length < 4 ? 0 : length < 6 ? 1 : 2;
}

/** Two-letter state codes that are also words of place names as typed ("Gaston co"). */
const CODE_WORDS = new Set(['co']);

/**
 * The state a person named after the place ("Charlotte, FL", "Charlotte County Florida",
 * "Charlotte FL"), and the place without it. A lower-case code counts only after a comma:
 * "gaston co" is Gaston County, not Colorado. A state name alone ("Washington") is a place.
 */
export function stateInQuery(input: string): { stateCode: string | null; place: string } {
  const text = input.trim();
  const afterComma = /^(.+?),\s*([^,]+?)\.?$/.exec(text);
  if (afterComma) {
    const state = findState(afterComma[2]);
    if (state) return { stateCode: state.code, place: afterComma[1].trim() };
  }
  const code = /^(.+?)\s+([A-Za-z]{2})$/.exec(text);
  if (code && (code[2] === code[2].toUpperCase() || code[2].toLowerCase() === 'nc') && !CODE_WORDS.has(code[2].toLowerCase())) {
    const state = findState(code[2]);
    if (state) return { stateCode: state.code, place: code[1].trim() };
  }
  const words = text.split(/\s+/);
  // State names have up to four words ("Commonwealth of the Northern Mariana Islands" aside).
  for (let count = Math.min(4, words.length - 1); count >= 1; count -= 1) {
    const name = words.slice(-count).join(' ');
    // Full names only here: codes were handled above ("Co." is "County").
    if (name.replace(/[.,]/g, '').length > 2) {
      const state = findState(name);
      if (state) return { stateCode: state.code, place: words.slice(0, -count).join(' ') };
    }
  }
  return { stateCode: null, place: text };
}

interface Placed {
  place: { stateCode: string; name: string };
  /** Found only by a name within a few letters of what was typed. */
  fuzzy: boolean;
}

export interface GroupedResults<T extends Placed> {
  /** The state answered for: North Carolina, or the state the person named. */
  stateCode: string;
  /** True when the person named the state. */
  asked: boolean;
  /** Places in that state: the answer. */
  main: T[];
  /** Places of the same name elsewhere, shown apart and never styled as the answer. */
  elsewhere: T[];
  /** The place name shown instead of what was typed, when the first answer is a typo's match. */
  correctedTo: string | null;
}

/** Splits matches (best first) into the answer for `stateCode` and places in other states. */
export function groupResults<T extends Placed>(matches: T[], stateCode: string | null): GroupedResults<T> {
  const state = stateCode ?? HOME_STATE;
  const main = matches.filter((match) => match.place.stateCode === state);
  const elsewhere = matches.filter((match) => match.place.stateCode !== state);
  return {
    stateCode: state,
    asked: stateCode !== null && stateCode !== HOME_STATE,
    main,
    elsewhere,
    correctedTo: main[0]?.fuzzy ? main[0].place.name : null,
  };
}
