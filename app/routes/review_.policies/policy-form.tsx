import { Form, useNavigation } from '@remix-run/react';
import { AgencyOptionGroups, Field, SelectField, TextAreaField } from '~/components/forms';
import { RequirementRulesFields } from '~/components/requirement-rules';
import { useT } from '~/i18n/use-t';
import type { ActionResult, FormValues, LoaderPlace } from './route';

const KINDS = ['COUNTY_REPORTING', 'MUNICIPAL_PREAPPROVAL', 'MUNICIPAL_REPORTING'] as const;

/** The section that records an adopted policy: what the last post did, then the form. */
export function PolicyForm({ places, result }: { places: LoaderPlace[]; result: ActionResult }) {
  const { t } = useT();
  const created = result?.created;
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
    lockDaysAfterDue: '',
    effectiveFrom: '',
    metricKeys: [],
  };
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <section aria-labelledby="record-policy" className="form">
      <h2 id="record-policy">{t('policies.form.title')}</h2>
      {created ? (
        <p className="notice" role="status">
          {t('policies.form.created', { title: created.title, agency: created.agency })}
        </p>
      ) : null}
      {result && !created ? (
        <p className="alert" role="alert">
          {errors._form ?? t('policies.form.fixErrors')}
        </p>
      ) : null}
      {withAgencies.length === 0 ? (
        <p>{t('policies.form.noAgencies')}</p>
      ) : (
        // A new key after each recorded policy empties the form for the next one.
        <Form method="post" noValidate key={created?.id ?? 'form'}>
          <p>{t('policies.form.intro')}</p>
          <PolicyFields places={withAgencies} values={result?.values ?? blank} errors={errors} />
        </Form>
      )}
    </section>
  );
}

/** The policy's fields and its one requirement's, as typed. */
function PolicyFields({ places, values, errors }: { places: LoaderPlace[]; values: FormValues; errors: Record<string, string | undefined> }) {
  const { t } = useT();
  const navigation = useNavigation();
  return (
    <>
      <SelectField label={t('policies.form.place')} name="jurisdictionId" defaultValue={values.jurisdictionId} error={errors.jurisdictionId}>
        <option value="">—</option>
        {places.map((place) => (
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
        <AgencyOptionGroups places={places} />
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
    </>
  );
}
