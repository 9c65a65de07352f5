/**
 * /calendar/<token>.ics: a person's private feed of due dates, for calendar apps. No session:
 * the token in the link is the credential, so any failure is the same 404 (no hint whether a
 * token existed). Never stored by shared caches: the link is personal.
 */
import type { LoaderFunctionArgs } from '@remix-run/node';
import { prisma } from '~/db/prisma.server';
import { requestLocale, requestTranslator } from '~/i18n/locale.server';
import { calendarFeedText } from '~/reporting/calendar-feeds.server';

const NOT_FOUND = () => new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'private, no-store' } });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const file = params.file ?? '';
  if (!file.endsWith('.ics')) throw NOT_FOUND();
  const t = requestTranslator(request);
  const text = await calendarFeedText(prisma(), request, {
    token: file.slice(0, -'.ics'.length),
    locale: requestLocale(request),
    calendarName: t('calendarFeed.name'),
    summary: (agency, period) => t('calendarFeed.summary', { agency, period }),
  });
  if (text === null) throw NOT_FOUND();
  return new Response(text, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="due-dates.ics"',
      'Cache-Control': 'private, no-cache',
      // The token is in the URL: do not pass it on to the filing pages' links as a referrer.
      'Referrer-Policy': 'no-referrer',
    },
  });
}
