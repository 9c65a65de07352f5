import { describe, expect, it } from 'vitest';
import { allowedEdits, groupResults, stateInQuery } from './search';

describe('allowedEdits', () => {
  it.each([
    ['ab', 0],
    ['cary', 1],
    ['duck', 1],
    ['gastn', 1],
    ['gastonn', 2],
    ['mecklenberg', 2],
    ['mount airy', 2],
  ])('%s may have %i wrong letter(s)', (query, edits) => {
    expect(allowedEdits(query)).toBe(edits);
  });
});

describe('stateInQuery', () => {
  it.each([
    ['Charlotte, FL', 'FL', 'Charlotte'],
    ['Charlotte, fl', 'FL', 'Charlotte'],
    ['Charlotte FL', 'FL', 'Charlotte'],
    ['Charlotte County, Florida', 'FL', 'Charlotte County'],
    ['charlotte county florida', 'FL', 'charlotte county'],
    ['Charleston West Virginia', 'WV', 'Charleston'],
    ['Mecklenburg, Va.', 'VA', 'Mecklenburg'],
    ['Gaston, NC', 'NC', 'Gaston'],
    ['gaston nc', 'NC', 'gaston'],
  ])('%s names %s', (input, stateCode, place) => {
    expect(stateInQuery(input)).toEqual({ stateCode, place });
  });

  it.each(['Charlotte', 'Gaston co', 'Gaston Co.', 'Washington', 'Washington County', 'Winston-Salem', 'Mt. Airy', 'charlotte fl', 'Wake, County'])(
    '%s names no state',
    (input) => {
      expect(stateInQuery(input).stateCode).toBeNull();
    },
  );
});

describe('groupResults', () => {
  const match = (name: string, stateCode: string, fuzzy = false) => ({ place: { name, stateCode }, fuzzy });

  it('answers for North Carolina and sets other states apart, in their order', () => {
    const grouped = groupResults([match('Charlotte', 'NC'), match('Charlotte County', 'FL'), match('Mecklenburg County', 'NC'), match('Charleston County', 'SC')], null);
    expect(grouped.stateCode).toBe('NC');
    expect(grouped.asked).toBe(false);
    expect(grouped.main.map((m) => m.place.name)).toEqual(['Charlotte', 'Mecklenburg County']);
    expect(grouped.elsewhere.map((m) => m.place.name)).toEqual(['Charlotte County', 'Charleston County']);
    expect(grouped.correctedTo).toBeNull();
  });

  it('never makes another state the answer when North Carolina has no match', () => {
    const grouped = groupResults([match('Charlotte County', 'FL')], null);
    expect(grouped.main).toEqual([]);
    expect(grouped.elsewhere).toHaveLength(1);
  });

  it('answers for a state the person named', () => {
    const grouped = groupResults([match('Charlotte', 'NC'), match('Charlotte County', 'FL')], 'FL');
    expect(grouped).toMatchObject({ stateCode: 'FL', asked: true });
    expect(grouped.main.map((m) => m.place.stateCode)).toEqual(['FL']);
    expect(grouped.elsewhere.map((m) => m.place.stateCode)).toEqual(['NC']);
  });

  it('names the place a typo was taken for, only when the first answer is a typo\u2019s match', () => {
    expect(groupResults([match('Mecklenburg County', 'NC', true)], null).correctedTo).toBe('Mecklenburg County');
    expect(groupResults([match('Gaston County', 'NC'), match('Gastonia', 'NC', true)], null).correctedTo).toBeNull();
    expect(groupResults([match('Charlotte County', 'FL', true)], null).correctedTo).toBeNull();
  });
});
