/**
 * npm run invite:operator -- <email>
 *
 * Prints a one-time link that makes the person an operator: how the first operator of a new
 * installation gets in (and how to get back in if every operator lost access). Uses the same
 * database as `npm start`.
 */
import { z } from 'zod';
import { normalizeEmail } from '~/auth/credentials.server';
import { recordSecurityEvent } from '~/auth/events.server';
import { createInvitation } from '~/auth/invitations.server';
import { createPrismaClient } from '~/db/prisma.server';
import { openPreparedDatabase } from './db/prepare';

const email = z.email('Give the email address of the new operator: npm run invite:operator -- ann@county.gov').safeParse(process.argv[2]);
if (!email.success) {
  console.error(`invite:operator: ${email.error.issues[0].message}`);
  process.exit(2);
}

const db = await openPreparedDatabase((message) => console.error(message));
const prisma = createPrismaClient(db.url);
try {
  const origin = process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;
  const link = await createInvitation(prisma, new Request(origin), {
    email: email.data,
    role: 'OPERATOR',
    jurisdictionId: null,
    agencyId: null,
    createdById: null,
    placeLabel: 'this portal',
  });
  await recordSecurityEvent(prisma, { kind: 'invitation_created', email: normalizeEmail(email.data), detail: { role: 'OPERATOR', via: 'command line' } });
  console.log(`Operator invitation for ${email.data} (valid 7 days, usable once):\n${link.url}`);
} finally {
  await prisma.$disconnect();
  await db.close();
}
