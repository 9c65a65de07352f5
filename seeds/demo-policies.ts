/**
 * Demonstration reporting policies, seeded only in demo mode: made up, so the demo filers have
 * reports to file. Policies have no isDemo column; the resolution text says they are made up.
 */
import type { PrismaClient } from '~/db/prisma.server';
import { createPolicy } from '~/reporting/policies.server';

/** Metrics that apply to a jail-enforcement (JEM) agreement, kept short for a demo. */
export const DEMO_METRIC_KEYS = [
  'gross_cost',
  'federal_reimbursement',
  'igsa_revenue',
  'detainers_received',
  'detainers_honored',
  'detainers_declined',
  'transfers_to_ice',
  'people_encountered',
  'complaints_filed',
  'complaints_sustained',
];

export const DEMO_OATH = 'I certify under oath that this report is true and complete to the best of my knowledge.';

const DEMO_POLICIES = [
  { countyFips: '37071', county: 'Gaston County', agencySlug: 'nc-gaston-county-sheriffs-office', reviewerEmail: 'reviewer.gaston@example.org' },
  { countyFips: '37025', county: 'Cabarrus County', agencySlug: 'nc-cabarrus-county-sheriffs-office', reviewerEmail: null },
];

export async function seedDemoPolicies(prisma: PrismaClient) {
  await prisma.$transaction(async (tx) => {
    for (const demo of DEMO_POLICIES) {
      const county = await tx.jurisdiction.findUniqueOrThrow({ where: { fips: demo.countyFips }, select: { id: true } });
      const agency = await tx.agency.findUniqueOrThrow({ where: { slug: demo.agencySlug }, select: { id: true, name: true } });
      const reviewer = demo.reviewerEmail ? await tx.user.findUnique({ where: { email: demo.reviewerEmail }, select: { id: true } }) : null;
      await createPolicy(tx, {
        jurisdictionId: county.id,
        kind: 'COUNTY_REPORTING',
        title: '287(g) reporting policy',
        statute: 'G.S. 153A-104',
        adoptedOn: '2025-01-06',
        resolutionText: `Demonstration data: not an actual resolution of the ${demo.county} Board of Commissioners.`,
        oathText: DEMO_OATH,
        createdById: reviewer?.id ?? null,
        requirements: [
          {
            agencyId: agency.id,
            title: `Quarterly 287(g) report of ${agency.name}`,
            effectiveFrom: '2025-01-01',
            frequency: 'QUARTERLY',
            dueDaysAfterEnd: 30,
            acceptsLate: true,
            metricKeys: DEMO_METRIC_KEYS,
          },
        ],
      });
    }
  });
}
