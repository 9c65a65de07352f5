/**
 * The place search (issue #13) on a database seeded as `npm start` seeds it: it answers for North
 * Carolina, puts places of the same name in other states apart (never styled as the answer),
 * leads from a town to its county, and finds places typed with a letter or two wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '~/db/prisma.server';
import { searchAnswer } from '~/registry/search-query.server';
import * as searchRoute from '~/routes/search';
import { prepareDatabase } from '../../scripts/db/prepare';
import { testRequestHandler } from '../support/page-handler';
import { TEST_CONTEXT } from '../support/requests';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const handle = testRequestHandler({ 'routes/search': { path: 'search', module: searchRoute } });
const page = async (query: string, headers: Record<string, string> = {}) => {
  const response = await handle(new Request(`http://portal.test/search?q=${encodeURIComponent(query)}`, { headers }), TEST_CONTEXT);
  expect(response.status).toBe(200);
  // React's markers between adjacent texts ("Charlotte<!-- -->, <!-- -->NC") are not what a reader sees.
  return (await response.text()).replaceAll('<!-- -->', '');
};
const SPANISH_BROWSER = { 'accept-language': 'es-MX,es;q=0.9' };

/** The HTML of the page's results for the state asked about, and of the "elsewhere" group. */
function parts(html: string) {
  const main = html.slice(html.indexOf('<main'), html.indexOf('</main>'));
  const at = main.indexOf('id="search-elsewhere"');
  return { answer: at < 0 ? main : main.slice(0, at), elsewhere: at < 0 ? '' : main.slice(at) };
}

const names = (matches: { place: { name: string; stateCode: string } }[]) => matches.map(({ place }) => `${place.name}, ${place.stateCode}`);

let db: TestDatabase;
const savedUrl = process.env.DATABASE_URL;
beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.url, () => {}, false);
  process.env.DATABASE_URL = db.url;
}, 120_000);
afterAll(async () => {
  await disconnectPrisma();
  if (savedUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedUrl;
  await db.drop();
});

describe('North Carolina first, other states apart', () => {
  it('leads "Charlotte" to the city of Charlotte and then its county, Mecklenburg, with Florida only elsewhere', async () => {
    const answer = await searchAnswer(db.prisma, 'Charlotte');
    expect(answer).toMatchObject({ stateCode: 'NC', asked: false, correctedTo: null });
    expect(names(answer.main).slice(0, 2)).toEqual(['Charlotte, NC', 'Mecklenburg County, NC']);
    expect(answer.main[0].counties.map((county) => county.name)).toEqual(['Mecklenburg County']);
    expect(answer.main[1].via).toMatchObject({ name: 'Charlotte', stateCode: 'NC' });
    expect(answer.main.every((match) => match.place.stateCode === 'NC')).toBe(true);
    expect(names(answer.elsewhere)).toContain('Charlotte County, FL');
  });

  it('renders Florida\u2019s "Yes" nowhere in the answer, only a plain line under "Outside North Carolina"', async () => {
    const { answer, elsewhere } = parts(await page('Charlotte'));
    expect(answer).toMatch(/<h2 id="r-NC-charlotte"><a [^>]*>Charlotte, NC<\/a><\/h2>/);
    expect(answer.indexOf('Charlotte, NC')).toBeLessThan(answer.indexOf('Mecklenburg County, NC'));
    expect(answer).toContain('Charlotte is in this county');
    expect(answer).not.toContain(', FL');
    expect(elsewhere).toContain('Outside North Carolina</h2>');
    expect(elsewhere).toMatch(/Charlotte County, FL<\/a> \(active 287\(g\) agreements on record: \d+\)/);
    // Nothing outside North Carolina is worded or styled as an answer.
    expect(elsewhere).not.toMatch(/answer|Yes:/);
  });

  it('shows Mecklenburg County, VA under its own heading, not beside North Carolina\u2019s answer', async () => {
    const answer = await searchAnswer(db.prisma, 'Mecklenburg');
    expect(names(answer.main)).toEqual(['Mecklenburg County, NC']);
    expect(names(answer.elsewhere)).toEqual(['Mecklenburg County, VA']);
    const html = parts(await page('Mecklenburg'));
    expect(html.answer).not.toContain('VA');
    expect(html.answer).toMatch(/class="answer answer-(yes|no)"/);
    expect(html.elsewhere).toContain('Mecklenburg County, VA');
  });

  it('says so when no North Carolina place matches, and still styles no other state\u2019s answer', async () => {
    const answer = await searchAnswer(db.prisma, 'Tarrant');
    expect(answer.main).toEqual([]);
    expect(names(answer.elsewhere)).toContain('Tarrant County, TX');
    const html = await page('Tarrant');
    expect(html).toContain('No county or town in North Carolina matched \u201cTarrant\u201d.');
    expect(parts(html).answer).not.toMatch(/class="answer/);
  });

  it('answers for another state when the person names it', async () => {
    for (const query of ['Charlotte, FL', 'Charlotte County Florida', 'Charlotte FL']) {
      const answer = await searchAnswer(db.prisma, query);
      expect(answer, query).toMatchObject({ stateCode: 'FL', asked: true });
      expect(names(answer.main)[0], query).toBe('Charlotte County, FL');
      expect(names(answer.elsewhere), query).toContain('Charlotte, NC');
    }
    const { answer, elsewhere } = parts(await page('Charlotte, FL'));
    expect(answer).toContain('Charlotte County, FL');
    expect(elsewhere).toContain('In other states</h2>');
    expect(elsewhere).toContain('Charlotte, NC');
  });

  it('words the separate group in Spanish for a Spanish reader', async () => {
    const { elsewhere } = parts(await page('Charlotte', SPANISH_BROWSER));
    expect(elsewhere).toContain('Fuera de Carolina del Norte</h2>');
    expect(elsewhere).toContain('Sus acuerdos no se aplican en Carolina del Norte.');
    expect(elsewhere).toMatch(/Charlotte County, FL<\/a> \(acuerdos 287\(g\) activos registrados: \d+\)/);
  });
});

describe('typos of a letter or two', () => {
  it.each([
    ['Gastonn', 'Gaston County'],
    ['Mecklenberg', 'Mecklenburg County'],
    ['Mecklenbrug', 'Mecklenburg County'],
    ['Meklenburg', 'Mecklenburg County'],
    ['Charlote', 'Charlotte'],
    ['Ralegh', 'Raleigh'],
    ['Beulavile', 'Beulaville'],
    ['Duplinn County', 'Duplin County'],
    ['Kinstn', 'Kinston'],
    ['Havelok', 'Havelock'],
    ['Pinetopps', 'Pinetops'],
  ])('%s finds %s, and says which name it shows', async (query, name) => {
    const answer = await searchAnswer(db.prisma, query);
    expect(answer.main[0]?.place.name, query).toBe(name);
    expect(answer.main[0].place.stateCode).toBe('NC');
    expect(answer.correctedTo).toBe(name);
  });

  it('ranks the place spelled as typed above one a typo away, and then corrects nothing', async () => {
    // "Gaston" is spelled right: Gaston County, not a typo's match.
    const gaston = await searchAnswer(db.prisma, 'Gaston');
    expect(names(gaston.main)[0]).toBe('Gaston County, NC');
    expect(gaston.correctedTo).toBeNull();
    // "Shallotte" is a letter or two from "Charlotte": it comes after Charlotte and its county.
    const charlotte = names((await searchAnswer(db.prisma, 'Charlotte')).main);
    expect(charlotte.indexOf('Shallotte, NC')).toBeGreaterThan(charlotte.indexOf('Mecklenburg County, NC'));
    // A prefix before a typo: "Wake" leads to Wake County, and Wake Forest comes before any typo's match.
    const wake = await searchAnswer(db.prisma, 'Wake');
    expect(names(wake.main).slice(0, 2)).toEqual(['Wake County, NC', 'Wake Forest, NC']);
    expect(wake.correctedTo).toBeNull();
  });

  it('tells the reader which place it shows for a typo, in both languages', async () => {
    expect(await page('Mecklenberg')).toContain('Showing results for Mecklenburg County.');
    expect(await page('Mecklenberg', SPANISH_BROWSER)).toContain('Se muestran los resultados de Mecklenburg County.');
    expect(await page('Mecklenburg')).not.toContain('Showing results for');
  });

  it('does not stretch short names into others, and finds nothing for nonsense', async () => {
    // Three letters allow no typo: "Cxy" is not Cary.
    expect(names((await searchAnswer(db.prisma, 'Cxy')).main)).not.toContain('Cary, NC');
    const nothing = await searchAnswer(db.prisma, 'qqqqzzzz');
    expect([...nothing.main, ...nothing.elsewhere]).toEqual([]);
    expect(await page('qqqqzzzz')).toContain('Nothing matched \u201cqqqqzzzz\u201d.');
  });
});
