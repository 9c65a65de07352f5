import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { forbidden, requireActor } from '~/auth/access.server';
import { actsForCouncilOf, type Actor } from '~/auth/permissions';
import { pageMeta } from '~/components/error-page';
import { TextAreaField } from '~/components/forms';
import { PreapprovalFlags } from '~/components/preapproval-flags';
import { prisma } from '~/db/prisma.server';
import { requestTranslator } from '~/i18n/locale.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { ApplicationRefusedError } from '~/preapproval/applications.server';
import { flagAgency, flagsOfAgencySlug, resolveFlag, ResolveFlagForm } from '~/preapproval/flags.server';
import { translateErrors } from '~/utils/forms';
import { parseForm } from '~/utils/forms.server';
import { idParam } from '~/utils/route-params';

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('preapproval.flag.title')) }];
});

/** The flag, if the actor reviews its agency's place; anyone else is refused as the form is. */
async function flagFor(actor: Actor, flagId: number) {
  const agency = await flagAgency(prisma(), flagId);
  if (!agency) throw new Response('Not found', { status: 404 });
  if (!actsForCouncilOf(actor, agency)) forbidden();
  const slug = (await prisma().agency.findUniqueOrThrow({ where: { id: agency.id }, select: { slug: true } })).slug;
  const flag = (await flagsOfAgencySlug(prisma(), slug)).find((one) => one.id === flagId)!;
  return flag;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return { flag: await flagFor(actor, idParam(params.id)) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const flagId = idParam(params.id);
  await flagFor(actor, flagId);
  const t = requestTranslator(request);
  const parsed = await parseForm(request, ResolveFlagForm);
  if (!parsed.ok) return data({ errors: translateErrors(t, parsed.errors) }, { status: 400 });
  try {
    await resolveFlag(prisma(), { flagId, note: parsed.data.note, actor: { userId: actor.userId, label: `user:${actor.userId}` } });
  } catch (error) {
    if (!(error instanceof ApplicationRefusedError)) throw error;
    return data({ errors: Object.fromEntries(error.problems.map((problem) => [problem.field === 'note' ? 'note' : '_form', t(problem.key, problem.params)])) }, { status: 400 });
  }
  // Post/redirect/get: a reload does not resolve twice.
  throw redirect('/review');
}

export default function ResolveFlagPage() {
  const { flag } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useT();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <>
      <p>
        <Link to="/review">{t('policies.back')}</Link>
      </p>
      <h1>{t('preapproval.flag.title')}</h1>
      <PreapprovalFlags flags={[flag]} />
      {errors._form ? (
        <p className="alert" role="alert">
          {errors._form}
        </p>
      ) : null}
      {flag.resolvedOn ? null : (
        <Form method="post" noValidate className="form">
          <TextAreaField label={t('preapproval.flag.noteLabel')} hint={t('preapproval.flag.noteHint')} name="note" error={errors.note} required />
          <button type="submit">{t('preapproval.flag.resolve')}</button>
        </Form>
      )}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
