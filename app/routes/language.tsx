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
import { formBody, parseWith } from '~/utils/forms.server';

const Choice = z.object({
  lang: z.enum(LOCALES).nullable().catch(null),
  // Only a path on this site: never an open redirect.
  returnTo: z.unknown().transform((value) => safeReturnPath(value)),
});

/** The switch's link (a query) or form (a post): `lang` and `returnTo`. */
function switchLanguage(request: Request, fields: URLSearchParams | FormData) {
  const parsed = parseWith(Choice, fields);
  // Only control characters make it fail: nothing to honour, so the home page as it was.
  const { lang, returnTo } = parsed.ok ? parsed.data : { lang: null, returnTo: '/' };
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  // An unknown language changes nothing: back to the page as it was.
  if (lang) headers.set('Set-Cookie', languageCookie(request, lang));
  return redirect(returnTo, { status: request.method === 'GET' ? 302 : 303, headers });
}

export function loader({ request }: LoaderFunctionArgs) {
  return switchLanguage(request, new URL(request.url).searchParams);
}

export async function action({ request }: ActionFunctionArgs) {
  return switchLanguage(request, await formBody(request));
}
