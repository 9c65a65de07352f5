import type { MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { prisma } from '~/db/prisma.server';
import { useT } from '~/i18n/use-t';
import { verifyAuditLog } from '~/reporting/audit-log.server';

export const meta: MetaFunction = () => [{ title: 'Audit log check · Oversight Portal' }];

export async function loader() {
  return { verdict: await verifyAuditLog(prisma()) };
}

export default function AuditCheck() {
  const { verdict } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <h1>{t('audit.title')}</h1>
      <p>{t('audit.intro')}</p>
      {verdict.valid ? (
        <p className="answer answer-no" role="status">
          {t('audit.valid', { count: verdict.count })}
        </p>
      ) : (
        <p className="answer answer-yes" role="alert">
          {t('audit.broken', { seq: verdict.firstBad.seq, count: verdict.count })}
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
