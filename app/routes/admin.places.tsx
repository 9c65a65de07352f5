import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { createMunicipality, ncPlaces, setPopulation, type PlaceOutcome } from '~/admin/places.server';
import { requireAccess } from '~/auth/access.server';
import { isOperator } from '~/auth/permissions';
import { Field, SelectField } from '~/components/forms';
import { TableRegion } from '~/components/table-region';
import { prisma } from '~/db/prisma.server';
import { requestTranslator } from '~/i18n/locale.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { placePath } from '~/paths';
import { translateErrors } from '~/utils/forms';
import { formBody, parseWith } from '~/utils/forms.server';
import { CreateTown, Population, populationInvalid } from '~/admin/operator-forms.server';
import { pageMeta } from '~/components/error-page';

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('admin.pageTitle', { page: t('admin.places.title') })) }];
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, isOperator);
  return ncPlaces(prisma());
}

const EMPTY = { name: '', countyId: '' };

export async function action({ request }: ActionFunctionArgs) {
  await requireAccess(request, isOperator);
  const t = requestTranslator(request);
  const form = await formBody(request);
  const db = prisma();
  const refused = (outcome: Extract<PlaceOutcome, { ok: false }>) => ({ [outcome.field]: t(outcome.error) });

  if (form.get('intent') === 'population') {
    const parsed = parseWith(Population, form);
    if (!parsed.ok) {
      const { placeId, population = '' } = parsed.values;
      const reply = { form: 'population' as const, placeId: placeId === undefined ? null : Number(placeId), typed: population, values: EMPTY };
      return data({ ...reply, errors: { population: t(parsed.errors.population ?? populationInvalid) }, notice: null }, { status: 400 });
    }
    // typed is shown again only after a refused check: a place not found has no row to show it in.
    const reply = { form: 'population' as const, placeId: parsed.data.placeId, typed: '', values: EMPTY };
    const outcome = await setPopulation(db, parsed.data.placeId, parsed.data.population);
    if (!outcome.ok) return data({ ...reply, errors: refused(outcome), notice: null }, { status: 404 });
    return { ...reply, errors: {}, notice: t('admin.places.populationSaved', { place: outcome.name }) };
  }

  const parsed = parseWith(CreateTown, form);
  if (!parsed.ok) {
    const values = { name: parsed.values.name ?? '', countyId: parsed.values.countyId ?? '' };
    return data({ form: 'create' as const, placeId: null, typed: '', values, errors: translateErrors(t, parsed.errors), notice: null }, { status: 400 });
  }
  const reply = { form: 'create' as const, placeId: null, typed: '', values: { name: parsed.data.name, countyId: String(parsed.data.countyId) } };
  const outcome = await createMunicipality(db, parsed.data);
  if (!outcome.ok) return data({ ...reply, errors: refused(outcome), notice: null }, { status: 400 });
  return { ...reply, values: EMPTY, errors: {}, notice: t('admin.places.townCreated', { place: outcome.name }) };
}

export default function Places() {
  const result = useActionData<typeof action>();
  const { t } = useT();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin">{t('admin.home.title')}</Link>
      </p>
      <h1>{t('admin.places.title')}</h1>
      <p>{t('admin.places.intro')}</p>
      {result?.notice ? (
        <p className="notice" role="status">
          {result.notice}
        </p>
      ) : null}
      <NewTownSection />
      <TownsSection />
      <CountiesSection />
    </>
  );
}

function NewTownSection() {
  const { counties } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useT();
  const errors: Record<string, string> = result?.form === 'create' ? result.errors : {};
  const values: Record<string, string> = result?.form === 'create' ? result.values : EMPTY;
  return (
    <section aria-labelledby="new-town">
      <h2 id="new-town">{t('admin.places.createTitle')}</h2>
      <Form method="post" noValidate className="form" key={result?.form === 'create' && result.notice ? result.notice : 'create'}>
        <input type="hidden" name="intent" value="create" />
        <Field label={t('admin.places.name')} hint={t('admin.places.nameHint')} name="name" defaultValue={values.name} error={errors.name} required />
        <SelectField label={t('admin.places.county')} name="countyId" defaultValue={values.countyId} error={errors.countyId}>
          <option value="">{t('admin.places.chooseCounty')}</option>
          {counties.map((county) => (
            <option key={county.id} value={county.id}>
              {county.name}
            </option>
          ))}
        </SelectField>
        <button type="submit" disabled={navigation.state === 'submitting'}>
          {t('admin.places.create')}
        </button>
      </Form>
    </section>
  );
}

function TownsSection() {
  const { towns } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <section aria-labelledby="towns">
      <h2 id="towns">{t('admin.places.towns')}</h2>
      {towns.length ? (
        <TableRegion labelledBy="towns">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('admin.places.name')}</th>
                <th scope="col">{t('admin.places.county')}</th>
                <th scope="col">{t('admin.places.population')}</th>
              </tr>
            </thead>
            <tbody>
              {towns.map((town) => (
                <tr key={town.id}>
                  <th scope="row">
                    <Link to={placePath(town)}>{town.name}</Link>
                  </th>
                  <td>{town.county ?? '—'}</td>
                  <td>
                    <PopulationForm place={town} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : (
        <p>{t('admin.places.noTowns')}</p>
      )}
    </section>
  );
}

function CountiesSection() {
  const { counties } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <section aria-labelledby="counties">
      <h2 id="counties">{t('admin.places.counties')}</h2>
      <TableRegion labelledBy="counties">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('admin.places.county')}</th>
              <th scope="col">{t('admin.places.population')}</th>
            </tr>
          </thead>
          <tbody>
            {counties.map((county) => (
              <tr key={county.id}>
                <th scope="row">
                  <Link to={placePath(county)}>{county.name}</Link>
                </th>
                <td>
                  <PopulationForm place={county} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}

/** The population of one place, in a form of its own; the error of the last save stays beside it. */
function PopulationForm({ place }: { place: { id: number; name: string; population: number | null } }) {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useT();
  const id = `population-${place.id}`;
  const failed = result?.form === 'population' && result.placeId === place.id && 'population' in result.errors ? result.errors.population : null;
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value="population" />
      <input type="hidden" name="placeId" value={place.id} />
      <label className="visually-hidden" htmlFor={id}>
        {t('admin.places.populationOf', { place: place.name })}
      </label>
      <input
        id={id}
        name="population"
        inputMode="numeric"
        size={10}
        defaultValue={failed ? result!.typed : (place.population ?? '')}
        aria-invalid={failed ? true : undefined}
        aria-describedby={failed ? `${id}-error` : undefined}
      />{' '}
      <button type="submit" className="secondary" disabled={navigation.state === 'submitting'}>
        {t('admin.places.save')}
        <span className="visually-hidden"> {t('admin.places.populationOf', { place: place.name })}</span>
      </button>
      {failed ? (
        <p id={`${id}-error`} className="field-error">
          {failed}
        </p>
      ) : null}
    </Form>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
