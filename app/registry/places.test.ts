import { describe, expect, it } from 'vitest';
import { municipalityFromAgency, placeQuery, searchKey, slugify } from './places';

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
    expect(searchKey('St. Mary’s')).toBe('st marys');
  });

  it("finds the town a police department serves, and no town for other agencies", () => {
    expect(municipalityFromAgency('Brookford Police Department')).toBe('Brookford');
    expect(municipalityFromAgency('Town of Robbins Police Department')).toBe('Robbins');
    expect(municipalityFromAgency('Kenansville Police')).toBe('Kenansville');
    expect(municipalityFromAgency('Alpharetta Department of Public Safety')).toBe('Alpharetta');
    expect(municipalityFromAgency("Gaston County Sheriff's Office")).toBeNull();
  });
});
