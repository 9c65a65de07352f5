/**
 * North Carolina's counties and towns as operators keep them: population, and towns that ICE's
 * lists have not brought in yet (the importer adds a town only when its police department
 * appears there).
 */
import type { Db, PrismaClient } from '~/db/prisma.server';
import { Prisma } from '~/generated/prisma/client';
import type { MessageKey } from '~/i18n/i18n';
import { searchKey, slugify } from '~/registry/names';

export const STATE = 'NC';

export async function ncPlaces(db: Db) {
  const places = await db.jurisdiction.findMany({
    where: { stateCode: STATE, kind: { in: ['COUNTY', 'MUNICIPALITY'] } },
    select: { id: true, name: true, kind: true, slug: true, stateCode: true, population: true, parent: { select: { name: true, kind: true } } },
    orderBy: { name: 'asc' },
  });
  const view = places.map((p) => ({
    id: p.id,
    name: p.name,
    slug: p.slug,
    stateCode: p.stateCode,
    population: p.population,
    county: p.kind === 'MUNICIPALITY' && p.parent?.kind === 'COUNTY' ? p.parent.name : null,
    kind: p.kind,
  }));
  return { counties: view.filter((p) => p.kind === 'COUNTY'), towns: view.filter((p) => p.kind === 'MUNICIPALITY') };
}

export type PlaceOutcome = { ok: true; id: number; name: string } | { ok: false; field: 'name' | 'countyId' | 'population'; error: MessageKey };

export async function createMunicipality(prisma: PrismaClient, town: { name: string; countyId: number }): Promise<PlaceOutcome> {
  try {
    return await prisma.$transaction(async (tx): Promise<PlaceOutcome> => {
      const county = await tx.jurisdiction.findFirst({ where: { id: town.countyId, stateCode: STATE, kind: 'COUNTY' }, select: { id: true } });
      if (!county) return { ok: false, field: 'countyId', error: 'admin.places.countyUnknown' };
      // The importer finds a town by state and name alone, so a name may exist once per state.
      const searchName = searchKey(town.name);
      const existing = await tx.jurisdiction.findFirst({ where: { stateCode: STATE, kind: 'MUNICIPALITY', searchName } });
      if (existing) return { ok: false, field: 'name', error: 'admin.places.townExists' };
      // Same rule as the importer's: a town named like a county ("Gaston") gets a distinct slug.
      let slug = slugify(town.name);
      while (await tx.jurisdiction.findUnique({ where: { stateCode_slug: { stateCode: STATE, slug } } })) slug = `${slug}-municipality`;
      const created = await tx.jurisdiction.create({
        data: { kind: 'MUNICIPALITY', name: town.name, searchName, slug, stateCode: STATE, parentId: county.id },
      });
      return { ok: true, id: created.id, name: created.name };
    });
  } catch (error) {
    // Another operator created the same town at the same moment.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return { ok: false, field: 'name', error: 'admin.places.townExists' };
    throw error;
  }
}

export async function setPopulation(db: Db, placeId: number, population: number | null): Promise<PlaceOutcome> {
  const place = await db.jurisdiction.findFirst({
    where: { id: placeId, stateCode: STATE, kind: { in: ['COUNTY', 'MUNICIPALITY'] } },
    select: { id: true, name: true },
  });
  if (!place) return { ok: false, field: 'population', error: 'admin.places.notFound' };
  await db.jurisdiction.update({ where: { id: place.id }, data: { population } });
  return { ok: true, id: place.id, name: place.name };
}
