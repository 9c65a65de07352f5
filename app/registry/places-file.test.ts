import { describe, expect, it } from 'vitest';
import { parsePlacesFile, PlacesFileError, stateFipsOf } from './places-file';

const problems = (text: string) => {
  try {
    parsePlacesFile(text);
  } catch (error) {
    if (error instanceof PlacesFileError) return error.problems;
    throw error;
  }
  return [];
};

describe('parsePlacesFile', () => {
  it('reads municipalities with several counties, the main one first', () => {
    const file = parsePlacesFile('\uFEFFplace_fips,name,type,county_fips,population_2020\n3710740,Cary,town,37183;37037,174721\n');
    expect(file).toEqual({
      kind: 'municipalities',
      rows: [{ fips: '3710740', name: 'Cary', placeType: 'town', countyFips: ['37183', '37037'], population: 174721 }],
    });
    expect(stateFipsOf(file)).toBe('37');
  });

  it('tells the three formats apart by their header', () => {
    expect(parsePlacesFile('county_fips,name,population_2020\n37001,Alamance County,171415\n').kind).toBe('county-population');
    const zips = parsePlacesFile('zip,place_fips,county_fips\n28518,,37061\n28518,3705660,37061\n');
    expect(zips).toMatchObject({ kind: 'zip-codes', rows: [{ placeFips: null }, { placeFips: '3705660' }] });
  });

  it('names every bad row and refuses the whole file', () => {
    const text = [
      'place_fips,name,type,county_fips,population_2020',
      '3710740,Cary,town,37183;37037,1e9',
      '371074,Cary,hamlet,4718,5',
      '3710741,"=HYPER\u0000LINK()",city,37183;37183,-5',
      '3710740,Cary,town,37183,5',
    ].join('\n');
    expect(problems(text)).toEqual([
      { row: 2, code: 'badPopulation', value: '1e9' },
      { row: 3, code: 'badPlaceCode', value: '371074' },
      { row: 3, code: 'badType', value: 'hamlet' },
      { row: 3, code: 'badCountyCode', value: '4718' },
      { row: 4, code: 'badName', value: '=HYPER\u0000LINK()' },
      { row: 4, code: 'badCountyCode', value: '37183;37183' },
      { row: 4, code: 'badPopulation', value: '-5' },
    ]);
  });

  it('refuses duplicates, mixed states, unknown columns and empty files', () => {
    expect(problems('county_fips,name,population_2020\n37001,A,1\n37001,A,1\n')).toEqual([{ row: 3, code: 'duplicate', value: '37001' }]);
    expect(problems('county_fips,name,population_2020\n37001,A,1\n45001,B,1\n')).toEqual([{ row: null, code: 'mixedStates', value: '37, 45' }]);
    expect(problems('fips,name\n1,2\n')).toMatchObject([{ row: 1, code: 'unknownColumns' }]);
    expect(problems('')).toEqual([{ row: null, code: 'empty' }]);
    expect(problems('zip,place_fips,county_fips\n')).toEqual([{ row: null, code: 'empty' }]);
    expect(problems('zip,place_fips,county_fips\n2851,,37061\n28518,3705660,45001\n')).toEqual([
      { row: 2, code: 'badZip', value: '2851' },
      { row: 3, code: 'badCountyCode', value: '45001' },
    ]);
  });

  it('says in English what is wrong, for the command line', () => {
    expect(() => parsePlacesFile('county_fips,name,population_2020\n37001,A,x\n')).toThrow(/Row 2 needs a population as a whole number/);
  });
});
