/**
 * GET /agencies/:slug/refusals/:id/file: the letter or statement kept with a refusal to report
 * (issue 15, point 3). Public, like the refusal itself. Always a download under its own name,
 * with the type decided from its content when it was recorded. 404 for another agency's refusal
 * or one without a letter.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { prisma } from '~/db/prisma.server';
import { contentDisposition } from '~/reporting/attachment-types';
import { readRefusalLetter } from '~/reporting/refusals.server';
import { parseId, parseSlug } from '~/utils/route-params';

export async function loader({ params }: LoaderFunctionArgs) {
  const slug = parseSlug(params.slug);
  const id = parseId(params.id);
  const letter = slug && id !== null ? await readRefusalLetter(prisma(), slug, id) : null;
  if (!letter) throw new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(new Uint8Array(letter.bytes), {
    headers: {
      'Content-Type': letter.mediaType,
      'Content-Length': String(letter.bytes.length),
      'Content-Disposition': contentDisposition(letter.fileName),
      'X-Content-Type-Options': 'nosniff',
      // Append-only: the file behind this address never changes.
      'Cache-Control': 'public, max-age=3600',
      // Should a browser render it anyway, it runs nothing and reaches nothing.
      'Content-Security-Policy': "default-src 'none'; sandbox",
    },
  });
}
