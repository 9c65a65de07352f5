import { describe, expect, it } from 'vitest';
import { municipalityFromAgency, placeQuery, searchKey, slugify, zipInQuery } from './names';

describe('placeQuery: what a resident types, reduced to the place name', () => {
  it.each([
    ['gaston', 'gaston'],
    ['GASTON', 'gaston'],
    ['Gaston County', 'gaston'],
    ['  gaston   county ', 'gaston'],
    ['Gaston Co.', 'gaston'],
    ['gaston county, NC', 'gaston'],
    ['Town of Brookford', 'brookford'],
    ['New Hanover', 'new hanover'],
    ['beulaville nc', 'beulaville'],
    ['Mt. Airy, North Carolina', 'mount airy'],
  ])('%s → %s', (input, expected) => {
    expect(placeQuery(input)).toBe(expected);
  });
});

describe('names', () => {
  it('makes URL slugs without apostrophes or punctuation', () => {
    expect(slugify("Gaston County Sheriff's Office")).toBe('gaston-county-sheriffs-office');
    expect(slugify('Winston-Salem Police Dept.')).toBe('winston-salem-police-dept');
    expect(slugify('Cañon City & Co')).toBe('canon-city-and-co');
  });

  it('makes search keys that ignore case and punctuation', () => {
    expect(searchKey("  McDowell  County ")).toBe('mcdowell county');
    expect(searchKey('St. Mary’s')).toBe('saint marys');
    expect(searchKey('Saint Pauls')).toBe(searchKey('St. Pauls'));
    expect(searchKey('Mt. Airy')).toBe('mount airy');
    expect(searchKey('Fort Bragg')).toBe(searchKey('Ft Bragg'));
    expect(searchKey('Peñasco')).toBe('penasco');
  });

  it("finds the town a police department serves, and no town for other agencies", () => {
    expect(municipalityFromAgency('Brookford Police Department')).toBe('Brookford');
    expect(municipalityFromAgency('Town of Robbins Police Department')).toBe('Robbins');
    expect(municipalityFromAgency('Kenansville Police')).toBe('Kenansville');
    expect(municipalityFromAgency('Alpharetta Department of Public Safety')).toBe('Alpharetta');
    expect(municipalityFromAgency("Gaston County Sheriff's Office")).toBeNull();
  });
});

describe('zipInQuery', () => {
  it.each([
    ['28518', '28518'],
    ['Beulaville NC 28518-1234', '28518'],
    [' 27513 ', '27513'],
    ['123456', null],
    ['2851', null],
    ['beulaville', null],
  ])('%s → %s', (input, expected) => {
    expect(zipInQuery(input)).toBe(expected);
  });
});
