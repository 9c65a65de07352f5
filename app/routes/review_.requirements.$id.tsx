/**
 * /review/requirements/:id: the versions of one requirement's rules, and the form to amend them
 * from a date on (a policy amended mid-year: periods already under way keep their rules).
 */
import { TableRegion } from '~/components/table-region';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { requireActor } from '~/auth/access.server';
import { metricChoices, readRulesForm, RequirementRulesFields, rulesInput, type RulesValues } from '~/components/requirement-rules';
import { prisma } from '~/db/prisma.server';
import { useT } from '~/i18n/use-t';
import type { AmendmentInput } from '~/reporting/policies.server';
import { amendRequirementAs, requirementPage } from '~/reporting/requirement-pages.server';

export const meta: MetaFunction<typeof loader> = ({ data: page }) => [
  { title: page ? `${page.requirement.title} · Reporting policies · Oversight Portal` : 'Reporting policies · Oversight Portal' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return requirementPage(prisma(), actor, Number(params.id));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const values = readRulesForm(await request.formData());
  const result = await amendRequirementAs(prisma(), actor, Number(params.id), rulesInput(values) as Omit<AmendmentInput, 'requirementId'>);
  if (result.outcome === 'amended') throw redirect(`/review/requirements/${params.id}?amended=${result.effectiveFrom}`);
  return data({ errors: result.errors, values }, { status: 400 });
}

export default function RequirementRules() {
  const { requirement, versions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const { t, date } = useT();
  const amended = searchParams.get('amended');
  const current = versions[0];
  const blank: RulesValues = {
    frequency: current?.frequency ?? 'QUARTERLY',
    dueDaysAfterEnd: String(current?.dueDaysAfterEnd ?? 30),
    acceptsLate: current?.acceptsLate ?? true,
    effectiveFrom: '',
    metricKeys: metricChoices(current?.metricKeys ?? []),
  };
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <>
      <p>
        <Link to="/review/policies">{t('requirement.back')}</Link>
      </p>
      <h1>{requirement.title}</h1>
      <p className="lead">
        {t('requirement.intro', { agency: requirement.agency.name, policy: requirement.policy.title, statute: requirement.policy.statute })}
      </p>
      {amended && /^\d{4}-\d{2}-\d{2}$/.test(amended) ? (
        <p className="notice" role="status">
          {t('requirement.amended', { date: date(amended) })}
        </p>
      ) : null}

      <section aria-labelledby="versions">
        <h2 id="versions">{t('requirement.versions')}</h2>
        <TableRegion labelledBy="versions">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('policies.col.from')}</th>
                <th scope="col">{t('policies.col.frequency')}</th>
                <th scope="col">{t('policies.col.due')}</th>
                <th scope="col">{t('policies.col.metrics')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((version) => (
                <tr key={version.id}>
                  <th scope="row">{date(version.effectiveFrom)}</th>
                  <td>{t(`frequency.${version.frequency}`)}</td>
                  <td>{`${t('policies.dueDays', { days: version.dueDaysAfterEnd })}, ${t(version.acceptsLate ? 'policies.late' : 'policies.noLate')}`}</td>
                  <td>{version.metricLabels.join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </section>

      <section aria-labelledby="amend" className="form">
        <h2 id="amend">{t('requirement.amendTitle')}</h2>
        <p>{t('requirement.amendIntro', { date: current ? date(current.effectiveFrom) : '' })}</p>
        {result ? (
          <p className="alert" role="alert">
            {t('requirement.fixErrors')}
          </p>
        ) : null}
        <Form method="post" noValidate key={amended ?? 'form'}>
          <RequirementRulesFields values={result?.values ?? blank} errors={errors} />
          <button type="submit" disabled={navigation.state === 'submitting'}>
            {t('requirement.submit')}
          </button>
        </Form>
      </section>
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
