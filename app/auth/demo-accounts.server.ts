import type { Db } from '~/db/prisma.server';
import { DEMO_PASSWORD } from './demo-password';

/** The demo accounts to show on the sign-in page: none outside demo mode. */
export async function demoAccounts(db: Db) {
  const accounts = await db.user.findMany({ where: { isDemo: true, passwordHash: { not: null } }, select: { email: true, name: true }, orderBy: { email: 'asc' } });
  return { accounts, password: accounts.length ? DEMO_PASSWORD : null };
}
