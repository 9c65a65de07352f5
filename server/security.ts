/**
 * Security headers and the same-origin check for state-changing requests, for every response;
 * and how the TRUST_PROXY setting is read.
 */
import crypto from 'node:crypto';
import net from 'node:net';
import type { NextFunction, Request, Response } from 'express';
import { parse } from 'cookie';
import { comesFromSameOrigin } from '~/auth/same-origin';
import { SESSION_COOKIE } from '~/auth/session.server';

export function securityHeaders(req: Request, res: Response, next: NextFunction) {
  const nonce = nextNonce();
  res.locals.cspNonce = nonce;
  res.set(
    'Content-Security-Policy',
    [
      "default-src 'self'",
      `script-src 'self' 'nonce-${nonce}'`,
      "style-src 'self'",
      "img-src 'self' data:",
      "font-src 'self'",
      "connect-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; '),
  );
  res.set('X-Frame-Options', 'DENY');
  res.set('X-Content-Type-Options', 'nosniff');
  res.set('Referrer-Policy', 'strict-origin-when-cross-origin');
  res.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  // HSTS only means something over HTTPS (behind a proxy: set TRUST_PROXY).
  if (req.secure) res.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  keepPrivateAnswersPrivate(req, res);
  next();
}

// Nonces are cut from a pool of random bytes refilled 256 at a time: one call into the
// system's generator per 256 requests rather than per request. Each is used once.
const NONCE_BYTES = 16;
let noncePool = Buffer.alloc(0);
let noncePoolOffset = 0;
function nextNonce(): string {
  if (noncePoolOffset >= noncePool.length) {
    noncePool = crypto.randomBytes(NONCE_BYTES * 256);
    noncePoolOffset = 0;
  }
  const nonce = noncePool.toString('base64', noncePoolOffset, noncePoolOffset + NONCE_BYTES);
  noncePoolOffset += NONCE_BYTES;
  return nonce;
}

/**
 * The pages about signing in and of the signed-in areas (also as Remix's `.data`): what they show
 * (a form with a one-time link's token, a redirect after sign-in, someone's account) is never
 * for a cache, whoever asks. `/agency/` is the head's token page; the public pages are `/agencies/`.
 */
const SIGNED_IN_AREAS = /^\/(account|admin|agency|filings|review|sign-in|sign-out|invite|reset-password|forgot-password)(\/|\.data$|$)/;

const PRIVATE = 'private, no-store';

/**
 * `Cache-Control: private, no-store`, decided just before the headers go out:
 * - on every answer that starts or ends a session (Set-Cookie of the session cookie): a shared
 *   cache could hand the cookie on to someone else, so this overrides any other policy;
 * - on the signed-in areas, unless the route already keeps its answer private (a download of
 *   someone's attachment says `private, no-store` itself);
 * - on any answer to a request with a session that says nothing about caching (publicPageCaching
 *   does the same for Remix's pages). A policy a route chose for public data, the same for
 *   everyone (scripts, open-data downloads), is kept: nothing personal is in it.
 */
function keepPrivateAnswersPrivate(req: Request, res: Response) {
  const path = normalizedPath(req.originalUrl);
  const signedIn = Boolean(req.headers.cookie && parse(req.headers.cookie)[SESSION_COOKIE]);
  onHeaders(res, () => {
    const current = String(res.getHeader('Cache-Control') ?? '');
    if (setsSessionCookie(res)) res.setHeader('Cache-Control', PRIVATE);
    else if (SIGNED_IN_AREAS.test(path) && !/\b(private|no-store)\b/.test(current)) res.setHeader('Cache-Control', PRIVATE);
    else if (signedIn && !current) res.setHeader('Cache-Control', PRIVATE);
  });
}

function setsSessionCookie(res: Response) {
  const header = res.getHeader('Set-Cookie');
  const cookies = Array.isArray(header) ? header : header === undefined ? [] : [String(header)];
  return cookies.some((cookie) => cookie.trimStart().startsWith(`${SESSION_COOKIE}=`));
}

/**
 * The path as the app will see it: Remix builds a WHATWG URL from the request, which resolves
 * dot segments (`/api/v1/%2e%2e/%2e%2e/sign-in` is `/sign-in`) and reads `\` as `/`.
 */
function normalizedPath(url: string) {
  try {
    return new URL(`http://portal.invalid${url}`).pathname; // as @remix-run/express joins them
  } catch {
    return url;
  }
}

/** Runs `listener` just before the status line and headers are sent. */
function onHeaders(res: Response, listener: () => void) {
  const writeHead = res.writeHead;
  res.writeHead = function (this: Response, ...args: Parameters<typeof writeHead>) {
    if (typeof args[0] === 'number') this.statusCode = args[0];
    listener();
    return writeHead.apply(this, args);
  } as typeof writeHead;
}

/** The origin the portal is served at: PUBLIC_URL when set, else what the request says. */
export function expectedOrigin(req: Request): string {
  if (process.env.PUBLIC_URL) return new URL(process.env.PUBLIC_URL).origin;
  return `${req.protocol}://${req.get('host')}`;
}

/**
 * Refuses state-changing requests that do not come from the portal's own pages: a cookie-carrying
 * one could be a forgery riding on someone's session; a cookieless form post could still sign
 * the browser in to someone else's account (hence the sign-in form is checked too).
 */
export function sameOriginOnly(req: Request, res: Response, next: NextFunction) {
  // Machine clients authenticate with a bearer token and carry no session cookie. A cookieless
  // request to the API carries nothing a forger could ride on (the API reads no session), so it
  // goes on to the route, which answers it in JSON: 401 without a valid token, as docs/api.md says.
  const cookieless = !req.get('cookie');
  const bearerOnly = req.get('authorization')?.startsWith('Bearer ') && cookieless;
  const apiWithoutCookie = cookieless && normalizedPath(req.originalUrl).startsWith('/api/v1/');
  // RFC 8058: a mail client unsubscribes with a cookieless POST from its own servers, with no
  // Origin to check; the token in the URL is the only credential, nothing rides on a session.
  const oneClickUnsubscribe = cookieless && /^\/alerts\/unsubscribe\/[A-Za-z0-9_-]+$/.test(normalizedPath(req.originalUrl));
  if (
    bearerOnly ||
    apiWithoutCookie ||
    oneClickUnsubscribe ||
    comesFromSameOrigin({
      method: req.method,
      expectedOrigin: expectedOrigin(req),
      origin: req.get('origin') ?? null,
      referer: req.get('referer') ?? null,
      secFetchSite: req.get('sec-fetch-site') ?? null,
    })
  ) {
    return next();
  }
  res.status(403).type('text/plain').send('This form was sent from another site, so it was refused. Go back to the portal and try again.');
}

/** Names Express's `trust proxy` knows, besides addresses and subnets. */
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isAddressOrSubnet(entry: string) {
  if (PROXY_NAMES.has(entry) || net.isIP(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const version = net.isIP(address);
  if (!version || bits === undefined || rest.length) return false;
  if (/^\d{1,3}$/.test(bits)) return Number(bits) <= (version === 4 ? 32 : 128);
  return version === 4 && net.isIP(bits) === 4; // a netmask: 10.0.0.0/255.0.0.0
}

/**
 * TRUST_PROXY as Express's `trust proxy` setting: `true`/`false`, a number of proxies in front
 * (hops), or a comma-separated list of addresses, subnets and loopback/linklocal/uniquelocal.
 * Given as a string, Express would read "1" as the address 0.0.0.1 and trust nothing that
 * ever connects, silently; anything that is none of these stops the start instead.
 */
export function trustProxySetting(value: string | undefined): boolean | number | string[] | undefined {
  const text = value?.trim() ?? '';
  if (!text) return undefined;
  if (/^true$/i.test(text)) return true;
  if (/^false$/i.test(text)) return false;
  if (/^\d+$/.test(text)) return Number(text);
  const entries = text.split(',').map((entry) => entry.trim().toLowerCase());
  const wrong = entries.filter((entry) => !isAddressOrSubnet(entry));
  if (wrong.length) {
    throw new Error(
      `TRUST_PROXY=${value} is not understood (${wrong.map((entry) => `"${entry}"`).join(', ')}): give a number of proxies, true or false, ` +
        'or a comma-separated list of addresses, subnets (10.0.0.0/8) and loopback, linklocal or uniquelocal.',
    );
  }
  return entries;
}
