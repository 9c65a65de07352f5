/**
 * The reviewer's policies page: the places they review with their agencies and policies (the
 * rules in force now), the form as posted (zod, here on the server) and its field names for the
 * policy service's refusals.
 */
import { z } from 'zod';
import { reviewerPlaces } from '~/auth/accounts.server';
import { rulesFields, typedText } from '~/components/requirement-rules.server';
import type { Db } from '~/db/prisma.server';
import { dateOnly } from '~/reporting/calendar';

export const STATUTE = { COUNTY: 'G.S. 153A-104', MUNICIPALITY: 'G.S. 160A-281' } as const;

export async function reviewerPolicies(db: Db, ids: number[]) {
  const [places, kinds, policies] = await Promise.all([
    reviewerPlaces(db, ids),
    db.jurisdiction.findMany({ where: { id: { in: ids } }, select: { id: true, kind: true } }),
    db.policy.findMany({
      where: { jurisdictionId: { in: ids } },
      orderBy: [{ adoptedOn: 'desc' }, { id: 'desc' }],
      select: {
        id: true,
        jurisdictionId: true,
        kind: true,
        title: true,
        statute: true,
        adoptedOn: true,
        requirements: {
          orderBy: { id: 'asc' },
          select: {
            id: true,
            title: true,
            agency: { select: { name: true, slug: true } },
            // The rules in force now are the latest version's; older ones govern past periods only.
            versions: { orderBy: { effectiveFrom: 'desc' }, take: 1, select: { effectiveFrom: true, frequency: true, dueDaysAfterEnd: true, acceptsLate: true, metricKeys: true } },
          },
        },
      },
    }),
  ]);
  const kindOf = new Map(kinds.map((place) => [place.id, place.kind]));
  return {
    places: places.map((place) => ({
      id: place.id,
      name: place.name,
      statute: kindOf.get(place.id) === 'COUNTY' ? STATUTE.COUNTY : STATUTE.MUNICIPALITY,
      agencies: place.agencies.map((agency) => ({ id: agency.id, name: agency.name, slug: agency.slug })),
      policies: policies
        .filter((policy) => policy.jurisdictionId === place.id)
        .map((policy) => ({
          ...policy,
          adoptedOn: dateOnly(policy.adoptedOn),
          requirements: policy.requirements.map(({ versions, ...requirement }) => ({
            ...requirement,
            rules: versions[0]
              ? {
                  effectiveFrom: dateOnly(versions[0].effectiveFrom),
                  frequency: versions[0].frequency,
                  dueDaysAfterEnd: versions[0].dueDaysAfterEnd,
                  acceptsLate: versions[0].acceptsLate,
                  metricCount: versions[0].metricKeys.length,
                }
              : null,
          })),
        })),
    })),
  };
}


/** The service's field paths ('requirements.0.agencyId') as the form's input names. */
export function formField(path: string): string {
  const inRequirement = /^requirements\.\d+\.(.+)$/.exec(path);
  if (!inRequirement) return path === 'requirements' ? 'metricKeys' : path;
  return inRequirement[1] === 'title' ? 'requirementTitle' : inRequirement[1];
}

/** An id as PostgreSQL's integer can hold it (a larger one would make the query fail, not find nothing). */
export const positiveId = (text: string) => (/^[1-9]\d{0,9}$/.test(text) && Number(text) <= 2_147_483_647 ? Number(text) : undefined);

/** The form as typed. What each value must be is createPolicy's to say, with the messages the service gives everyone. */
export const PolicyFormFields = z.object({
  jurisdictionId: typedText,
  kind: typedText,
  title: typedText,
  statute: typedText,
  adoptedOn: typedText,
  resolutionText: typedText,
  oathText: typedText,
  agencyId: typedText,
  requirementTitle: typedText,
  ...rulesFields,
});
