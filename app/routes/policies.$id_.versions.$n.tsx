/** /policies/:id/versions/:n: one adopted version of a model policy's text, as the body adopted it. */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { pageMeta } from '~/components/error-page';
import { prisma } from '~/db/prisma.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { policyVersion } from '~/policies/pages.server';
import { buildResolution } from '~/policies/resolution';
import { ResolutionView } from '~/policies/resolution-view';
import { idParam } from '~/utils/route-params';

export const handle = { hydrate: false };

export async function loader({ params }: LoaderFunctionArgs) {
  const version = await policyVersion(prisma(), idParam(params.id), idParam(params.n));
  return { policy: version.policy, number: version.number, adoptedOn: version.adoptedOn, document: buildResolution(version.answers) };
}

export const meta: MetaFunction<typeof loader> = pageMeta(({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, data ? t('policyPage.version.title', { title: data.policy.title, number: data.number }) : t('error.notFound')) }];
});

export default function PolicyVersionPage() {
  const { policy, number: versionNumber, adoptedOn, document } = useLoaderData<typeof loader>();
  const { t, date, number } = useT();
  return (
    <>
      <p>
        <Link to={`/policies/${policy.id}`}>{t('policyPage.version.back')}</Link>
      </p>
      <h1>{t('policyPage.version.title', { title: policy.title, number: number(versionNumber) })}</h1>
      <p>{t('policyPage.public.versionAdopted', { date: date(adoptedOn) })}</p>
      <ul className="downloads">
        {(['html', 'pdf', 'docx'] as const).map((format) => (
          <li key={format}>
            <a href={`/policies/${policy.id}/versions/${versionNumber}/download/${format}`}>{t(`policyPage.download.${format}`)}</a>
          </li>
        ))}
      </ul>
      <p className="muted">{t('policyPage.public.englishOnly')}</p>
      <ResolutionView document={document} />
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
