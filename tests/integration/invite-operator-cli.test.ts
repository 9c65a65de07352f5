import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '~/auth/session.server';
import { projectDir } from '../../scripts/db/database';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

const inviteOperator = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/invite-operator.ts', ...args], {
    cwd: projectDir,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: db.url, PUBLIC_URL: 'https://portal.example.gov' },
    timeout: 180_000,
  });

describe('npm run invite:operator: the way in for the first operator', () => {
  it('prints a one-time operator invitation link and records it', async () => {
    const run = inviteOperator('First.Operator@County.example.gov');
    expect(run.status).toBe(0);
    const link = /https:\/\/portal\.example\.gov\/invite\/(\S+)/.exec(run.stdout);
    expect(link).not.toBeNull();
    const invitation = await db.prisma.invitation.findUniqueOrThrow({ where: { tokenHash: sha256(link![1]) } });
    expect(invitation).toMatchObject({ kind: 'INVITE', role: 'OPERATOR', email: 'first.operator@county.example.gov', usedAt: null });
    expect(await db.prisma.securityEvent.count({ where: { kind: 'invitation_created', email: 'first.operator@county.example.gov' } })).toBe(1);
  });

  it('explains what it needs when the email is missing or malformed', () => {
    const run = inviteOperator('not-an-email');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Give the email address of the new operator/);
  });
});
