import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { readNcCounties } from './nc-jurisdictions';

describe('seeds/data/nc-counties.csv', () => {
  it('lists the 100 North Carolina counties with the FIPS codes of the us-atlas county shapes', () => {
    const counties = readNcCounties();
    expect(counties).toHaveLength(100);
    const atlas = createRequire(import.meta.url)('us-atlas/counties-10m.json') as {
      objects: { counties: { geometries: { id: string; properties: { name: string } }[] } };
    };
    const expected = atlas.objects.counties.geometries
      .filter((shape) => shape.id.startsWith('37'))
      .map((shape) => ({ fips: shape.id, name: `${shape.properties.name} County` }))
      .sort((a, b) => a.fips.localeCompare(b.fips));
    expect(counties).toEqual(expected);
  });
});
