import { describe, expect, it } from 'vitest';
import { hashPassword, normalizeEmail, passwordProblem, verifyPassword } from './credentials.server';

describe('credentials', () => {
  it('normalises emails so case and spaces make no second account', () => {
    expect(normalizeEmail('  Filer.Gaston@Example.ORG ')).toBe('filer.gaston@example.org');
    expect(normalizeEmail('filer.gaston @example.org')).toBe('filer.gaston@example.org');
  });

  it('refuses short and common passwords with a reason, without composition rules', async () => {
    expect(await passwordProblem('short')).toMatch(/at least 12 characters/);
    expect(await passwordProblem('password1234')).toMatch(/less common password.*commonly used/);
    expect(await passwordProblem('qwertyuiop123')).toMatch(/less common/);
    expect(await passwordProblem('iloveyou12345')).toMatch(/less common/);
    expect(await passwordProblem('correct horse battery staple')).toBeNull(); // no digits or symbols needed
    expect(await passwordProblem('demo-pass-287g')).toBeNull();
  });

  it('hashes with argon2id and verifies', async () => {
    const hashed = await hashPassword('correct horse battery staple');
    expect(hashed).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hashed, 'correct horse battery staple')).toBe(true);
    expect(await verifyPassword(hashed, 'Correct horse battery staple')).toBe(false);
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });
});
