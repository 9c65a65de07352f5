/**
 * Demonstration accounts, seeded only in demo mode (never in production): one per role, all
 * with the password demo-pass-287g, marked isDemo. Listed in the README.
 */
import type { PrismaClient } from '~/db/prisma.server';
import { hashPassword } from '~/auth/credentials.server';
import { DEMO_PASSWORD } from '~/auth/demo-password';
import type { Role } from '~/generated/prisma/enums';

interface DemoAccount {
  email: string;
  name: string;
  roles: { role: Role; countyFips?: string; agencySlug?: string }[];
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'admin@example.org', name: 'Demo Operator', roles: [{ role: 'OPERATOR' }] },
  { email: 'reviewer.gaston@example.org', name: 'Demo Reviewer, Gaston County', roles: [{ role: 'REVIEWER', countyFips: '37071' }] },
  {
    email: 'filer.gaston@example.org',
    name: "Demo Filer, Gaston County Sheriff's Office",
    roles: [
      { role: 'FILER', agencySlug: 'nc-gaston-county-sheriffs-office' },
      { role: 'HEAD', agencySlug: 'nc-gaston-county-sheriffs-office' },
    ],
  },
  {
    email: 'filer.cabarrus@example.org',
    name: "Demo Filer, Cabarrus County Sheriff's Office",
    roles: [
      { role: 'FILER', agencySlug: 'nc-cabarrus-county-sheriffs-office' },
      { role: 'HEAD', agencySlug: 'nc-cabarrus-county-sheriffs-office' },
    ],
  },
];

export async function seedDemoAccounts(prisma: PrismaClient) {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await prisma.$transaction(async (tx) => {
    for (const account of DEMO_ACCOUNTS) {
      const user = await tx.user.upsert({
        where: { email: account.email },
        update: {},
        create: { email: account.email, name: account.name, passwordHash, passwordChangedAt: new Date(), isDemo: true },
      });
      for (const grant of account.roles) {
        const jurisdictionId = grant.countyFips
          ? (await tx.jurisdiction.findUniqueOrThrow({ where: { fips: grant.countyFips } })).id
          : null;
        const agencyId = grant.agencySlug ? (await tx.agency.findUniqueOrThrow({ where: { slug: grant.agencySlug } })).id : null;
        const exists = await tx.roleAssignment.findFirst({ where: { userId: user.id, role: grant.role, jurisdictionId, agencyId } });
        if (!exists) await tx.roleAssignment.create({ data: { userId: user.id, role: grant.role, jurisdictionId, agencyId } });
      }
    }
  });
}
