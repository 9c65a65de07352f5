/**
 * While the database is down, requests fail fast and say so: 503 with Retry-After, as JSON in
 * the API's error shape or a short page, instead of a 500 (or a request left hanging).
 *
 * The pool makes this quick (a connection that cannot be made fails within seconds, see
 * app/db/prisma.server.ts) and recovers by itself once the database is back. What is left is
 * the answer: errors from loaders and actions reach Remix's handleError (app/entry.server.tsx),
 * which marks the request's load context; the Remix handler here then answers 503 in place of
 * Remix's 500. Errors outside Remix reach the Express error handler.
 */
import { createRemixRequest, sendRemixResponse } from '@remix-run/express/dist/server.js';
import { createRequestHandler as createRemixHandler, type AppLoadContext, type ServerBuild } from '@remix-run/node';
import type { NextFunction, Request, Response } from 'express';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '~/db/unavailable.server';
import { bodyRefused } from './body-limits';
import { sendPlainAnswer } from './plain-answer';

export function sendDatabaseUnavailable(req: Request, res: Response) {
  sendPlainAnswer(req, res, {
    status: 503,
    apiMessage: `The database is not available right now; nothing was stored. Try again in ${DATABASE_RETRY_AFTER_SECONDS} seconds.`,
    title: 'error.unavailable',
    text: 'error.unavailableText',
    headers: { 'Retry-After': String(DATABASE_RETRY_AFTER_SECONDS) },
  });
}

/**
 * @remix-run/express's request handler, with two differences: a request whose loader or action
 * found the database away is answered 503 (above), and a request refused for its size
 * (body-limits.ts, already answered 413) gets nothing more.
 */
export function remixRequestHandler({
  build,
  mode,
  getLoadContext,
}: {
  build: ServerBuild;
  mode?: string;
  getLoadContext: (req: Request, res: Response) => AppLoadContext;
}) {
  const handle = createRemixHandler(build, mode);
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const context = getLoadContext(req, res);
      const response = await handle(createRemixRequest(req, res), context);
      if (res.headersSent && bodyRefused(res)) {
        await response.body?.cancel();
        return;
      }
      if (context.databaseUnavailable && response.status >= 500) {
        // Remix's client-side data requests (`.data`) keep Remix's body, which their reader
        // decodes into the error page; anything else gets the plain answer.
        if (req.path.endsWith('.data')) {
          response.headers.set('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
          await sendRemixResponse(res, new Response(response.body, { status: 503, headers: response.headers }));
        } else {
          await response.body?.cancel();
          sendDatabaseUnavailable(req, res);
        }
        return;
      }
      await sendRemixResponse(res, response);
    } catch (error) {
      next(error);
    }
  };
}

/** The last error handler: the database's absence as 503; a refused body's aftermath ignored. */
export function databaseErrorHandler(error: unknown, req: Request, res: Response, next: NextFunction) {
  if (bodyRefused(res)) {
    if (!res.headersSent) res.end();
    return;
  }
  if (isDatabaseUnavailable(error) && !res.headersSent) {
    sendDatabaseUnavailable(req, res);
    return;
  }
  next(error);
}
