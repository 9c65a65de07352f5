/** Page weight, compression and conditional requests, measured with plain fetch. */
import zlib from 'node:zlib';

export interface PageSize {
  page: string;
  url: string;
  status: number;
  htmlBytes: number;
  /** The HTML gzipped here (level 6), whatever the server does. */
  htmlGzipBytes: number;
  jsFiles: number;
  jsBytes: number;
  jsGzipBytes: number;
  cssBytes: number;
  cssGzipBytes: number;
  /** Content-Encoding the server answered with to Accept-Encoding: gzip, br ('' = none). */
  contentEncoding: string;
  /** Bytes on the wire for the HTML with Accept-Encoding: gzip, br. */
  htmlTransferBytes: number;
  /** Content-Encoding of the largest JS file with Accept-Encoding: gzip, br. */
  jsContentEncoding: string;
}

export interface ConditionalCheck {
  page: string;
  etag: string | null;
  lastModified: string | null;
  cacheControl: string | null;
  /** Status of the repeated request with If-None-Match (null: no ETag to send). */
  conditionalStatus: number | null;
}

const gzipLength = (bytes: Buffer) => zlib.gzipSync(bytes).length;

/** Raw bytes as sent, with the given Accept-Encoding (undici would decode a compressed body). */
async function rawGet(url: string, acceptEncoding: string | null): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const http = await import('node:http');
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const headers = new Headers();
        for (const [key, value] of Object.entries(response.headers)) if (typeof value === 'string') headers.set(key, value);
        resolve({ status: response.statusCode ?? 0, bytes: Buffer.concat(chunks), headers });
      });
      response.on('error', reject);
    });
    request.on('error', reject);
    request.setTimeout(60_000, () => request.destroy(new Error('timeout')));
  });
}

/**
 * The /build/… JavaScript and CSS a page's HTML names: script src (the client app's entry, or a
 * chart page's `<script type="module" src="/build/charts/…">`), modulepreload links and the
 * inline module imports. pageSize adds what those files import statically.
 */
export function assetUrls(html: string): { js: string[]; css: string[] } {
  const js = new Set<string>();
  const css = new Set<string>();
  for (const match of html.matchAll(/["'](\/build\/[^"'?#]+\.js)["']/g)) js.add(match[1]);
  for (const match of html.matchAll(/["'](\/build\/[^"'?#]+\.css)["']/g)) css.add(match[1]);
  return { js: [...js].sort(), css: [...css].sort() };
}

export async function pageSize(origin: string, page: string, path: string): Promise<PageSize> {
  const url = `${origin}${path}`;
  const plain = await rawGet(url, null);
  const compressed = await rawGet(url, 'gzip, br');
  const { js, css } = assetUrls(plain.bytes.toString('utf8'));
  let jsBytes = 0;
  let jsGzipBytes = 0;
  let largest = { size: 0, path: '' };
  // Each file once; a chunk that a script imports without a modulepreload is still downloaded.
  const scripts = new Set(js);
  for (const asset of scripts) {
    const { bytes } = await rawGet(`${origin}${asset}`, null);
    jsBytes += bytes.length;
    jsGzipBytes += gzipLength(bytes);
    if (bytes.length > largest.size) largest = { size: bytes.length, path: asset };
    for (const match of bytes.toString('utf8').matchAll(/(?:from|import)\s*["'](\/build\/[^"'?#]+\.js)["']/g)) scripts.add(match[1]);
  }
  let cssBytes = 0;
  let cssGzipBytes = 0;
  for (const asset of css) {
    const { bytes } = await rawGet(`${origin}${asset}`, null);
    cssBytes += bytes.length;
    cssGzipBytes += gzipLength(bytes);
  }
  const jsEncoding = largest.path ? (await rawGet(`${origin}${largest.path}`, 'gzip, br')).headers.get('content-encoding') ?? '' : '';
  return {
    page,
    url: path,
    status: plain.status,
    htmlBytes: plain.bytes.length,
    htmlGzipBytes: gzipLength(plain.bytes),
    jsFiles: scripts.size,
    jsBytes,
    jsGzipBytes,
    cssBytes,
    cssGzipBytes,
    contentEncoding: compressed.headers.get('content-encoding') ?? '',
    htmlTransferBytes: compressed.bytes.length,
    jsContentEncoding: jsEncoding,
  };
}

export async function conditionalCheck(origin: string, page: string, path: string): Promise<ConditionalCheck> {
  const first = await fetch(`${origin}${path}`);
  await first.arrayBuffer();
  const etag = first.headers.get('etag');
  let conditionalStatus: number | null = null;
  if (etag) {
    const second = await fetch(`${origin}${path}`, { headers: { 'if-none-match': etag } });
    await second.arrayBuffer();
    conditionalStatus = second.status;
  }
  return { page, etag, lastModified: first.headers.get('last-modified'), cacheControl: first.headers.get('cache-control'), conditionalStatus };
}

/** Downloads a URL completely, timing it: seconds, bytes and lines. */
export async function download(url: string): Promise<{ status: number; seconds: number; bytes: number; lines: number; firstByteSeconds: number }> {
  const started = performance.now();
  const response = await fetch(url, { signal: AbortSignal.timeout(300_000) });
  const firstByteSeconds = (performance.now() - started) / 1000;
  let bytes = 0;
  let lines = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.length;
    for (const byte of chunk) if (byte === 10) lines++;
  }
  return { status: response.status, seconds: (performance.now() - started) / 1000, bytes, lines, firstByteSeconds };
}
