/**
 * Request body size limits, enforced as the body arrives, before any route reads it.
 *
 * A route that checks the size after `request.text()` or `formData()` has already held the
 * whole body in memory (a 300 MB chunked post grew the server by 640 MB before its 413). Here:
 * - a Content-Length over the limit is refused at once, nothing read;
 * - a body of unknown length (chunked) is counted as it is read; once past the limit the reader
 *   gets no more of it but an error, the client gets 413, and the connection is closed.
 *
 * Counting happens on the request's 'data' events, which is how Remix's Express adapter reads
 * it (createReadableStreamFromReadable listens to 'data', with pause/resume for backpressure),
 * and how Node discards a body no route read. So Remix gets exactly the bytes the client sent,
 * until the limit; nothing is copied or buffered here.
 *
 * Limits (the routes keep their own, finer checks and messages; these only must not be lower):
 * the API 256 KB (docs/api.md); an upload route its file limit plus room for the multipart
 * framing and the form's other fields; any other form 1 MB (the largest real one, a policy or a
 * recorded agreement, is a few KB).
 */
import type { NextFunction, Request, Response } from 'express';
import { MAX_UPLOAD_BYTES } from '~/admin/imports.server';
import { parseMaxBytes } from '~/reporting/attachment-types';
import { MAX_CSV_BYTES } from '~/reporting/filings-csv';
import { isApiPath, sendPlainAnswer } from './plain-answer';

export const API_BODY_LIMIT = 256 * 1024;
export const FORM_BODY_LIMIT = 1024 * 1024;
/** Multipart framing and the upload forms' other fields (names, titles, a note). */
const MULTIPART_ROOM = 256 * 1024;
/** admin.agreements.tsx MAX_DOCUMENT_BYTES: the largest agreement document. */
const AGREEMENT_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** Upload routes (their multipart posts) and the largest file each takes. */
const UPLOADS: [RegExp, () => number][] = [
  [/^\/filings\/upload\/[^/]+$/, () => MAX_CSV_BYTES],
  [/^\/filings\/[^/]+\/attachments$/, () => parseMaxBytes(process.env.ATTACHMENT_MAX_BYTES)],
  // The report form itself: its Attach button posts the figures with the file (routes/filings.$id).
  [/^\/filings\/\d+$/, () => parseMaxBytes(process.env.ATTACHMENT_MAX_BYTES)],
  [/^\/admin\/imports$/, () => MAX_UPLOAD_BYTES],
  [/^\/admin\/agreements$/, () => AGREEMENT_DOCUMENT_BYTES],
  // A refusal to report with its letter (routes/review_.requirements.$id, intent=refuse).
  [/^\/review\/requirements\/\d+$/, () => parseMaxBytes(process.env.ATTACHMENT_MAX_BYTES)],
];

/** The most a request to `path` with this Content-Type may send, in bytes. */
export function bodyLimitFor(path: string, contentType: string | undefined): number {
  if (isApiPath(path)) return API_BODY_LIMIT;
  if (/^multipart\/form-data\b/i.test(contentType ?? '')) {
    // Remix's single-fetch form posts go to the page's path plus `.data`.
    const page = path.replace(/\.data$/, '').replace(/(.)\/$/, '$1');
    const upload = UPLOADS.find(([pattern]) => pattern.test(page));
    if (upload) return upload[1]() + MULTIPART_ROOM;
  }
  return FORM_BODY_LIMIT;
}

/** What a reader of a body cut short at the limit gets instead of the rest. */
export class BodyTooLargeError extends Error {
  override name = 'BodyTooLargeError';
  constructor(readonly limit: number) {
    super(`The request body is larger than ${limit} bytes.`);
  }
}

/** Did this response's request go over its limit (the answer was 413, whatever the route did)? */
export const bodyRefused = (res: Response) => res.locals.bodyRefused === true;

export function bodyLimits(limitFor: typeof bodyLimitFor = bodyLimitFor) {
  return (req: Request, res: Response, next: NextFunction) => {
    const chunked = req.headers['transfer-encoding'] !== undefined;
    const declared = req.headers['content-length'] === undefined ? null : Number(req.headers['content-length']);
    if (!chunked && !declared) return next(); // no body
    const limit = limitFor(req.path, req.headers['content-type']);
    if (declared !== null && declared > limit) {
      refuse(req, res, limit);
      return;
    }
    countAsRead(req, res, limit);
    next();
  };
}

function countAsRead(req: Request, res: Response, limit: number) {
  let received = 0;
  let over = false;
  const emit = req.emit;
  req.emit = function (this: Request, event: string | symbol, ...args: unknown[]) {
    if (event === 'data') {
      if (over) return false;
      received += (args[0] as Buffer).length;
      if (received > limit) {
        over = true;
        req.pause();
        refuse(req, res, limit);
        return false;
      }
    }
    return emit.call(this, event, ...args);
  } as typeof req.emit;
}

function refuse(req: Request, res: Response, limit: number) {
  res.locals.bodyRefused = true;
  // The reader (if any) fails rather than taking a cut body for the whole; ending the request
  // closes the connection, so the rest is never read. A listener, so that no reader is no crash.
  const error = new BodyTooLargeError(limit);
  req.on('error', () => {});
  const stop = () => req.destroy(error);
  if (res.headersSent) {
    stop(); // the route answered without reading it all: stop Node reading the rest
    return;
  }
  res.once('finish', stop);
  res.setHeader('Connection', 'close');
  const megabytes = Math.round((limit / (1024 * 1024)) * 100) / 100;
  sendPlainAnswer(req, res, {
    status: 413,
    apiMessage: `The body is larger than ${limit} bytes.`,
    title: 'error.tooLarge',
    text: 'error.tooLargeText',
    params: { megabytes },
  });
}
