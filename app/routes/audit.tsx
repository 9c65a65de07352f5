import type { MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { prisma } from '~/db/prisma.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { checkAuditLogSinceLastCheck } from '~/reporting/audit-log.server';
import { pageMeta } from '~/components/error-page';

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('audit.title')) }];
});

// Text and plain-HTML forms: nothing for JavaScript to do, so the page ships none (root.tsx).
export const handle = { hydrate: false };

// Only the entries since the last check are verified here: a visitor never makes the server
// walk the whole chain (the daily full check and npm run audit:verify do that).
export async function loader() {
  return { verdict: await checkAuditLogSinceLastCheck(prisma()) };
}

export default function AuditCheck() {
  const { verdict } = useLoaderData<typeof loader>();
  const { t, number } = useT();
  return (
    <>
      <h1>{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      {verdict.valid ? (
        <p className="answer answer-no" role="status">
          {t('audit.valid', { count: number(verdict.count) })}
        </p>
      ) : (
        <p className="answer answer-yes" role="alert">
          {t('audit.broken', { seq: number(verdict.firstBad.seq), count: number(verdict.count) })}
        </p>
      )}
      {verdict.valid && verdict.count > 0 ? (
        <p>
          {t('audit.head')} <code>{verdict.lastHash}</code>
        </p>
      ) : null}
      <p>
        <a href="/api/v1/audit-log">{t('audit.download')}</a>
      </p>
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
