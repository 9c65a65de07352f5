/**
 * /policies/:id: a county's or town's policy for the public, in the reader's language around
 * the body's English text: who adopted it and when, the vote, the full text, its versions, what
 * it requires of each agency, compliance so far (the public compliance record, as on the
 * county page), and the pre-approval applications filed under it. Plain HTML: no client app.
 */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { getActor } from '~/auth/session.server';
import { canAdoptPolicyFor } from '~/auth/permissions';
import { pageMeta } from '~/components/error-page';
import { PreapprovalApplications } from '~/components/preapproval-flags';
import { TableRegion } from '~/components/table-region';
import { prisma } from '~/db/prisma.server';
import { isMessageKey } from '~/i18n/i18n';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { agencyPath, placePath } from '~/paths';
import { publicPolicy } from '~/policies/pages.server';
import { buildResolution } from '~/policies/resolution';
import { ResolutionView } from '~/policies/resolution-view';
import { metricByKey } from '~/reporting/metrics';
import { idParam } from '~/utils/route-params';

export const handle = { hydrate: false };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const policy = await publicPolicy(prisma(), idParam(params.id));
  const actor = await getActor(request);
  return { policy, canAmend: Boolean(policy.answers) && canAdoptPolicyFor(actor, policy.place.id) };
}

export const meta: MetaFunction<typeof loader> = pageMeta(({ data, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, data ? data.policy.title : t('error.notFound')) }];
});

export default function PolicyPage() {
  const { policy, canAmend } = useLoaderData<typeof loader>();
  const { t, date, number } = useT();
  const doc = policy.answers ? buildResolution(policy.answers) : null;
  const latest = policy.versions.at(-1);
  return (
    <>
      <p>
        <Link to={placePath(policy.place)}>{t('policyPage.public.placeLink', { place: policy.place.name })}</Link>
      </p>
      <p className="muted">{t('policyPage.public.kicker', { place: policy.place.name })}</p>
      <h1>{policy.title}</h1>
      <dl className="facts">
        {policy.answers ? (
          <>
            <dt>{t('policyPage.public.adoptedBy')}</dt>
            <dd>{policy.answers.adoptingBody}</dd>
          </>
        ) : null}
        <dt>{t('policyPage.public.adoptedOn')}</dt>
        <dd>{date(policy.adoptedOn)}</dd>
        <dt>{t('policyPage.public.statute')}</dt>
        <dd>{policy.statute}</dd>
        <dt>{t('policyPage.public.vote')}</dt>
        <dd>
          {policy.vote
            ? policy.vote.abstaining !== null
              ? t('policyPage.public.voteAbstaining', { for: number(policy.vote.for), against: number(policy.vote.against), abstaining: number(policy.vote.abstaining) })
              : t('policyPage.public.voteValue', { for: number(policy.vote.for), against: number(policy.vote.against) })
            : t('policyPage.public.voteNotGiven')}
        </dd>
      </dl>
      {canAmend ? (
        <p>
          <Link to={`/review/policies/${policy.id}/amend`}>{t('policyPage.public.amend')}</Link>
        </p>
      ) : null}

      <Requirements policy={policy} />
      <PreapprovalApplications applications={policy.applications} />
      {policy.versions.length > 0 ? (
        <section aria-labelledby="versions">
          <h2 id="versions">{t('policyPage.public.versions')}</h2>
          <ul>
            {policy.versions.map((version) => (
              <li key={version.number}>
                <Link to={`/policies/${policy.id}/versions/${version.number}`}>{t('policyPage.public.version', { number: number(version.number) })}</Link>,{' '}
                {t('policyPage.public.versionAdopted', { date: date(version.adoptedOn) })}
                {version.number === latest?.number ? ` (${t('policyPage.public.current')})` : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="text">
        <h2 id="text">{t('policyPage.public.text')}</h2>
        {doc || policy.resolutionText ? <p className="muted">{t('policyPage.public.englishOnly')}</p> : <p>{t('policyPage.public.noText')}</p>}
        {latest ? (
          <ul className="downloads">
            {(['html', 'pdf', 'docx'] as const).map((format) => (
              <li key={format}>
                <a href={`/policies/${policy.id}/versions/${latest.number}/download/${format}`}>
                  {t(`policyPage.download.${format}`)}
                </a>
              </li>
            ))}
          </ul>
        ) : null}
        {doc ? (
          <ResolutionView document={doc} />
        ) : policy.resolutionText ? (
          <div lang="en" className="resolution">
            {policy.resolutionText.split(/\n{2,}/).map((paragraph, i) => (
              <p key={i}>{paragraph}</p>
            ))}
          </div>
        ) : null}
      </section>
    </>
  );
}

type LoadedPolicy = ReturnType<typeof useLoaderData<typeof loader>>['policy'];

/** What the policy requires of each agency, and each requirement's compliance so far. */
function Requirements({ policy }: { policy: LoadedPolicy }) {
  const { t, date, number } = useT();
  const metricLabel = (key: string) => {
    const messageKey = `metric.${key}.label`;
    return isMessageKey(messageKey) ? t(messageKey) : (metricByKey(key)?.label ?? key);
  };
  return (
    <>
      <section aria-labelledby="requires">
        <h2 id="requires">{t('policyPage.public.requires')}</h2>
        {policy.requirements.length === 0 ? <p>{t('policyPage.public.noRequirements')}</p> : null}
        {policy.requirements.map((requirement) => (
          <div key={requirement.id}>
            <h3>
              <Link to={agencyPath(requirement.agency)}>{requirement.agency.name}</Link>
            </h3>
            <dl className="facts">
              <dt>{t('policyPage.public.col.frequency')}</dt>
              <dd>{t(`frequency.${requirement.frequency}`)}</dd>
              <dt>{t('policyPage.public.col.dueDays')}</dt>
              <dd>{t('policyPage.public.dueDays', { count: requirement.dueDaysAfterEnd })}</dd>
              <dt>{t('policyPage.public.col.from')}</dt>
              <dd>{date(requirement.effectiveFrom)}</dd>
            </dl>
            <details>
              <summary>
                {t('policyPage.public.col.metrics')} ({number(requirement.metricKeys.length)})
              </summary>
              <ul>
                {requirement.metricKeys.map((key) => (
                  <li key={key}>{metricLabel(key)}</li>
                ))}
              </ul>
            </details>
          </div>
        ))}
      </section>

      {policy.requirements.length > 0 ? (
        <section aria-labelledby="compliance">
          <h2 id="compliance">{t('policyPage.public.compliance')}</h2>
          <TableRegion labelledBy="compliance">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('policyPage.public.col.agency')}</th>
                  <th scope="col">{t('policyPage.public.col.due')}</th>
                  <th scope="col">{t('policyPage.public.col.onTime')}</th>
                  <th scope="col">{t('policyPage.public.col.late')}</th>
                  <th scope="col">{t('policyPage.public.col.missing')}</th>
                </tr>
              </thead>
              <tbody>
                {policy.requirements.map((requirement) => (
                  <tr key={requirement.id}>
                    <th scope="row">{requirement.agency.name}</th>
                    <td>{number(requirement.compliance.due)}</td>
                    <td>{number(requirement.compliance.onTime)}</td>
                    <td>{number(requirement.compliance.late)}</td>
                    <td>{number(requirement.compliance.missing)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        </section>
      ) : null}

    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
