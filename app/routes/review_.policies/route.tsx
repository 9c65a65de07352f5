/**
 * /review/policies: a reviewer's list of the reporting policies of the places they review, and
 * the form to record one their board or council adopted. (review_ keeps this page out of
 * review.tsx's layout, which renders no outlet.)
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { forbidden, requireAccess } from '~/auth/access.server';
import { reviewedJurisdictionIds, reviewsJurisdiction } from '~/auth/permissions';
import { Field, SelectField, TextAreaField } from '~/components/forms';
import { readRulesForm, RequirementRulesFields, rulesInput, type RulesValues } from '~/components/requirement-rules';
import { prisma } from '~/db/prisma.server';
import { useT } from '~/i18n/use-t';
import { createPolicy, PolicyRefusedError, type PolicyInput } from '~/reporting/policies.server';
import { formField, positiveId, reviewerPolicies } from './policies-page.server';
import { PolicyList } from './policy-list';

export const meta: MetaFunction = () => [{ title: 'Reporting policies · Oversight Portal' }];

const requireReviewer = (request: Request) => requireAccess(request, (actor) => reviewedJurisdictionIds(actor).length > 0);

const KINDS = ['COUNTY_REPORTING', 'MUNICIPAL_PREAPPROVAL', 'MUNICIPAL_REPORTING'] as const;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireReviewer(request);
  return reviewerPolicies(prisma(), reviewedJurisdictionIds(actor));
}

export interface FormValues extends RulesValues {
  jurisdictionId: string;
  kind: string;
  title: string;
  statute: string;
  adoptedOn: string;
  resolutionText: string;
  oathText: string;
  agencyId: string;
  requirementTitle: string;
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireReviewer(request);
  const form = await request.formData();
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  const values: FormValues = {
    jurisdictionId: text('jurisdictionId'),
    kind: text('kind'),
    title: text('title'),
    statute: text('statute'),
    adoptedOn: text('adoptedOn'),
    resolutionText: text('resolutionText'),
    oathText: text('oathText'),
    agencyId: text('agencyId'),
    requirementTitle: text('requirementTitle'),
    ...readRulesForm(form),
  };

  // The place is checked before anything else: a crafted id of a place the reviewer does not
  // review is refused outright (createPolicy then keeps the agency within that place).
  const jurisdictionId = positiveId(values.jurisdictionId);
  if (jurisdictionId !== undefined && !reviewsJurisdiction(actor, jurisdictionId)) forbidden();

  // Ids that cannot be read are left undefined, not guessed: createPolicy's schema then names
  // the field with its own message, the one the API and the CLI would give too.
  const input = {
    jurisdictionId,
    kind: values.kind,
    title: values.title,
    statute: values.statute,
    adoptedOn: values.adoptedOn,
    resolutionText: values.resolutionText,
    oathText: values.oathText,
    createdById: actor.userId,
    requirements: [
      {
        agencyId: positiveId(values.agencyId),
        // The report is usually known by the policy's name; a separate one is optional.
        title: values.requirementTitle.trim() || values.title,
        ...rulesInput(values),
      },
    ],
  } as PolicyInput;

  try {
    const policy = await createPolicy(prisma(), input);
    const agency = await prisma().agency.findUniqueOrThrow({ where: { id: policy.requirements[0].agencyId }, select: { name: true } });
    return { created: { id: policy.id, title: policy.title, agency: agency.name }, errors: {} as Record<string, string>, values: null };
  } catch (error) {
    if (!(error instanceof PolicyRefusedError)) throw error;
    const errors: Record<string, string> = {};
    for (const issue of error.issues) {
      const field = formField(issue.field);
      errors[field] = errors[field] ? `${errors[field]} ${issue.message}` : issue.message;
    }
    return data({ created: null, errors, values }, { status: 400 });
  }
}

export type LoaderPlace = ReturnType<typeof useLoaderData<typeof loader>>['places'][number];

export default function ReviewPolicies() {
  const { places } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useT();
  const created = result?.created;
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const typed = result?.values ?? null;
  const withAgencies = places.filter((place) => place.agencies.length > 0);
  const blank: FormValues = {
    jurisdictionId: withAgencies.length === 1 ? String(withAgencies[0].id) : '',
    kind: '',
    title: '',
    statute: withAgencies[0]?.statute ?? places[0]?.statute ?? '',
    adoptedOn: '',
    resolutionText: '',
    oathText: t('policies.form.oathDefault'),
    agencyId: '',
    requirementTitle: '',
    frequency: 'QUARTERLY',
    dueDaysAfterEnd: '30',
    acceptsLate: true,
    effectiveFrom: '',
    metricKeys: [],
  };
  const values = typed ?? blank;

  return (
    <>
      <p>
        <Link to="/review">{t('policies.back')}</Link>
      </p>
      <h1>{t('policies.title')}</h1>
      <p className="lead">{t('policies.intro', { places: places.map((place) => place.name).join(', ') })}</p>

      {places.map((place) => (
        <PolicyList key={place.id} place={place} />
      ))}

      <section aria-labelledby="record-policy" className="form">
        <h2 id="record-policy">{t('policies.form.title')}</h2>
        {created ? (
          <p className="notice" role="status">
            {t('policies.form.created', { title: created.title, agency: created.agency })}
          </p>
        ) : null}
        {result && !created ? (
          <p className="alert" role="alert">
            {t('policies.form.fixErrors')}
          </p>
        ) : null}
        {withAgencies.length === 0 ? (
          <p>{t('policies.form.noAgencies')}</p>
        ) : (
          // A new key after each recorded policy empties the form for the next one.
          <Form method="post" noValidate key={created?.id ?? 'form'}>
            <p>{t('policies.form.intro')}</p>
            <SelectField label={t('policies.form.place')} name="jurisdictionId" defaultValue={values.jurisdictionId} error={errors.jurisdictionId}>
              <option value="">—</option>
              {withAgencies.map((place) => (
                <option key={place.id} value={String(place.id)}>
                  {place.name}
                </option>
              ))}
            </SelectField>
            <SelectField label={t('policies.form.kind')} name="kind" defaultValue={values.kind} error={errors.kind}>
              <option value="">{t('policies.form.chooseKind')}</option>
              {KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`policyKind.${kind}`)}
                </option>
              ))}
            </SelectField>
            <Field label={t('policies.form.policyTitle')} name="title" defaultValue={values.title} error={errors.title} />
            <Field label={t('policies.form.statute')} name="statute" hint={t('policies.form.statuteHint')} defaultValue={values.statute} error={errors.statute} />
            <Field label={t('policies.form.adoptedOn')} name="adoptedOn" type="date" defaultValue={values.adoptedOn} error={errors.adoptedOn} />
            <TextAreaField label={t('policies.form.resolutionText')} name="resolutionText" hint={t('policies.form.resolutionHint')} defaultValue={values.resolutionText} error={errors.resolutionText} />
            <TextAreaField label={t('policies.form.oathText')} name="oathText" defaultValue={values.oathText} error={errors.oathText} />

            <h3>{t('policies.form.requirement')}</h3>
            <SelectField label={t('policies.form.agency')} name="agencyId" defaultValue={values.agencyId} error={errors.agencyId}>
              <option value="">{t('policies.form.chooseAgency')}</option>
              {withAgencies.map((place) => (
                <optgroup key={place.id} label={place.name}>
                  {place.agencies.map((agency) => (
                    <option key={agency.id} value={String(agency.id)}>
                      {agency.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </SelectField>
            <Field
              label={t('policies.form.requirementTitle')}
              name="requirementTitle"
              hint={t('policies.form.requirementTitleHint')}
              defaultValue={values.requirementTitle}
              error={errors.requirementTitle}
            />
            <RequirementRulesFields values={values} errors={errors} />
            <button type="submit" disabled={navigation.state === 'submitting'}>
              {t('policies.form.submit')}
            </button>
          </Form>
        )}
      </section>
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
