/**
 * /review/policies/:id/amend: amend an adopted model policy, its questions prefilled from the
 * latest version's answers (the adoption date and vote left for the amendment's). Reviewers of
 * its place or an operator. `intent=adopt` adopts the amendment (version n+1 of the text and of
 * every requirement's rules) and goes to the public page.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { forbidden, requireActor } from '~/auth/access.server';
import { canAdoptPolicyFor } from '~/auth/permissions';
import { pageMeta } from '~/components/error-page';
import { prisma } from '~/db/prisma.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { amendModelPolicy } from '~/policies/adoption.server';
import type { ModelPolicyAnswers } from '~/policies/answers';
import { AnswersForm } from '~/components/model-policy-form';
import { amendmentFields, answersAction } from '~/policies/pages.server';
import { templateById, type TemplateId } from '~/policies/templates';
import { idParam } from '~/utils/route-params';

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('policyPage.public.amend')) }];
});

async function latestVersion(request: Request, rawId: string | undefined) {
  const actor = await requireActor(request);
  const policy = await prisma().policy.findUnique({
    where: { id: idParam(rawId) },
    select: { id: true, title: true, jurisdictionId: true, versions: { orderBy: { number: 'desc' }, take: 1, select: { number: true, templateId: true, answers: true } } },
  });
  if (!policy) throw new Response('Not found', { status: 404 });
  if (!canAdoptPolicyFor(actor, policy.jurisdictionId)) forbidden();
  const latest = policy.versions[0];
  if (!latest) throw new Response('Not found', { status: 404 });
  return { actor, policy, number: latest.number, templateId: latest.templateId as TemplateId, answers: latest.answers as unknown as ModelPolicyAnswers };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { policy, number, templateId, answers } = await latestVersion(request, params.id);
  const fields = amendmentFields(answers);
  return { policy: { id: policy.id, title: policy.title }, number, templateId, fields };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { actor, policy, templateId } = await latestVersion(request, params.id);
  return answersAction(request, templateId, async (answers, acknowledged) => {
    await amendModelPolicy(prisma(), actor, { policyId: policy.id, answers, acknowledged });
    return policy.id;
  });
}

export default function AmendModelPolicy() {
  const { policy, number, templateId, fields } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useT();
  return (
    <>
      <p>
        <Link to={`/policies/${policy.id}`}>{t('policyPage.version.back')}</Link>
      </p>
      <h1>{t('policyPage.amend.title', { title: policy.title })}</h1>
      <p className="lead">{t('policyPage.amend.intro', { number, next: number + 1 })}</p>
      <AnswersForm
        key={result ? 'posted' : 'fresh'}
        templateId={templateId}
        fields={result?.fields ?? fields}
        errors={result?.errors ?? {}}
        warnings={result?.warnings ?? []}
        preview={result?.preview ?? null}
        preapproval={templateById(templateId).preapproval}
        submitLabel={t('policyPage.amendButton')}
        result={result ?? null}
      />
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
