import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeRedirect } from './access.server';

const PORTAL = 'https://portal.example.gov';

/** Where a browser goes with this Location: WHATWG URL parsing drops tabs and newlines as browsers do. */
const landsOn = (location: string) => new URL(location, `${PORTAL}/sign-in`);

describe('safeRedirect', () => {
  it("keeps the portal's own paths with their query and fragment", () => {
    expect(safeRedirect('/account')).toBe('/account');
    expect(safeRedirect('/filings/12?tab=history#rev-2')).toBe('/filings/12?tab=history#rev-2');
    expect(safeRedirect('/places/nc/gaston-county?q=a%20b')).toBe('/places/nc/gaston-county?q=a%20b');
    // Dot segments resolve as the browser would resolve them, within the portal.
    expect(safeRedirect('/admin/../account')).toBe('/account');
  });

  it('falls back for anything that is not a path of the portal', () => {
    for (const target of [null, undefined, '', 'account', 'https://evil.example/', '//evil.example/', '/\\evil.example', 'javascript:alert(1)', ' /account']) {
      expect(safeRedirect(target), String(target)).toBe('/account');
    }
    expect(safeRedirect('https://evil.example', '/review')).toBe('/review');
  });

  it('refuses a target with a control character, which browsers drop or trim to reach another site', () => {
    // The finding: "/\t/evil.example" is "//evil.example" to a browser.
    expect(landsOn('/\t/evil.example/phish').host).toBe('evil.example');
    for (const target of ['/\t/evil.example/phish', '/\n/evil.example', '/\r\n/evil.example', '/account\u0000', '/a\u007f', '/a\u0085', '/account\nSet-Cookie: x=1']) {
      expect(safeRedirect(target), JSON.stringify(target)).toBe('/account');
    }
  });

  it('refuses percent-encoded control characters, and backslashes anywhere', () => {
    for (const target of ['/%09/evil.example', '/account?next=%0A', '/a%7F', '/a/\\/evil.example', '/a\\b']) {
      expect(safeRedirect(target), target).toBe('/account');
    }
  });

  it('refuses dot segments that reduce to another host', () => {
    expect(landsOn('/..//evil.example').pathname).toBe('//evil.example');
    expect(safeRedirect('/..//evil.example')).toBe('/account');
    expect(safeRedirect('/.//evil.example')).toBe('/account');
    expect(safeRedirect('/%2e%2e//evil.example')).toBe('/account');
  });

  it('never gives a Location that leaves the portal or breaks a header, whatever it is given', () => {
    const pieces = fc.constantFrom('/', '//', '\\', '\t', '\n', '\r', '\u0000', '.', '..', '%2e', '%2F', '%5c', '%09', '@', ':', 'evil.example', '?', '#', 'a', ' ', 'é', '\u2028');
    const target = fc.oneof(fc.string(), fc.array(pieces, { maxLength: 12 }).map((parts) => parts.join('')));
    fc.assert(
      fc.property(target, (candidate) => {
        const location = safeRedirect(candidate, '/fallback');
        expect(landsOn(location).origin).toBe(PORTAL);
        // Nothing a header refuses (a newline would make the redirect a 500) or a browser strips.
        // eslint-disable-next-line no-control-regex -- matching control characters is the point
        expect(location).not.toMatch(/[\u0000-\u001f\u007f\\]/);
        expect(location.startsWith('/') && !location.startsWith('//')).toBe(true);
        expect(() => new Headers({ Location: location })).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  });
});
