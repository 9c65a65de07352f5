/**
 * GET /data/ice-lists/:id: one archived ICE list, byte for byte as fetched, for anyone. The ETag
 * is the file's SHA-256 (the archive's fingerprint), and the bytes under an id never change.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { prisma } from '~/db/prisma.server';
import { matchesEtag } from '~/open-data/http.server';
import { iceListDownload } from '~/registry/ice-archive.server';
import { contentDisposition } from '~/reporting/attachment-types';
import { parseWith } from '~/utils/forms.server';

const Params = z.object({ id: z.coerce.number().int().positive().max(2 ** 31 - 1) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const parsed = parseWith(Params, params);
  const file = parsed.ok ? await iceListDownload(prisma(), parsed.data.id) : null;
  if (!file) throw new Response('Not found', { status: 404 });
  const etag = `"${file.sha256}"`;
  const headers = new Headers({
    ETag: etag,
    'Cache-Control': 'public, max-age=31536000, immutable',
    'Access-Control-Allow-Origin': '*',
    'X-Content-Type-Options': 'nosniff',
    // A web page served in place of a list is kept too: should a browser render it, it runs nothing.
    'Content-Security-Policy': "default-src 'none'; sandbox",
  });
  if (matchesEtag(request.headers.get('If-None-Match'), etag)) return new Response(null, { status: 304, headers });
  headers.set('Content-Type', file.contentType);
  headers.set('Content-Length', String(file.bytes.length));
  headers.set('Content-Disposition', contentDisposition(file.fileName));
  return new Response(file.bytes, { headers });
}
