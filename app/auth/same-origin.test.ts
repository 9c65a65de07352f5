import { describe, expect, it } from 'vitest';
import { comesFromSameOrigin } from './same-origin';

const base = { method: 'POST', expectedOrigin: 'https://portal.example.gov', origin: null, referer: null, secFetchSite: null };

describe('same-origin check for state-changing requests', () => {
  it('lets reads through whatever their origin', () => {
    expect(comesFromSameOrigin({ ...base, method: 'GET', origin: 'https://evil.example' })).toBe(true);
  });

  it("accepts posts from the portal's own pages", () => {
    expect(comesFromSameOrigin({ ...base, origin: 'https://portal.example.gov' })).toBe(true);
    expect(comesFromSameOrigin({ ...base, referer: 'https://portal.example.gov/sign-in' })).toBe(true);
    expect(comesFromSameOrigin({ ...base, secFetchSite: 'same-origin', origin: 'https://portal.example.gov' })).toBe(true);
  });

  it('refuses posts from elsewhere, or that nothing vouches for', () => {
    expect(comesFromSameOrigin({ ...base, origin: 'https://evil.example' })).toBe(false);
    expect(comesFromSameOrigin({ ...base, origin: 'https://portal.example.gov.evil.example' })).toBe(false);
    expect(comesFromSameOrigin({ ...base, secFetchSite: 'cross-site', origin: 'https://portal.example.gov' })).toBe(false);
    expect(comesFromSameOrigin({ ...base, referer: 'https://evil.example/form' })).toBe(false);
    expect(comesFromSameOrigin({ ...base, origin: 'null' })).toBe(false);
    expect(comesFromSameOrigin(base)).toBe(false);
  });
});
