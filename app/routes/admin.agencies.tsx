import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { agencyPlaceOptions, createAgency, ncAgencies, updateAgency, type AgencyOutcome } from '~/admin/agencies.server';
import { requireAccess } from '~/auth/access.server';
import { isOperator } from '~/auth/permissions';
import { Field, SelectField } from '~/components/forms';
import { TableRegion } from '~/components/table-region';
import { prisma } from '~/db/prisma.server';
import { AGENCY_KINDS } from '~/admin/agency-kinds';
import { requestTranslator } from '~/i18n/locale.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { agencyPath } from '~/paths';
import { translateErrors, type FieldErrors } from '~/utils/forms';
import { formBody, parseWith } from '~/utils/forms.server';
import { CreateAgency, EditQuery, UpdateAgency } from '~/admin/operator-forms.server';
import { pageMeta } from '~/components/error-page';

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('admin.pageTitle', { page: t('admin.agencies.title') })) }];
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, isOperator);
  const db = prisma();
  const [agencies, places] = await Promise.all([ncAgencies(db), agencyPlaceOptions(db)]);
  const query = parseWith(EditQuery, new URL(request.url).searchParams);
  const editing = query.ok ? (agencies.find((agency) => agency.id === query.data.edit) ?? null) : null;
  return { agencies, places, editing };
}

const FIELDS = ['name', 'kind', 'jurisdictionId'] as const;
type Values = Record<(typeof FIELDS)[number], string>;
const EMPTY: Values = { name: '', kind: '', jurisdictionId: '' };

/** The fields as typed (or as read), to put back into the form after a refusal. */
const typed = (values: Partial<Record<(typeof FIELDS)[number], string | number>>) =>
  Object.fromEntries(FIELDS.map((name) => [name, String(values[name] ?? '')])) as Values;

export async function action({ request }: ActionFunctionArgs) {
  await requireAccess(request, isOperator);
  const t = requestTranslator(request);
  const form = await formBody(request);
  const edit = form.get('intent') === 'update';
  const invalid = (values: Values, errors: FieldErrors) =>
    data({ form: edit ? ('update' as const) : ('create' as const), values, errors: translateErrors(t, errors) }, { status: 400 });

  let outcome: AgencyOutcome;
  let values: Values;
  if (edit) {
    const parsed = parseWith(UpdateAgency, form);
    if (!parsed.ok) return invalid(typed(parsed.values), parsed.errors);
    values = typed(parsed.data);
    outcome = await updateAgency(prisma(), parsed.data.agencyId, parsed.data);
  } else {
    const parsed = parseWith(CreateAgency, form);
    if (!parsed.ok) return invalid(typed(parsed.values), parsed.errors);
    values = typed(parsed.data);
    outcome = await createAgency(prisma(), parsed.data);
  }
  if (!outcome.ok && outcome.error === 'admin.agencies.notFound') throw new Response('Not found', { status: 404 });
  if (!outcome.ok) return invalid(values, { [outcome.field]: outcome.error });
  // Back to the list (closing the edit form), with what was done in the address.
  throw redirect(`/admin/agencies?${edit ? 'saved' : 'created'}=${encodeURIComponent(outcome.slug)}`);
}

export default function Agencies() {
  const { agencies, editing } = useLoaderData<typeof loader>();
  const { t } = useT();
  const notice = useNotice(agencies);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin">{t('admin.home.title')}</Link>
      </p>
      <h1>{t('admin.agencies.title')}</h1>
      <p>{t('admin.agencies.intro')}</p>
      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}
      {editing ? <EditAgencySection agency={editing} /> : null}
      <AgencyTable />
      <NewAgencySection />
    </>
  );
}

/** The errors and values of one of the page's two forms after its last post, and whether a post is under way. */
function useFormResult(form: 'create' | 'update') {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const mine = result?.form === form ? result : null;
  return { errors: (mine?.errors ?? {}) as Record<string, string>, values: mine?.values ?? null, busy: navigation.state === 'submitting' };
}

function EditAgencySection({ agency }: { agency: { id: number; name: string; kind: string; jurisdictionId: number | null } }) {
  const { t } = useT();
  const { errors, values: typedValues, busy } = useFormResult('update');
  const values = typedValues ?? { name: agency.name, kind: agency.kind, jurisdictionId: String(agency.jurisdictionId ?? '') };
  return (
    <section aria-labelledby="edit">
      <h2 id="edit">{t('admin.agencies.editTitle', { agency: agency.name })}</h2>
      <Form method="post" noValidate className="form" key={agency.id}>
        <input type="hidden" name="intent" value="update" />
        <input type="hidden" name="agencyId" value={agency.id} />
        <SelectField label={t('admin.agencies.kind')} name="kind" idPrefix="edit" defaultValue={values.kind} error={errors.kind}>
          <KindOptions />
        </SelectField>
        <SelectField label={t('admin.agencies.place')} name="jurisdictionId" idPrefix="edit" defaultValue={values.jurisdictionId} error={errors.jurisdictionId}>
          <PlaceOptions />
        </SelectField>
        <button type="submit" disabled={busy}>
          {t('admin.agencies.save')}
        </button>{' '}
        <Link to="/admin/agencies">{t('admin.agencies.cancelEdit')}</Link>
      </Form>
    </section>
  );
}

function AgencyTable() {
  const { agencies } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <TableRegion labelledBy="agencies-caption">
      <table>
        <caption id="agencies-caption">{t('admin.agencies.count', { count: agencies.length })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('table.agency')}</th>
            <th scope="col">{t('admin.agencies.kind')}</th>
            <th scope="col">{t('admin.agencies.place')}</th>
            <th scope="col">{t('table.count')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('admin.agencies.edit')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {agencies.map((agency) => (
            <tr key={agency.id}>
              <th scope="row">
                <Link to={agencyPath(agency)}>{agency.name}</Link>
              </th>
              <td>{t(`agencyKind.${agency.kind}`)}</td>
              <td>{agency.place ?? t('admin.agencies.noPlace')}</td>
              <td>{agency.agreements}</td>
              <td>
                <Link to={`/admin/agencies?edit=${agency.id}#edit`}>
                  {t('admin.agencies.edit')}
                  <span className="visually-hidden"> {agency.name}</span>
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

function NewAgencySection() {
  const { t } = useT();
  const { errors, values: typedValues, busy } = useFormResult('create');
  const values = typedValues ?? EMPTY;
  return (
    <section aria-labelledby="new-agency">
      <h2 id="new-agency">{t('admin.agencies.createTitle')}</h2>
      <p>{t('admin.agencies.createIntro')}</p>
      <Form method="post" noValidate className="form">
        <input type="hidden" name="intent" value="create" />
        <Field label={t('admin.agencies.name')} hint={t('admin.agencies.nameHint')} name="name" defaultValue={values.name} error={errors.name} required />
        <SelectField label={t('admin.agencies.kind')} name="kind" idPrefix="new" defaultValue={values.kind} error={errors.kind}>
          <KindOptions />
        </SelectField>
        <SelectField label={t('admin.agencies.place')} name="jurisdictionId" idPrefix="new" defaultValue={values.jurisdictionId} error={errors.jurisdictionId}>
          <PlaceOptions />
        </SelectField>
        <button type="submit" disabled={busy}>
          {t('admin.agencies.create')}
        </button>
      </Form>
    </section>
  );
}

/** The state, its counties and its towns, grouped. */
function PlaceOptions() {
  const { places } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <option value="">{t('admin.agencies.choosePlace')}</option>
      {(['STATE', 'COUNTY', 'MUNICIPALITY'] as const).map((kind) => (
        <optgroup key={kind} label={t(`admin.agencies.placeKind.${kind}`)}>
          {places
            .filter((place) => place.kind === kind)
            .map((place) => (
              <option key={place.id} value={place.id}>
                {place.label}
              </option>
            ))}
        </optgroup>
      ))}
    </>
  );
}

function KindOptions() {
  const { t } = useT();
  return (
    <>
      <option value="">{t('admin.agencies.chooseKind')}</option>
      {AGENCY_KINDS.map((kind) => (
        <option key={kind} value={kind}>
          {t(`agencyKind.${kind}`)}
        </option>
      ))}
    </>
  );
}

/** "Saved" or "created", after the redirect that follows a change (?saved= / ?created=). */
function useNotice(agencies: { slug: string; name: string }[]) {
  const { t } = useT();
  const [params] = useSearchParams();
  const saved = agencies.find((agency) => agency.slug === params.get('saved'));
  if (saved) return t('admin.agencies.saved', { agency: saved.name });
  const created = agencies.find((agency) => agency.slug === params.get('created'));
  if (created) return t('admin.agencies.created', { agency: created.name });
  return null;
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
