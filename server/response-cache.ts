/**
 * Whole public responses kept in this instance's memory, beside the page data cache
 * (app/dashboards/page-cache.server.ts): when a spike comes, a page nobody changed is sent
 * again without running its loaders or rendering it, already compressed.
 *
 * What is kept: a 200 answer to an anonymous GET of a versioned public path (public-pages.ts
 * decides, and gave it its ETag), without Set-Cookie, up to MAX_BODY_BYTES. Its key is the URL
 * and the reader's language; it is used only while the public data version and the build it
 * was made under (both in the ETag) are current. The first request that sees a new version
 * drops every entry, so a filing, review or import committed on any instance retires them all.
 *
 * The page's CSP nonce is kept with it: every reader of one entry gets the same nonce, as they
 * would from a CDN's copy. That is safe because the nonce is drawn after everything the page
 * shows was fixed (the data of that version, the URL): nobody can put a script into a page
 * knowing the nonce it will carry.
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Request as ExpressRequest, Response as ExpressResponse } from 'express';

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_TOTAL_BYTES = 48 * 1024 * 1024;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

// Headers that belong to one connection or one encoding, never kept.
const NOT_KEPT = new Set(['content-length', 'content-encoding', 'transfer-encoding', 'connection', 'date', 'keep-alive', 'set-cookie', 'vary']);

interface Entry {
  etag: string;
  headers: [string, string | number | string[]][];
  vary: string;
  identity: Buffer;
  br: Buffer;
  gzip: Buffer;
  bytes: number;
}

export class ResponseCache {
  private entries = new Map<string, Entry>();
  /** Pages being rendered to be kept: requests for the same page wait for that one copy. */
  private pending = new Map<string, { etag: string; done: Promise<Entry | null> }>();
  private version: string | null = null;
  private totalBytes = 0;

  constructor(private readonly limits = { maxBodyBytes: MAX_BODY_BYTES, maxTotalBytes: MAX_TOTAL_BYTES }) {}

  get size() {
    return this.entries.size;
  }

  /**
   * Answers from the cache when it holds `key` under `etag` (true), else arranges for the
   * response about to be rendered to be kept (false: go on to render it). When the same page
   * is already being rendered, waits for that copy instead of rendering it again: a spike
   * right after a change renders each page once, not once per waiting reader.
   */
  async serveOrKeep(req: ExpressRequest, res: ExpressResponse, key: string, version: string, etag: string): Promise<boolean> {
    if (version !== this.version) {
      this.entries.clear();
      this.totalBytes = 0;
      this.version = version;
    }
    const entry = this.entries.get(key);
    if (entry?.etag === etag) {
      this.entries.delete(key); // re-inserted: the Map's order is the recency order
      this.entries.set(key, entry);
      send(req, res, entry);
      return true;
    }
    const pending = this.pending.get(key);
    if (pending?.etag === etag) {
      const made = await pending.done;
      if (made) {
        send(req, res, made);
        return true;
      }
      return false; // that answer was not one to keep (an error, a cookie): render this one
    }
    if (req.method === 'GET') this.keepWhenDone(res, key, version, etag);
    return false;
  }

  private keepWhenDone(res: ExpressResponse, key: string, version: string, etag: string) {
    let settle!: (entry: Entry | null) => void;
    const done = new Promise<Entry | null>((resolve) => (settle = resolve));
    this.pending.set(key, { etag, done });
    const finish = (entry: Entry | null) => {
      if (this.pending.get(key)?.done === done) this.pending.delete(key);
      settle(entry);
    };
    const chunks: Buffer[] = [];
    let length = 0;
    let tooBig = false;
    const collect = (chunk: unknown, encoding?: unknown) => {
      if (tooBig || chunk == null || typeof chunk === 'function') return;
      const buffer = Buffer.isBuffer(chunk)
        ? chunk
        : typeof chunk === 'string'
          ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
          : Buffer.from(chunk as Uint8Array);
      length += buffer.length;
      if (length > this.limits.maxBodyBytes) {
        tooBig = true;
        chunks.length = 0;
        finish(null); // a large download is not kept: whoever waits for it renders their own now
      } else chunks.push(buffer);
    };
    const write = res.write;
    const end = res.end;
    res.write = function (this: ExpressResponse, ...args: unknown[]) {
      collect(args[0], args[1]);
      return (write as (...a: unknown[]) => boolean).apply(this, args);
    } as typeof res.write;
    res.end = function (this: ExpressResponse, ...args: unknown[]) {
      collect(args[0], args[1]);
      return (end as (...a: unknown[]) => ExpressResponse).apply(this, args);
    } as typeof res.end;
    // 'close' also comes after 'finish'; alone, it means the reader left before the end.
    res.once('close', () => {
      if (!res.writableFinished) finish(null);
    });
    res.once('finish', () => {
      if (tooBig || res.statusCode !== 200 || res.getHeader('ETag') !== etag || res.hasHeader('Set-Cookie')) return finish(null);
      const identity = Buffer.concat(chunks);
      const headers = Object.entries(res.getHeaders())
        .filter(([name, value]) => value !== undefined && !NOT_KEPT.has(name))
        .map(([name, value]) => [name, value] as [string, string | number | string[]]);
      const vary = [String(res.getHeader('Vary') ?? ''), 'Accept-Encoding']
        .join(', ')
        .split(',')
        .map((part) => part.trim())
        .filter((part, index, all) => part && all.findIndex((other) => other.toLowerCase() === part.toLowerCase()) === index)
        .join(', ');
      // Compressed once, off the main thread, at a higher quality than per-request compression.
      Promise.all([
        brotli(identity, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 9, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: identity.length } }),
        gzip(identity, { level: 9 }),
      ])
        .then(([br, gz]) => finish(this.store(key, version, { etag, headers, vary, identity, br, gzip: gz, bytes: identity.length + br.length + gz.length })))
        .catch(() => finish(null)); // not kept; the next request renders again
    });
  }

  /** Keeps `entry` (or the copy of the same page already kept) and returns it. */
  private store(key: string, version: string, entry: Entry): Entry {
    if (version !== this.version) return entry; // made under a version already replaced: sent, not kept
    const old = this.entries.get(key);
    if (old?.etag === entry.etag) return old; // another request rendered the same page meanwhile: the first copy stays
    if (old) {
      this.totalBytes -= old.bytes;
      this.entries.delete(key);
    }
    this.entries.set(key, entry);
    this.totalBytes += entry.bytes;
    for (const [oldest, value] of this.entries) {
      if (this.totalBytes <= this.limits.maxTotalBytes) break;
      this.entries.delete(oldest);
      this.totalBytes -= value.bytes;
    }
    return entry;
  }
}

function send(req: ExpressRequest, res: ExpressResponse, entry: Entry) {
  for (const [name, value] of entry.headers) res.setHeader(name, value);
  res.setHeader('Vary', entry.vary);
  // Brotli first when both are accepted, as the compression middleware does; no Accept-Encoding
  // means identity (as that middleware reads it), not "anything".
  const accepts = (encoding: string) => req.acceptsEncodings(encoding) === encoding;
  const accepted = !req.headers['accept-encoding'] ? 'identity' : accepts('br') ? 'br' : accepts('gzip') ? 'gzip' : 'identity';
  const compressed = accepted === 'br' ? entry.br : accepted === 'gzip' ? entry.gzip : null;
  const body = compressed && compressed.length < entry.identity.length ? compressed : entry.identity;
  if (body === compressed) res.setHeader('Content-Encoding', accepted as string);
  res.setHeader('Content-Length', body.length);
  res.statusCode = 200;
  if (req.method === 'HEAD') res.end();
  else res.end(body);
}
