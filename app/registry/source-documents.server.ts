/**
 * Source documents (signed MOAs uploaded by operators) served as they were recorded. They are
 * public records: anyone may download them, as the registry cites them.
 */
import type { Db } from '~/db/prisma.server';
import { matchesEtag } from '~/open-data/http.server';
import { parseId } from '~/utils/route-params';

export async function sourceDocumentResponse(db: Db, request: Request, rawId: string): Promise<Response> {
  const id = parseId(rawId);
  const document = id === null ? null : await db.sourceDocument.findFirst({ where: { id, sources: { some: {} } } });
  if (!document) return new Response('No source document with that address.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const etag = `"${document.sha256}"`;
  const headers = {
    ETag: etag,
    'Cache-Control': 'public, max-age=86400',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': "default-src 'none'; sandbox",
  };
  if (matchesEtag(request.headers.get('If-None-Match'), etag)) return new Response(null, { status: 304, headers });
  return new Response(document.bytes, {
    headers: {
      ...headers,
      'Content-Type': document.mediaType,
      'Content-Length': String(document.size),
      'Content-Disposition': `attachment; filename="${document.fileName.replace(/[^\w.-]/g, '_')}"`,
    },
  });
}
