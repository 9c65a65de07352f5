/**
 * Loads a places file (places-file.ts) into the registry in one transaction: municipalities
 * with their counties and population, county populations, or ZIP codes. Idempotent: the same
 * file again changes nothing. Municipalities are matched by Census code, or, for a town the ICE
 * importer created before the seed knew it, by state and name; nothing is ever deleted.
 */
import type { PrismaClient } from '~/db/prisma.server';
import { parsePlacesFile, stateFipsOf, type MunicipalityRow, type PlacesFile, type PlacesFileKind } from './places-file';
import { searchKey, slugify } from './names';

export interface PlacesImportResult {
  kind: PlacesFileKind;
  stateCode: string;
  rows: number;
  created: number;
  changed: number;
  unchanged: number;
  /** ZIP files: links removed because the new file no longer has them. */
  removed: number;
}

/** A readable file that cannot be applied: a state or county the registry does not know. */
export class PlacesImportRefusedError extends Error {}

const POPULATION_SOURCE = '2020 Census';
const PLACES_LOCK = 287_003; // pg advisory lock id: one places import at a time

type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export async function importPlaces(prisma: PrismaClient, text: string): Promise<PlacesImportResult> {
  const file = parsePlacesFile(text);
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`select pg_advisory_xact_lock(${PLACES_LOCK})`;
      const stateFips = stateFipsOf(file);
      const state = await tx.jurisdiction.findFirst({ where: { kind: 'STATE', fips: stateFips }, select: { stateCode: true } });
      if (!state) throw new PlacesImportRefusedError(`State ${stateFips} is not in the registry: seed its counties first.`);
      const counties = new Map(
        (await tx.jurisdiction.findMany({ where: { kind: 'COUNTY', stateCode: state.stateCode, fips: { not: null } }, select: { id: true, fips: true } })).map(
          (c) => [c.fips!, c.id],
        ),
      );
      const base = { kind: file.kind, stateCode: state.stateCode, rows: file.rows.length, created: 0, changed: 0, unchanged: 0, removed: 0 };
      if (file.kind === 'municipalities') return { ...base, ...(await applyMunicipalities(tx, state.stateCode, counties, file.rows)) };
      if (file.kind === 'county-population') return { ...base, ...(await applyCountyPopulation(tx, counties, file)) };
      return { ...base, ...(await applyZipCodes(tx, state.stateCode, counties, file)) };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

function unknownCounties(counties: Map<string, number>, codes: string[]) {
  const unknown = [...new Set(codes.filter((code) => !counties.has(code)))];
  if (unknown.length) throw new PlacesImportRefusedError(`Counties not in the registry: ${unknown.sort().join(', ')}.`);
}

async function applyMunicipalities(tx: Tx, stateCode: string, counties: Map<string, number>, rows: MunicipalityRow[]) {
  unknownCounties(counties, rows.flatMap((row) => row.countyFips));
  const existing = await tx.jurisdiction.findMany({
    where: { stateCode, kind: 'MUNICIPALITY' },
    select: {
      id: true,
      fips: true,
      name: true,
      searchName: true,
      placeType: true,
      population: true,
      populationSource: true,
      parentId: true,
      countyLinks: { select: { countyId: true, position: true }, orderBy: { position: 'asc' } },
    },
  });
  const byFips = new Map(existing.filter((town) => town.fips).map((town) => [town.fips!, town]));
  const unnumbered = new Map(existing.filter((town) => !town.fips).map((town) => [town.searchName, town]));
  const slugs = new Set((await tx.jurisdiction.findMany({ where: { stateCode }, select: { slug: true } })).map((p) => p.slug));
  let created = 0;
  let changed = 0;
  let unchanged = 0;

  for (const row of rows) {
    const countyIds = row.countyFips.map((code) => counties.get(code)!);
    const wanted = {
      fips: row.fips,
      name: row.name,
      searchName: searchKey(row.name),
      placeType: row.placeType,
      population: row.population,
      populationSource: POPULATION_SOURCE,
      parentId: countyIds[0],
    };
    const town = byFips.get(row.fips) ?? unnumbered.get(wanted.searchName);
    if (!town) {
      let slug = slugify(row.name);
      if (slugs.has(slug)) slug = `${slug}-${row.placeType}`;
      while (slugs.has(slug)) slug = `${slug}-${row.fips}`;
      slugs.add(slug);
      const made = await tx.jurisdiction.create({ data: { ...wanted, kind: 'MUNICIPALITY', stateCode, slug }, select: { id: true } });
      await tx.municipalityCounty.createMany({ data: countyIds.map((countyId, position) => ({ municipalityId: made.id, countyId, position })) });
      created++;
      continue;
    }
    unnumbered.delete(town.searchName);
    const sameFields = (Object.keys(wanted) as (keyof typeof wanted)[]).every((key) => town[key] === wanted[key]);
    const sameCounties = town.countyLinks.map((link) => link.countyId).join(',') === countyIds.join(',');
    if (sameFields && sameCounties) {
      unchanged++;
      continue;
    }
    await tx.jurisdiction.update({ where: { id: town.id }, data: wanted });
    if (!sameCounties) {
      await tx.municipalityCounty.deleteMany({ where: { municipalityId: town.id } });
      await tx.municipalityCounty.createMany({ data: countyIds.map((countyId, position) => ({ municipalityId: town.id, countyId, position })) });
    }
    changed++;
  }
  return { created, changed, unchanged };
}

async function applyCountyPopulation(tx: Tx, counties: Map<string, number>, file: Extract<PlacesFile, { kind: 'county-population' }>) {
  unknownCounties(counties, file.rows.map((row) => row.fips));
  const current = new Map(
    (await tx.jurisdiction.findMany({ where: { id: { in: [...counties.values()] } }, select: { id: true, population: true, populationSource: true } })).map(
      (c) => [c.id, c],
    ),
  );
  let changed = 0;
  let unchanged = 0;
  for (const row of file.rows) {
    const id = counties.get(row.fips)!;
    const county = current.get(id)!;
    if (county.population === row.population && county.populationSource === POPULATION_SOURCE) {
      unchanged++;
      continue;
    }
    await tx.jurisdiction.update({ where: { id }, data: { population: row.population, populationSource: POPULATION_SOURCE } });
    changed++;
  }
  return { changed, unchanged };
}

async function applyZipCodes(tx: Tx, stateCode: string, counties: Map<string, number>, file: Extract<PlacesFile, { kind: 'zip-codes' }>) {
  unknownCounties(counties, file.rows.map((row) => row.countyFips));
  const towns = new Map(
    (await tx.jurisdiction.findMany({ where: { stateCode, kind: 'MUNICIPALITY', fips: { not: null } }, select: { id: true, fips: true } })).map((t) => [
      t.fips!,
      t.id,
    ]),
  );
  const unknownTowns = [...new Set(file.rows.flatMap((row) => (row.placeFips && !towns.has(row.placeFips) ? [row.placeFips] : [])))];
  if (unknownTowns.length) {
    throw new PlacesImportRefusedError(`Municipalities not in the registry: ${unknownTowns.sort().join(', ')}. Import the municipalities file first.`);
  }
  // Every ZIP links to the county it overlaps, and to the town when the row names one.
  const wanted = new Set<string>();
  for (const row of file.rows) {
    wanted.add(`${row.zip}|${counties.get(row.countyFips)}`);
    if (row.placeFips) wanted.add(`${row.zip}|${towns.get(row.placeFips)}`);
  }
  const stateIds = [...counties.values(), ...towns.values()];
  const have = new Set(
    (await tx.zipCode.findMany({ where: { jurisdictionId: { in: stateIds } }, select: { zip: true, jurisdictionId: true } })).map(
      (z) => `${z.zip}|${z.jurisdictionId}`,
    ),
  );
  const toAdd = [...wanted].filter((key) => !have.has(key));
  const toRemove = [...have].filter((key) => !wanted.has(key));
  const split = (key: string) => {
    const [zip, id] = key.split('|');
    return { zip, jurisdictionId: Number(id) };
  };
  if (toAdd.length) await tx.zipCode.createMany({ data: toAdd.map(split) });
  for (const key of toRemove) await tx.zipCode.delete({ where: { zip_jurisdictionId: split(key) } });
  return { created: toAdd.length, removed: toRemove.length, unchanged: wanted.size - toAdd.length };
}
