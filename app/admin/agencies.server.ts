/**
 * North Carolina's agencies as operators keep them: the place each serves, its kind, and
 * agencies added by hand. A hand-made agency gets the slug and match key the ICE importer
 * computes from its name, so a later list that names it updates it instead of adding a twin.
 */
import type { Db, PrismaClient } from '~/db/prisma.server';
import { Prisma } from '~/generated/prisma/client';
import type { AgencyKind } from '~/generated/prisma/enums';
import type { MessageKey } from '~/i18n/i18n';
import { agencyKey, agencySlug, cleanName } from '~/registry/names';
import { STATE } from './places.server';

export async function ncAgencies(db: Db) {
  const rows = await db.agency.findMany({
    where: { stateCode: STATE },
    select: {
      id: true,
      name: true,
      slug: true,
      kind: true,
      jurisdictionId: true,
      jurisdiction: { select: { name: true, kind: true, parent: { select: { name: true, kind: true } } } },
      _count: { select: { agreements: true } },
    },
    orderBy: { name: 'asc' },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    slug: row.slug,
    kind: row.kind,
    jurisdictionId: row.jurisdictionId,
    place: row.jurisdiction ? placeLabel(row.jurisdiction) : null,
    agreements: row._count.agreements,
  }));
}

function placeLabel(place: { name: string; kind: string; parent: { name: string; kind: string } | null }) {
  return place.kind === 'MUNICIPALITY' && place.parent?.kind === 'COUNTY' ? `${place.name} (${place.parent.name})` : place.name;
}

/** The state itself (for state agencies), its counties and its towns. */
export async function agencyPlaceOptions(db: Db) {
  const places = await db.jurisdiction.findMany({
    where: { stateCode: STATE },
    select: { id: true, name: true, kind: true, parent: { select: { name: true, kind: true } } },
    orderBy: [{ kind: 'asc' }, { name: 'asc' }],
  });
  return places.map((place) => ({ id: place.id, kind: place.kind, label: placeLabel(place) }));
}

export type AgencyOutcome = { ok: true; name: string; slug: string } | { ok: false; field: 'name' | 'kind' | 'jurisdictionId'; error: MessageKey };

async function isStatePlace(db: Db, jurisdictionId: number) {
  return (await db.jurisdiction.count({ where: { id: jurisdictionId, stateCode: STATE } })) === 1;
}

export async function createAgency(prisma: PrismaClient, input: { name: string; kind: AgencyKind; jurisdictionId: number }): Promise<AgencyOutcome> {
  const name = cleanName(input.name);
  const matchKey = agencyKey(STATE, name);
  const slug = agencySlug(STATE, name);
  try {
    return await prisma.$transaction(async (tx): Promise<AgencyOutcome> => {
      if (!(await isStatePlace(tx, input.jurisdictionId))) return { ok: false, field: 'jurisdictionId', error: 'admin.agencies.placeUnknown' };
      if (await tx.agency.findFirst({ where: { OR: [{ matchKey }, { slug }] }, select: { id: true } })) {
        return { ok: false, field: 'name', error: 'admin.agencies.exists' };
      }
      // iceCountyName stays empty: it records what ICE's list wrote, and no list has named it yet.
      await tx.agency.create({ data: { name, slug, matchKey, kind: input.kind, stateCode: STATE, jurisdictionId: input.jurisdictionId } });
      return { ok: true, name, slug };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return { ok: false, field: 'name', error: 'admin.agencies.exists' };
    throw error;
  }
}

export async function updateAgency(prisma: PrismaClient, agencyId: number, input: { kind: AgencyKind; jurisdictionId: number }): Promise<AgencyOutcome> {
  return prisma.$transaction(async (tx): Promise<AgencyOutcome> => {
    const agency = await tx.agency.findFirst({ where: { id: agencyId, stateCode: STATE }, select: { id: true } });
    if (!agency) return { ok: false, field: 'name', error: 'admin.agencies.notFound' };
    if (!(await isStatePlace(tx, input.jurisdictionId))) return { ok: false, field: 'jurisdictionId', error: 'admin.agencies.placeUnknown' };
    const updated = await tx.agency.update({ where: { id: agency.id }, data: { kind: input.kind, jurisdictionId: input.jurisdictionId } });
    return { ok: true, name: updated.name, slug: updated.slug };
  });
}
