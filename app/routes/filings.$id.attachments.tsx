/**
 * POST /filings/:id/attachments: upload (intent=upload, multipart) or remove (intent=remove)
 * an attachment of the filing's draft, for the agency's filers and heads. Always answers with
 * a redirect back to the filing page, whose loader shows what happened (see attachmentsSection),
 * so the form works the same with or without JavaScript. The filing page itself no longer posts
 * here: its Attach and Remove buttons post the whole report form to /filings/:id, which saves the
 * typed figures first (filing-form.server.ts). This route stays for a client that sends a file alone.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { requireActor } from '~/auth/access.server';
import { prisma } from '~/db/prisma.server';
import { problemToQuery } from '~/reporting/attachment-types';
import { addAttachment, attachmentFilingAs, maxAttachmentBytes, readAttachmentPost, removeAttachment } from '~/reporting/attachments.server';
import { badRequest } from '~/utils/forms.server';
import { idParam } from '~/utils/route-params';

/** Nothing to show here: the attachments are on the filing page. */
export async function loader({ params }: LoaderFunctionArgs) {
  throw redirect(`/filings/${idParam(params.id)}#attachments`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const db = prisma();
  // Checked before the body is read: nobody else's upload is even parsed.
  const filing = await attachmentFilingAs(db, actor, params.id, 'draft');
  const back = (query: Record<string, string> | URLSearchParams) => redirect(`/filings/${filing.id}?${new URLSearchParams(query)}#attachments`);

  const maxBytes = maxAttachmentBytes();
  const post = await readAttachmentPost(request, maxBytes);
  if (post.intent === 'invalid') throw badRequest(post.message);
  if (post.intent === 'refused') throw back(problemToQuery(post.problem));
  if (post.intent === 'upload') {
    const added = await addAttachment(db, { filingId: filing.id, fileName: post.fileName, bytes: post.bytes, uploadedById: actor.userId, maxBytes });
    throw back(added.ok ? { attached: String(added.id) } : problemToQuery(added.problem));
  }
  const removed = await removeAttachment(db, { filingId: filing.id, attachmentId: post.attachmentId });
  if (!removed) throw new Response('Not found', { status: 404 });
  throw back(removed.ok ? { removed: '1' } : problemToQuery(removed.problem));
}
