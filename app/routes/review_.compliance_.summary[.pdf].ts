import type { LoaderFunctionArgs } from '@remix-run/node';
import { requireAccess } from '~/auth/access.server';
import { isOperator, reviewedJurisdictionIds } from '~/auth/permissions';
import { prisma } from '~/db/prisma.server';
import { translator } from '~/i18n/i18n';
import { requestLocale } from '~/i18n/locale.server';
import { renderMeetingSummaryPdf } from '~/reporting/meeting-summary-pdf.server';
import { loadMeetingSummary } from '~/reporting/meeting-summary.server';

/** GET /review/compliance/summary.pdf?place=&period=: the meeting summary as a PDF (private: no shared cache keeps it). */
export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireAccess(request, (person) => isOperator(person) || reviewedJurisdictionIds(person).length > 0);
  const url = new URL(request.url);
  const locale = requestLocale(request);
  const result = await loadMeetingSummary(prisma(), actor, url.searchParams.get('place'), url.searchParams.get('period'));
  if (!result.ok) {
    return new Response(translator(locale)(result.message), { status: result.status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
  }
  const body = await renderMeetingSummaryPdf(result.summary, locale);
  const fileName = `${translator(locale)('meetingSummary.fileName')}-${result.summary.place.id}-${result.summary.period.key}.pdf`;
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': 'application/pdf',
      'content-disposition': `inline; filename="${fileName}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      vary: 'Cookie, Accept-Language',
    },
  });
}
