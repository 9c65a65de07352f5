/**
 * Finds (or, outside the seeded states, creates) the jurisdiction an agency in ICE's list
 * serves: its county, its town, or its state.
 */
import type { Db } from '~/db/prisma.server';
import type { JurisdictionKind } from '~/generated/prisma/enums';
import type { IceRow, ListWarning } from './ice-list';
import { COUNTY_ALIASES, municipalityFromAgency, searchKey, slugify } from './names';

interface Place {
  id: number;
  kind: JurisdictionKind;
  stateCode: string;
  searchName: string;
  slug: string;
  fips: string | null;
}

export async function createJurisdictionResolver(db: Db, warnings: ListWarning[]) {
  const places = await db.jurisdiction.findMany({
    select: { id: true, kind: true, stateCode: true, searchName: true, slug: true, fips: true },
  });
  const byKey = new Map<string, Place>();
  const slugs = new Set<string>();
  const key = (stateCode: string, kind: JurisdictionKind, name: string) => `${stateCode}|${kind}|${searchKey(name)}`;
  for (const place of places) {
    byKey.set(`${place.stateCode}|${place.kind}|${place.searchName}`, place);
    slugs.add(`${place.stateCode}|${place.slug}`);
  }
  // States whose counties come from the seed (with FIPS codes) get no counties made up on import.
  const seededStates = new Set(places.filter((p) => p.kind === 'COUNTY' && p.fips).map((p) => p.stateCode));

  async function create(stateCode: string, kind: JurisdictionKind, name: string, parentId: number | null) {
    let slug = kind === 'STATE' ? 'state' : slugify(name);
    while (slugs.has(`${stateCode}|${slug}`)) slug = `${slug}-${kind.toLowerCase()}`;
    const place = await db.jurisdiction.create({
      data: { kind, name, searchName: searchKey(name), slug, stateCode, parentId },
      select: { id: true, kind: true, stateCode: true, searchName: true, slug: true, fips: true },
    });
    byKey.set(key(stateCode, kind, name), place);
    slugs.add(`${stateCode}|${slug}`);
    return place;
  }

  async function state(row: IceRow) {
    return byKey.get(key(row.stateCode, 'STATE', row.stateName)) ?? create(row.stateCode, 'STATE', row.stateName, null);
  }

  async function county(row: IceRow): Promise<Place | null> {
    if (!row.countyName) return null;
    const name = COUNTY_ALIASES[`${row.stateCode}|${searchKey(row.countyName)}`] ?? row.countyName;
    const found = byKey.get(key(row.stateCode, 'COUNTY', name));
    if (found) return found;
    if (seededStates.has(row.stateCode)) {
      warnings.push({
        rowNumber: row.rowNumber,
        message: `"${row.countyName}" is not a county of ${row.stateName}; ${row.agencyName} is listed without a county.`,
      });
      return null;
    }
    return create(row.stateCode, 'COUNTY', name, (await state(row)).id);
  }

  async function municipality(row: IceRow): Promise<Place | null> {
    const town = municipalityFromAgency(row.agencyName);
    if (!town) return null;
    const found = byKey.get(key(row.stateCode, 'MUNICIPALITY', town));
    if (found) return found;
    const parent = (await county(row)) ?? (await state(row));
    return create(row.stateCode, 'MUNICIPALITY', town, parent.id);
  }

  /** The jurisdiction id the agency of this row serves. */
  return async function resolve(row: IceRow): Promise<number> {
    if (row.iceType === 'MUNICIPALITY') {
      const town = await municipality(row);
      if (town) return town.id;
    }
    if (row.iceType !== 'STATE_AGENCY') {
      const found = await county(row);
      if (found) return found.id;
    }
    return (await state(row)).id;
  };
}
