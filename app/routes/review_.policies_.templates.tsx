/**
 * /review/policies/templates: the three model policies, a sentence each on when to use it, and
 * for each a plain GET form choosing the county or town to adopt it for (reviewers their own
 * places, operators any).
 */
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { requireAccess } from '~/auth/access.server';
import { isOperator, reviewedJurisdictionIds } from '~/auth/permissions';
import { pageMeta } from '~/components/error-page';
import { SelectField } from '~/components/forms';
import { prisma } from '~/db/prisma.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { adoptablePlaces } from '~/policies/pages.server';
import { TEMPLATE_IDS } from '~/policies/templates';

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('policyPage.templates.title')) }];
});

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireAccess(request, (who) => isOperator(who) || reviewedJurisdictionIds(who).length > 0);
  const db = prisma();
  return { templates: await Promise.all(TEMPLATE_IDS.map(async (id) => ({ id, places: await adoptablePlaces(db, actor, id) }))) };
}

export default function ModelPolicyTemplates() {
  const { templates } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <p>
        <Link to="/review/policies">{t('policyPage.back')}</Link>
      </p>
      <h1>{t('policyPage.templates.title')}</h1>
      <p className="lead">{t('policyPage.templates.intro')}</p>
      {templates.map((template) => (
        <section key={template.id} aria-labelledby={`template-${template.id}`}>
          <h2 id={`template-${template.id}`}>{t(`modelPolicy.template.${template.id}`)}</h2>
          <p>{t(`modelPolicy.template.${template.id}.description`)}</p>
          {template.places.length > 0 ? (
            <Form method="get" action={`/review/policies/adopt/${template.id}`} reloadDocument>
              <SelectField label={t('policyPage.templates.place')} name="place" idPrefix={template.id} required>
                {template.places.map((place) => (
                  <option key={place.id} value={String(place.id)}>
                    {place.name}
                  </option>
                ))}
              </SelectField>
              <button type="submit">{t('policyPage.templates.use', { template: t(`modelPolicy.template.${template.id}`) })}</button>
            </Form>
          ) : (
            <p className="muted">{t('policyPage.templates.noPlaces')}</p>
          )}
        </section>
      ))}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
