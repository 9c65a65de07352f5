import type { MetaFunction } from '@remix-run/node';
import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react';
import { isMessageKey } from '~/i18n/i18n';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';

/** The heading and text keys for an error (and its status): the page and its <title> agree. */
function errorMessages(error: unknown) {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  // A 400 says what was wrong when the route gave a message key (badRequest, utils/forms.server.ts).
  const message: unknown = status === 400 && isRouteErrorResponse(error) ? (error.data as { message?: unknown } | null)?.message : undefined;
  const [title, text] =
    status === 404
      ? (['error.notFound', 'error.notFoundText'] as const)
      : status === 403
        ? (['error.forbidden', 'error.forbiddenText'] as const)
        : status === 400 && isMessageKey(message)
          ? (['error.badRequest', message] as const)
          : (['error.generic', 'error.genericText'] as const);
  return { status, title, text };
}

/**
 * The <title> of an error page, in the reader's language ("Page not found · Oversight Portal"),
 * for routes whose meta has nothing else to say when their loader failed; none without an error.
 */
export const errorPageMeta: MetaFunction = ({ error, matches }) => {
  if (!error) return [];
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t(errorMessages(error).title)) }];
};

/**
 * A page route's meta that gives way to the error page's title when the route's loader failed:
 * a 403 on a report reads "Not allowed · …", not the report's own title.
 */
export function pageMeta<Loader = unknown>(meta: MetaFunction<Loader>): MetaFunction<Loader> {
  return (args) => (args.error ? errorPageMeta(args as Parameters<MetaFunction>[0]) : meta(args));
}

/**
 * What a reader sees when a page cannot be shown: not found, not allowed, a request that cannot
 * be read (with what was wrong), or a fault, in their language. Every page route exports it as its ErrorBoundary, so the site's header, language
 * switch and navigation stay around it; the root uses it as the last resort.
 */
export function ErrorPage() {
  const error = useRouteError();
  const { t } = useT();
  const { status, title, text } = errorMessages(error);
  if (status >= 500) console.error(error);
  return (
    <>
      <h1>{t(title)}</h1>
      <p>{t(text)}</p>
      <p>
        <Link to="/">{t('nav.home')}</Link>
      </p>
    </>
  );
}
