/**
 * /review/requirements/:id: the versions of one requirement's rules, and the form to amend them
 * from a date on (a policy amended mid-year: periods already under way keep their rules), and
 * granting a locked period an extension (a second form, intent=extend).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { requireActor } from '~/auth/access.server';
import { metricChoices, RequirementRulesFields, rulesInput, type RulesValues } from '~/components/requirement-rules';
import { RulesForm } from '~/components/requirement-rules.server';
import { Field, TextAreaField } from '~/components/forms';
import { TableRegion } from '~/components/table-region';
import { prisma } from '~/db/prisma.server';
import type { Translate } from '~/i18n/i18n';
import { requestTranslator } from '~/i18n/locale.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import type { AmendmentInput } from '~/reporting/policies.server';
import { policyErrors } from '~/reporting/policy-messages';
import { amendRequirementAs, requirementAs, requirementPage } from '~/reporting/requirement-pages.server';
import { translateErrors } from '~/utils/forms';
import { parseForm, parseWith } from '~/utils/forms.server';
import { ExtensionForm, grantExtensionAs } from '~/reporting/extensions.server';
import { describeFilingMessage } from '~/reporting/filing-messages';
import { idParam } from '~/utils/route-params';
import { isMessageKey } from '~/i18n/i18n';
import { pageMeta } from '~/components/error-page';

export const meta: MetaFunction<typeof loader> = pageMeta(({ data: page, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, page ? `${page.requirement.title} · ${t('policies.title')}` : t('policies.title')) }];
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return requirementPage(prisma(), actor, idParam(params.id));
}


type ExtensionValues = { periodKey: string; until: string; reason: string };

async function extensionAction(request: Request, form: FormData, id: number) {
  const actor = await requireActor(request);
  const t = requestTranslator(request);
  const parsed = parseWith(ExtensionForm, form);
  if (!parsed.ok) {
    await requirementAs(prisma(), actor, id);
    const values: ExtensionValues = { periodKey: parsed.values.periodKey ?? '', until: parsed.values.until ?? '', reason: parsed.values.reason ?? '' };
    return data({ form: 'extension' as const, errors: translateErrors(t, parsed.errors), values }, { status: 400 });
  }
  const { intent: _intent, ...input } = parsed.data;
  const result = await grantExtensionAs(prisma(), actor, id, input);
  // Post/redirect/get: a reload does not grant twice.
  if (result.outcome === 'granted') throw redirect(`/review/requirements/${id}?extended=${encodeURIComponent(input.periodKey)}`);
  const errors = Object.fromEntries(Object.entries(result.errors).map(([field, message]) => [field, describeFilingMessage(t, message)]));
  return data({ form: 'extension' as const, errors, values: input as ExtensionValues }, { status: 400 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  // Which form: read from a copy, so the rules form's own reading (and its refusals) stay as they were.
  const sent = await request.clone().formData().catch(() => null);
  if (sent?.get('intent') === 'extend') return extensionAction(request, sent, idParam(params.id));
  const actor = await requireActor(request);
  const t = requestTranslator(request);
  const parsed = await parseForm(request, RulesForm);
  if (!parsed.ok) {
    // Outsiders are refused whatever they posted, as when the form can be read.
    await requirementAs(prisma(), actor, idParam(params.id));
    // What was typed, shown again: the lenient schema reads the text parseWith kept (never throws).
    return data({ form: 'rules' as const, errors: translateErrors(t, parsed.errors), values: RulesForm.parse({ ...parsed.values, ...parsed.lists }) }, { status: 400 });
  }
  const result = await amendRequirementAs(prisma(), actor, idParam(params.id), rulesInput(parsed.data) as Omit<AmendmentInput, 'requirementId'>);
  if (result.outcome === 'amended') throw redirect(`/review/requirements/${params.id}?amended=${result.effectiveFrom}`);
  return data({ form: 'rules' as const, errors: policyErrors(t, result.problems), values: parsed.data }, { status: 400 });
}

/** A stored metric key as its label; a key the catalogue no longer has stays as it is. */
function metricLabel(t: Translate, key: string) {
  const label = `metric.${key}.label`;
  return isMessageKey(label) ? t(label) : key;
}

/** The form a reviewer grants a locked period an extension with (intent=extend). */
function GrantExtension({ extension, extended }: { extension?: { errors: Record<string, string>; values: ExtensionValues }; extended: string | null }) {
  const navigation = useNavigation();
  const { t } = useT();
  const extensionErrors: Record<string, string | undefined> = extension?.errors ?? {};
  return (
    <section aria-labelledby="extend" className="form">
      <h2 id="extend">{t('requirement.extendTitle')}</h2>
      <p>{t('requirement.extendIntro')}</p>
      {extended ? (
        <p className="notice" role="status">
          {t('requirement.extended', { period: extended })}
        </p>
      ) : null}
      {extension ? (
        <p className="alert" role="alert">
          {extensionErrors._form ?? t('requirement.extend.fixErrors')}
        </p>
      ) : null}
      <Form method="post" noValidate key={extended ?? 'extend'}>
        <input type="hidden" name="intent" value="extend" />
        <Field id="extension-periodKey" name="periodKey" label={t('requirement.extend.period')} hint={t('requirement.extend.periodHint')} defaultValue={extension?.values.periodKey} error={extensionErrors.periodKey} />
        <Field id="extension-until" name="until" type="date" label={t('requirement.extend.until')} defaultValue={extension?.values.until} error={extensionErrors.until} />
        <TextAreaField id="extension-reason" name="reason" rows={3} label={t('requirement.extend.reason')} defaultValue={extension?.values.reason} error={extensionErrors.reason} />
        <button type="submit" disabled={navigation.state === 'submitting'}>
          {t('requirement.extend.submit')}
        </button>
      </Form>
    </section>
  );
}

export default function RequirementRules() {
  const { requirement, versions } = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const result = posted?.form === 'rules' ? posted : undefined;
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const { t, date } = useT();
  const amended = searchParams.get('amended');
  const current = versions[0];
  const blank: RulesValues = {
    frequency: current?.frequency ?? 'QUARTERLY',
    dueDaysAfterEnd: String(current?.dueDaysAfterEnd ?? 30),
    acceptsLate: current?.acceptsLate ?? true,
    lockDaysAfterDue: current?.lockDaysAfterDue == null ? '' : String(current.lockDaysAfterDue),
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
                  <td>
                    {`${t('policies.dueDays', { days: version.dueDaysAfterEnd })}, ${t(version.acceptsLate ? 'policies.late' : 'policies.noLate')}`}
                    {version.lockDaysAfterDue === null ? null : `, ${t('policies.lockDays', { days: version.lockDaysAfterDue })}`}
                  </td>
                  <td>{version.metricKeys.map((key) => metricLabel(t, key)).join('; ')}</td>
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
            {errors._form ?? t('requirement.fixErrors')}
          </p>
        ) : null}
        <Form method="post" noValidate key={amended ?? 'form'}>
          <RequirementRulesFields values={result?.values ?? blank} errors={errors} />
          <button type="submit" disabled={navigation.state === 'submitting'}>
            {t('requirement.submit')}
          </button>
        </Form>
      </section>

      <GrantExtension extension={posted?.form === 'extension' ? posted : undefined} extended={searchParams.get('extended')} />
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
