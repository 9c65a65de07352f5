/**
 * GET /filings/:id/attachments/:attachmentId: the stored file, for those who may see the
 * agency's filings (its filers and heads, the reviewers of its place, operators). Always a
 * download under its own name, with the type decided from its content when it was attached.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireActor } from '~/auth/access.server';
import { prisma } from '~/db/prisma.server';
import { contentDisposition } from '~/reporting/attachment-types';
import { attachmentFilingAs, readAttachment } from '~/reporting/attachments.server';
import { parseId } from '~/utils/route-params';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const db = prisma();
  const filing = await attachmentFilingAs(db, actor, params.id, 'read');
  const id = parseId(params.attachmentId);
  // Looked up within this filing only: another filing's attachment is not served through this URL.
  const attachment = id === null ? null : await readAttachment(db, filing.id, id);
  if (!attachment) throw new Response('Not found', { status: 404 });
  return new Response(attachment.bytes, {
    headers: {
      'Content-Type': attachment.mediaType.startsWith('text/') ? `${attachment.mediaType}; charset=utf-8` : attachment.mediaType,
      'Content-Length': String(attachment.bytes.length),
      'Content-Disposition': contentDisposition(attachment.fileName),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      // Should a browser render it anyway, it runs nothing and reaches nothing.
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  });
}
