/**
 * Which agencies belong to a county: those based in the county itself, or in a town whose county
 * it is (the town's `parent`). The one rule the county dashboard, the county feeds and the
 * statewide map use, in the two forms their queries need.
 */
import { Prisma } from '~/generated/prisma/client';

/** As a Prisma filter on agencies. */
export function agenciesOfCounty(countyId: number): Prisma.AgencyWhereInput {
  return { OR: [{ jurisdictionId: countyId }, { jurisdiction: { parentId: countyId } }] };
}

/**
 * As SQL: the county id of an agency, given its jurisdiction joined as `j` and that
 * jurisdiction's parent as `p` (null for a state agency).
 */
export const COUNTY_OF_AGENCY = Prisma.sql`case when j.kind = 'COUNTY' then j.id when p.kind = 'COUNTY' then p.id end`;
