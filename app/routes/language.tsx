/**
 * The language switch: remembers the visitor's choice in a cookie and sends them back to the
 * page they were on. GET for the header's links (no JavaScript needed), POST for a form.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { z } from 'zod';
import { LOCALES } from '~/i18n/i18n';
import { languageCookie } from '~/i18n/locale.server';
import { safeReturnPath } from '~/i18n/negotiate';

const Choice = z.object({
  lang: z.enum(LOCALES).nullable().catch(null),
  // Only a path on this site: never an open redirect.
  returnTo: z.unknown().transform((value) => safeReturnPath(value)),
});

function switchLanguage(request: Request, fields: { lang: unknown; returnTo: unknown }) {
  const { lang, returnTo } = Choice.parse(fields);
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  // An unknown language changes nothing: back to the page as it was.
  if (lang) headers.set('Set-Cookie', languageCookie(request, lang));
  return redirect(returnTo, { status: request.method === 'GET' ? 302 : 303, headers });
}

export function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  return switchLanguage(request, { lang: params.get('lang'), returnTo: params.get('returnTo') });
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  return switchLanguage(request, { lang: form.get('lang'), returnTo: form.get('returnTo') });
}
