import { describe, expect, it } from 'vitest';
import { compareDecimals, normaliseSum, percent, perResident, sortCounties, wholeCount } from './figures';

describe('normaliseSum', () => {
  it("writes database sums in the catalogue's form: cents for dollars, no needless decimals otherwise", () => {
    expect(normaliseSum('14.00', 'COUNT')).toBe('14');
    expect(normaliseSum('12500.5', 'USD')).toBe('12500.50');
    expect(normaliseSum('-3.50', 'USD')).toBe('-3.50');
    expect(normaliseSum('7.50', 'HOURS')).toBe('7.5');
    expect(normaliseSum('14.000', 'COUNT')).toBe('14');
  });

  it('keeps "not reported" as null, never 0', () => {
    expect(normaliseSum(null, 'USD')).toBeNull();
  });

  it('refuses what is not a sum of stored values', () => {
    expect(() => normaliseSum('1.005', 'USD')).toThrow(/two decimals/);
    expect(() => normaliseSum('NaN', 'USD')).toThrow(/numeric/);
  });
});

describe('perResident', () => {
  it('divides exactly, rounding half away from zero: dollars to the cent, per 100,000 to one decimal', () => {
    expect(perResident('1000.00', 3)).toEqual({ perResident: '333.33', per100k: '33333333.3' });
    expect(perResident('20', 237_000)).toEqual({ perResident: '0.00', per100k: '8.4' });
    expect(perResident('0.05', 10)).toEqual({ perResident: '0.01', per100k: '500.0' });
    expect(perResident('-250.00', 1000)).toEqual({ perResident: '-0.25', per100k: '-25000.0' });
  });

  it('is null when the population or the value is unknown', () => {
    expect(perResident('1000.00', null)).toEqual({ perResident: null, per100k: null });
    expect(perResident('1000.00', 0)).toEqual({ perResident: null, per100k: null });
    expect(perResident(null, 5000)).toEqual({ perResident: null, per100k: null });
  });
});

describe('percent', () => {
  it('gives one decimal, rounded half up', () => {
    expect(percent(1, 3)).toBe('33.3');
    expect(percent(2, 3)).toBe('66.7');
    expect(percent(1, 8)).toBe('12.5');
    expect(percent(5, 5)).toBe('100.0');
    expect(percent(0, 7)).toBe('0.0');
  });

  it('is null out of nothing', () => {
    expect(percent(0, 0)).toBeNull();
  });
});

describe('wholeCount', () => {
  it('reads stored counts and refuses fractions of a person', () => {
    expect(wholeCount('14.00')).toBe(14);
    expect(wholeCount(null)).toBe(0);
    expect(() => wholeCount('1.50')).toThrow(/whole/);
  });
});

describe('ordering counties', () => {
  const counties = [
    { name: 'Alamance County', value: '100.50', per100k: null },
    { name: 'Wake County', value: null, per100k: null },
    { name: 'Cabarrus County', value: '1000.00', per100k: '12.5' },
    { name: 'Ashe County', value: null, per100k: null },
    { name: 'Gaston County', value: '-20.00', per100k: '99.9' },
    { name: 'Nash County', value: '100.50', per100k: '3.0' },
  ];

  it('compares decimals exactly, signs included', () => {
    expect(compareDecimals('100.5', '100.50')).toBe(0);
    expect(compareDecimals('-20.00', '3')).toBe(-1);
    expect(compareDecimals('12345678901234.01', '12345678901234')).toBe(1);
  });

  it('puts "not reported" last whatever the order, never as a zero', () => {
    expect(sortCounties(counties, 'desc').map((county) => county.name)).toEqual([
      'Cabarrus County',
      'Alamance County',
      'Nash County',
      'Gaston County',
      'Ashe County',
      'Wake County',
    ]);
    expect(sortCounties(counties, 'asc').map((county) => county.name)).toEqual([
      'Gaston County',
      'Alamance County',
      'Nash County',
      'Cabarrus County',
      'Ashe County',
      'Wake County',
    ]);
    expect(sortCounties(counties, 'name').map((county) => county.name)).toEqual([
      'Alamance County',
      'Ashe County',
      'Cabarrus County',
      'Gaston County',
      'Nash County',
      'Wake County',
    ]);
    // Per resident: counties whose population is unknown have no figure, so they go last.
    expect(sortCounties(counties, 'per_resident').map((county) => county.name)).toEqual([
      'Gaston County',
      'Cabarrus County',
      'Nash County',
      'Alamance County',
      'Ashe County',
      'Wake County',
    ]);
  });
});
