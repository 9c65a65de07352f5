/** /preapproval/applications/12/feed: each stage of one pre-approval application, as Atom entries. */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { prisma } from '~/db/prisma.server';
import { translator } from '~/i18n/i18n';
import { requestLocale } from '~/i18n/locale.server';
import { publicDataResponse } from '~/open-data/http.server';
import { applicationFeedXml } from '~/preapproval/applications.server';
import { idParam } from '~/utils/route-params';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = requestLocale(request);
  const xml = await applicationFeedXml(prisma(), idParam(params.id), { origin: new URL(request.url).origin, t: translator(locale), lang: locale });
  if (xml === null) return new Response('No such feed.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return publicDataResponse(request, xml, { 'Content-Type': 'application/atom+xml; charset=utf-8', Vary: 'Accept-Language, Cookie' });
}
