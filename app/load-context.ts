/** What the Express server passes to every loader and action (see server/index.ts). */
export interface PortalLoadContext {
  /** Nonce of this response's Content-Security-Policy. */
  cspNonce: string;
  /** The client's address (Express req.ip, honouring TRUST_PROXY). */
  clientIp: string | null;
  /** The public data version, when the server already read it for a public page's ETag. */
  publicDataVersion?: string | null;
  /** Set by handleError (entry.server.tsx) when the database was away: the server answers 503. */
  databaseUnavailable?: boolean;
}

declare module '@remix-run/node' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends PortalLoadContext {}
}
