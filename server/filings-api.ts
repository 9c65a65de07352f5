/**
 * POST /api/v1/filings straight from Express: an agency system's submissions are the portal's
 * busiest writes, and Remix's adapter made and copied a Fetch Request and Response around each
 * (about a fifth of the portal's CPU per submission). The answer is the route action's own
 * (answerFilingPost), so both give the same; other methods still reach the route. Body size
 * limits (body-limits.ts) and the security headers apply as to any request, before this.
 */
import type { NextFunction, Request, Response } from 'express';
import type { PrismaClient } from '~/db/prisma.server';
import { isDatabaseUnavailable } from '~/db/unavailable.server';
import { answerFilingPost } from '~/reporting/filings-api.server';

export const FILINGS_API_PATH = '/api/v1/filings';

export function filingsApiHandler(db: () => PrismaClient) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const answer = await answerFilingPost(db(), { headers: { get: (name) => req.get(name) ?? null }, text: () => bodyText(req) }, req.ip ?? null);
      if (res.headersSent) return; // over its size limit: body-limits.ts answered 413
      res.status(answer.status).set({ ...answer.headers, 'Content-Type': 'application/json' }).end(JSON.stringify(answer.body));
    } catch (error) {
      // The database away (503) and a body cut off at its limit: the error handlers' business.
      if (res.headersSent || isDatabaseUnavailable(error) || (error instanceof Error && error.name === 'BodyTooLargeError')) return next(error);
      console.error(error);
      res.status(500).set({ 'Cache-Control': 'no-store' }).json({ error: { status: 500, message: 'Something went wrong in the portal; the report may not have been stored. Try again later.' } });
    }
  };
}

/** The body as text, decoded as a Fetch Request's text() decodes it (UTF-8, a leading BOM dropped). */
function bodyText(req: Request): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(new TextDecoder().decode(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}
