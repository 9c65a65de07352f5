import { Writable } from 'node:stream';
import type { AppLoadContext, EntryContext } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { renderToPipeableStream } from 'react-dom/server';
import { varyOnLanguage } from '~/i18n/locale.server';
import { NonceContext } from '~/utils/nonce';
import { withoutNulBytes } from '~/utils/nul-bytes';

export const streamTimeout = 5_000;

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
