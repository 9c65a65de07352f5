/**
 * /review/policies/adopt/:template?place=…: one page of a model policy's questions for a county
 * or town (its reviewers, or an operator for any place). `intent=preview` shows the resolution
 * and the lawfulness warnings; `intent=adopt` adopts (adoption.server.ts) and goes to the
 * public policy page. With warnings, the filer must tick the acknowledgement to adopt.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { requireActor } from '~/auth/access.server';
import { pageMeta } from '~/components/error-page';
import { prisma } from '~/db/prisma.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { adoptModelPolicy } from '~/policies/adoption.server';
import { AnswersForm } from '~/components/model-policy-form';
import { answersAction, placeForAdoption, startingFields } from '~/policies/pages.server';
import { isTemplateId, templateById, type TemplateId } from '~/policies/templates';
import { parseId } from '~/utils/route-params';

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('policyPage.templates.title')) }];
});

function templateParam(raw: string | undefined): TemplateId {
  if (!isTemplateId(raw)) throw new Response('Not found', { status: 404 });
  return raw;
}

async function place(request: Request, templateId: TemplateId) {
  const actor = await requireActor(request);
  const placeId = parseId(new URL(request.url).searchParams.get('place'));
  if (placeId === null) throw new Response('Not found', { status: 404 });
  return { actor, place: await placeForAdoption(prisma(), actor, templateId, placeId) };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const templateId = templateParam(params.template);
  const { place: found } = await place(request, templateId);
  return { templateId, place: { id: found.id, name: found.name }, fields: startingFields(templateId, found) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const templateId = templateParam(params.template);
  const { actor, place: found } = await place(request, templateId);
  return answersAction(request, templateId, async (answers, acknowledged) => {
    const { policy } = await adoptModelPolicy(prisma(), actor, { jurisdictionId: found.id, answers, acknowledged });
    return policy.id;
  });
}

export default function AdoptModelPolicy() {
  const { templateId, place, fields } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useT();
  return (
    <>
      <p>
        <Link to="/review/policies/templates">{t('policyPage.templates.title')}</Link>
      </p>
      <h1>{t('policyPage.adopt.title', { template: t(`modelPolicy.template.${templateId}`), place: place.name })}</h1>
      <p className="lead">{t('policyPage.adopt.intro')}</p>
      <AnswersForm
        key={result ? 'posted' : 'fresh'}
        templateId={templateId}
        fields={result?.fields ?? fields}
        errors={result?.errors ?? {}}
        warnings={result?.warnings ?? []}
        preview={result?.preview ?? null}
        preapproval={templateById(templateId).preapproval}
        submitLabel={t('policyPage.adoptButton')}
        result={result ?? null}
      />
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
