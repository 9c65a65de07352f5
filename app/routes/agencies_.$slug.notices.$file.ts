/**
 * GET /agencies/:slug/notices/:id.pdf: a notice of non-compliance as it was made (issue 15,
 * point 3). Public, like the agency's reporting record that lists it; the bytes never change
 * (a trigger keeps the letter), so caches may keep it. 404 for a notice of another agency.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { prisma } from '~/db/prisma.server';
import { readNoticePdf } from '~/reporting/notices.server';
import { parseId, parseSlug } from '~/utils/route-params';

const NOT_FOUND = () => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });

export async function loader({ params }: LoaderFunctionArgs) {
  const slug = parseSlug(params.slug);
  const match = /^(\d{1,10})\.pdf$/.exec(params.file ?? '');
  const id = match ? parseId(match[1]) : null;
  const notice = slug && id !== null ? await readNoticePdf(prisma(), slug, id) : null;
  if (!notice) throw NOT_FOUND();
  return new Response(new Uint8Array(notice.pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(notice.pdf.length),
      'Content-Disposition': `inline; filename="notice-${slug}-${notice.id}.pdf"`,
      'Cache-Control': 'public, max-age=3600',
      ETag: `"${notice.sha256}"`,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
