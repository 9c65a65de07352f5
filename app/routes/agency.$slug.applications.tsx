import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { requireActor } from '~/auth/access.server';
import { pageMeta } from '~/components/error-page';
import { SelectField, TextAreaField } from '~/components/forms';
import { TableRegion } from '~/components/table-region';
import { prisma } from '~/db/prisma.server';
import type { MessageKey } from '~/i18n/i18n';
import { requestTranslator } from '~/i18n/locale.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { agencyApplications, applyAction } from '~/preapproval/application-pages.server';
import { APPLICATION_ITEMS } from '~/preapproval/items';
import { MODELS } from '~/registry/models';
import { slugParam } from '~/utils/route-params';

export const handle = { hydrate: false };

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('preapproval.agency.title')) }];
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return agencyApplications(prisma(), actor, slugParam(params.slug));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const result = await applyAction(prisma(), { actor, slug: slugParam(params.slug), form: await request.formData(), t: requestTranslator(request) });
  if (result.ok) throw redirect(`/preapproval/applications/${result.id}`);
  return data(result, { status: 400 });
}

export default function AgencyApplications() {
  const { agency, policy, applications } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, date } = useT();
  const errors: Record<string, string | undefined> = result && !result.ok ? result.errors : {};
  const values: Record<string, string | undefined> = result && !result.ok ? result.values : {};
  return (
    <>
      <h1>{t('preapproval.agency.title')}</h1>
      <p className="lead">{agency.name}</p>
      <section aria-labelledby="list">
        <h2 id="list">{t('preapproval.agency.list')}</h2>
        {applications.length === 0 ? (
          <p>{t('preapproval.agency.none')}</p>
        ) : (
          <TableRegion labelledBy="list">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('table.date')}</th>
                  <th scope="col">{t('preapproval.agency.model')}</th>
                  <th scope="col">{t('preapproval.agency.stage')}</th>
                </tr>
              </thead>
              <tbody>
                {applications.map((application) => (
                  <tr key={application.id}>
                    <td>
                      <Link to={`/preapproval/applications/${application.id}`}>{date(application.createdAt)}</Link>
                    </td>
                    <td>{t(`model.${application.model}`)}</td>
                    <td>{t(`preapproval.stage.${application.stage}`)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </section>
      <section aria-labelledby="apply">
        <h2 id="apply">{t('preapproval.agency.apply')}</h2>
        {policy ? (
          <Form method="post" noValidate className="form">
            <p>{t('preapproval.agency.under', { policy: policy.title })}</p>
            {errors.agencyId ? (
              <p className="alert" role="alert">
                {errors.agencyId}
              </p>
            ) : null}
            <SelectField label={t('preapproval.agency.model')} name="model" defaultValue={values.model} error={errors.model}>
              <option value="">{t('preapproval.page.choose')}</option>
              {MODELS.map((model) => (
                <option key={model} value={model}>
                  {t(`model.${model}`)}
                </option>
              ))}
            </SelectField>
            {APPLICATION_ITEMS.filter((key) => key !== 'modelSought').map((key) => (
              <TextAreaField
                key={key}
                label={t(`preapproval.item.${key}` as MessageKey) + (policy.requiredApplicationItems.includes(key) ? ` (${t('preapproval.page.required')})` : '')}
                name={key}
                defaultValue={values[key]}
                error={errors[`items.${key}`]}
              />
            ))}
            <button type="submit">{t('preapproval.agency.submit')}</button>
          </Form>
        ) : (
          <p>{t('preapproval.agency.noPolicy')}</p>
        )}
      </section>
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
