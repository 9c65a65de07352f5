import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { z } from 'zod';
import { fieldErrors, typedValues } from '~/admin/forms.server';
import { createMunicipality, ncPlaces, setPopulation, type PlaceOutcome } from '~/admin/places.server';
import { requireAccess } from '~/auth/access.server';
import { isOperator } from '~/auth/permissions';
import { Field, SelectField } from '~/components/forms';
import { prisma } from '~/db/prisma.server';
import { requestTranslator } from '~/i18n/locale.server';
import { useT } from '~/i18n/use-t';
import { placePath } from '~/paths';

export const meta: MetaFunction = () => [{ title: 'Counties and towns · Operator · Oversight Portal' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, isOperator);
  return ncPlaces(prisma());
}

const CreateTown = z.object({
  name: z.string().trim().min(2).max(100),
  countyId: z.coerce.number().int().positive(),
});

const Population = z.object({
  placeId: z.coerce.number().int().positive(),
  // Typed as people write numbers ("12,345"); empty means unknown.
  population: z
    .string()
    .trim()
    .regex(/^[\d,\s]*$/)
    .transform((text) => (text.replace(/\D/g, '') ? Number(text.replace(/\D/g, '')) : null))
    .pipe(z.number().int().max(20_000_000).nullable()),
});

const EMPTY = { name: '', countyId: '' };

export async function action({ request }: ActionFunctionArgs) {
  await requireAccess(request, isOperator);
  const t = requestTranslator(request);
  const form = Object.fromEntries(await request.formData());
  const db = prisma();
  const refused = (outcome: Extract<PlaceOutcome, { ok: false }>) => ({ [outcome.field]: t(outcome.error) });

  if (form.intent === 'population') {
    const placeId = typeof form.placeId === 'string' ? Number(form.placeId) : null;
    const typed = typeof form.population === 'string' ? form.population : '';
    const reply = { form: 'population' as const, placeId, typed, values: EMPTY };
    const parsed = Population.safeParse(form);
    if (!parsed.success) return data({ ...reply, errors: { population: t('admin.places.populationInvalid') }, notice: null }, { status: 400 });
    const outcome = await setPopulation(db, parsed.data.placeId, parsed.data.population);
    if (!outcome.ok) return data({ ...reply, errors: refused(outcome), notice: null }, { status: 404 });
    return { ...reply, errors: {}, notice: t('admin.places.populationSaved', { place: outcome.name }) };
  }

  const values = typedValues(form, ['name', 'countyId'] as const);
  const reply = { form: 'create' as const, placeId: null, typed: '', values };
  const parsed = CreateTown.safeParse(form);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error, { name: 'admin.places.nameRequired', countyId: 'admin.places.countyRequired' }, t);
    return data({ ...reply, errors, notice: null }, { status: 400 });
  }
  const outcome = await createMunicipality(db, parsed.data);
  if (!outcome.ok) return data({ ...reply, errors: refused(outcome), notice: null }, { status: 400 });
  return { ...reply, values: EMPTY, errors: {}, notice: t('admin.places.townCreated', { place: outcome.name }) };
}

export default function Places() {
  const { counties, towns } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useT();
  const createErrors: Record<string, string> = result?.form === 'create' ? result.errors : {};
  const values: Record<string, string> = result?.form === 'create' ? result.values : EMPTY;
  const busy = navigation.state === 'submitting';

  /** The population of one place, in a form of its own; the error of the last save stays beside it. */
  const population = (place: { id: number; name: string; population: number | null }) => {
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
        <button type="submit" className="secondary" disabled={busy}>
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
  };

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

      <section aria-labelledby="new-town">
        <h2 id="new-town">{t('admin.places.createTitle')}</h2>
        <Form method="post" noValidate className="form" key={result?.form === 'create' && result.notice ? result.notice : 'create'}>
          <input type="hidden" name="intent" value="create" />
          <Field label={t('admin.places.name')} hint={t('admin.places.nameHint')} name="name" defaultValue={values.name} error={createErrors.name} required />
          <SelectField label={t('admin.places.county')} name="countyId" defaultValue={values.countyId} error={createErrors.countyId}>
            <option value="">{t('admin.places.chooseCounty')}</option>
            {counties.map((county) => (
              <option key={county.id} value={county.id}>
                {county.name}
              </option>
            ))}
          </SelectField>
          <button type="submit" disabled={busy}>
            {t('admin.places.create')}
          </button>
        </Form>
      </section>

      <section aria-labelledby="towns">
        <h2 id="towns">{t('admin.places.towns')}</h2>
        {towns.length ? (
          <div className="table-scroll" tabIndex={0}>
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
                    <td>{population(town)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>{t('admin.places.noTowns')}</p>
        )}
      </section>

      <section aria-labelledby="counties">
        <h2 id="counties">{t('admin.places.counties')}</h2>
        <div className="table-scroll" tabIndex={0}>
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
                  <td>{population(county)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
