/**
 * North Carolina and its 100 counties, with FIPS codes (seeds/data/nc-counties.csv, taken
 * from the us-atlas county shapes). Municipalities are added by the ICE importer when a
 * town's police department appears in ICE's lists.
 */
import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Db } from '~/db/prisma.server';
import { searchKey, slugify } from '~/registry/names';
import { seedDataPath } from './data-files';

const COUNTIES_CSV = seedDataPath('nc-counties.csv');

export function readNcCounties(): { fips: string; name: string }[] {
  return parse(fs.readFileSync(COUNTIES_CSV), { columns: true, skip_empty_lines: true, trim: true });
}

export async function seedNcJurisdictions(db: Db) {
  const state = await db.jurisdiction.upsert({
    where: { fips: '37' },
    update: {},
    create: { kind: 'STATE', name: 'North Carolina', searchName: 'north carolina', slug: 'state', stateCode: 'NC', fips: '37' },
  });
  for (const county of readNcCounties()) {
    await db.jurisdiction.upsert({
      where: { fips: county.fips },
      update: {},
      create: {
        kind: 'COUNTY',
        name: county.name,
        searchName: searchKey(county.name),
        slug: slugify(county.name),
        stateCode: 'NC',
        fips: county.fips,
        parentId: state.id,
      },
    });
  }
}
