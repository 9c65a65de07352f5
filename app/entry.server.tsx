import { Writable } from 'node:stream';
import type { AppLoadContext, EntryContext, HandleErrorFunction } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { renderToPipeableStream } from 'react-dom/server';
import { isDatabaseUnavailable } from '~/db/unavailable.server';
import { varyOnLanguage } from '~/i18n/locale.server';
import { NonceContext } from '~/utils/nonce';
import { withoutNulBytes } from '~/utils/nul-bytes';

export const streamTimeout = 5_000;

let unavailableLoggedAt = 0;

/**
 * Errors of loaders and actions. The database being away is expected to pass: the request is
 * marked so the server answers 503 with Retry-After (server/database-errors.ts), and it is
 * logged once a minute, not once per request. A body cut off at its size limit was already
 * answered 413 (server/body-limits.ts). Otherwise as Remix does by default.
 */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (isDatabaseUnavailable(error)) {
    context.databaseUnavailable = true;
    if (Date.now() - unavailableLoggedAt > 60_000) {
      unavailableLoggedAt = Date.now();
      console.error(`The database is not available; requests are answered 503 until it is: ${error instanceof Error ? error.message.trim().split('\n').at(-1) : String(error)}`);
    }
    return;
  }
  if (request.signal.aborted || (error instanceof Error && error.name === 'BodyTooLargeError')) return;
  console.error(error);
};

/** Client-side navigation data carries the root loader's language too. */
export function handleDataRequest(response: Response) {
  varyOnLanguage(response.headers);
  return response;
}

/**
 * The whole document in one body. No page waits on deferred data (nothing uses `defer` or
 * Suspense; only Remix's own loader-data scripts stream), so sending the page in chunks as
 * React renders them gains nothing and costs a socket write and a web-stream read per chunk.
 * Crawlers and browsers without JavaScript get the whole page, as they need to.
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce ?? '';
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const chunks: Buffer[] = [];
    const sink = new Writable({
      // No 'close' once finished: React's pipe would answer it by ending the sink a second time,
      // which builds (and drops) an error with its stack trace on every page.
      emitClose: false,
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
      final(done) {
        clearTimeout(timeout);
        // react-dom 18.3's stream renderer writes NUL bytes where a multi-byte character meets
        // the edge of its 2 KB buffer; HTML never contains NUL, so dropping them repairs the page.
        const body = withoutNulBytes(Buffer.concat(chunks)) as Uint8Array<ArrayBuffer>; // Buffer.concat's memory is an ArrayBuffer
        responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
        // Known length: no chunked encoding, so no separate write for its last chunk.
        responseHeaders.set('Content-Length', String(body.byteLength));
        varyOnLanguage(responseHeaders); // the language follows Accept-Language and the switch's cookie
        resolve(new Response(body, { headers: responseHeaders, status: responseStatusCode }));
        done();
      },
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          pipe(sink);
        },
        onShellError(error: unknown) {
          clearTimeout(timeout);
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error); // before the shell, Remix reports it with the error page
        },
      },
    );
    const timeout = setTimeout(abort, streamTimeout + 1000);
  });
}
