/**
 * Security headers and the same-origin check for state-changing requests, for every response.
 */
import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { comesFromSameOrigin } from '~/auth/same-origin';

export function securityHeaders(req: Request, res: Response, next: NextFunction) {
  const nonce = crypto.randomBytes(16).toString('base64');
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
  next();
}

/** The origin the portal is served at: PUBLIC_URL when set, else what the request says. */
export function expectedOrigin(req: Request): string {
  if (process.env.PUBLIC_URL) return new URL(process.env.PUBLIC_URL).origin;
  return `${req.protocol}://${req.get('host')}`;
}

/** Refuses cookie-carrying state-changing requests that do not come from the portal's own pages. */
export function sameOriginOnly(req: Request, res: Response, next: NextFunction) {
  // Machine clients authenticate with a bearer token and carry no session cookie.
  const bearerOnly = req.get('authorization')?.startsWith('Bearer ') && !req.get('cookie');
  if (
    bearerOnly ||
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
