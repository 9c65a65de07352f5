import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { z } from 'zod';
import { agencyPlaceOptions, createAgency, ncAgencies, updateAgency, type AgencyOutcome } from '~/admin/agencies.server';
import { fieldErrors, typedValues } from '~/admin/forms.server';
import { requireAccess } from '~/auth/access.server';
import { isOperator } from '~/auth/permissions';
import { Field, SelectField } from '~/components/forms';
import { prisma } from '~/db/prisma.server';
import type { AgencyKind } from '~/generated/prisma/enums';
import type { MessageKey } from '~/i18n/i18n';
import { requestTranslator } from '~/i18n/locale.server';
import { useT } from '~/i18n/use-t';
import { agencyPath } from '~/paths';

export const meta: MetaFunction = () => [{ title: 'Agencies · Operator · Oversight Portal' }];

const KINDS = ['SHERIFF', 'POLICE', 'JAIL', 'STATE_AGENCY', 'OTHER'] as const satisfies readonly AgencyKind[];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, isOperator);
  const db = prisma();
  const [agencies, places] = await Promise.all([ncAgencies(db), agencyPlaceOptions(db)]);
  // ?edit=<id> opens the edit form of one agency (one form, not one per row, keeps the page light).
  const editId = Number(new URL(request.url).searchParams.get('edit'));
  return { agencies, places, editing: agencies.find((agency) => agency.id === editId) ?? null };
}

const AgencyFields = {
  kind: z.enum(KINDS),
  jurisdictionId: z.coerce.number().int().positive(),
};
const CreateAgency = z.object({ name: z.string().trim().min(3).max(200), ...AgencyFields });
const UpdateAgency = z.object({ agencyId: z.coerce.number().int().positive(), ...AgencyFields });

const MESSAGES: Record<string, MessageKey> = {
  name: 'admin.agencies.nameRequired',
  kind: 'admin.agencies.kindRequired',
  jurisdictionId: 'admin.agencies.placeRequired',
  agencyId: 'admin.agencies.notFound',
};
const FIELDS = ['name', 'kind', 'jurisdictionId'] as const;
const EMPTY = { name: '', kind: '', jurisdictionId: '' };

export async function action({ request }: ActionFunctionArgs) {
  await requireAccess(request, isOperator);
  const t = requestTranslator(request);
  const form = Object.fromEntries(await request.formData());
  const edit = form.intent === 'update';
  const invalid = (errors: Record<string, string>) =>
    data({ form: edit ? ('update' as const) : ('create' as const), values: typedValues(form, FIELDS), errors }, { status: 400 });

  let outcome: AgencyOutcome;
  if (edit) {
    const parsed = UpdateAgency.safeParse(form);
    if (!parsed.success) return invalid(fieldErrors(parsed.error, MESSAGES, t));
    outcome = await updateAgency(prisma(), parsed.data.agencyId, parsed.data);
  } else {
    const parsed = CreateAgency.safeParse(form);
    if (!parsed.success) return invalid(fieldErrors(parsed.error, MESSAGES, t));
    outcome = await createAgency(prisma(), parsed.data);
  }
  if (!outcome.ok && outcome.error === 'admin.agencies.notFound') throw new Response('Not found', { status: 404 });
  if (!outcome.ok) return invalid({ [outcome.field]: t(outcome.error) });
  // Back to the list (closing the edit form), with what was done in the address.
  throw redirect(`/admin/agencies?${edit ? 'saved' : 'created'}=${encodeURIComponent(outcome.slug)}`);
}

export default function Agencies() {
  const { agencies, places, editing } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useT();
  const busy = navigation.state === 'submitting';
  const createErrors: Record<string, string> = result?.form === 'create' ? result.errors : {};
  const createValues: Record<string, string> = result?.form === 'create' ? result.values : EMPTY;
  const editErrors: Record<string, string> = result?.form === 'update' ? result.errors : {};
  const editValues: Record<string, string> =
    result?.form === 'update' ? result.values : editing ? { name: editing.name, kind: editing.kind, jurisdictionId: String(editing.jurisdictionId ?? '') } : EMPTY;
  const notice = useNotice(agencies);

  const placeOptions = (
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
  const kindOptions = (
    <>
      <option value="">{t('admin.agencies.chooseKind')}</option>
      {KINDS.map((kind) => (
        <option key={kind} value={kind}>
          {t(`agencyKind.${kind}`)}
        </option>
      ))}
    </>
  );

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

      {editing ? (
        <section aria-labelledby="edit">
          <h2 id="edit">{t('admin.agencies.editTitle', { agency: editing.name })}</h2>
          <Form method="post" noValidate className="form" key={editing.id}>
            <input type="hidden" name="intent" value="update" />
            <input type="hidden" name="agencyId" value={editing.id} />
            <SelectField label={t('admin.agencies.kind')} name="kind" idPrefix="edit" defaultValue={editValues.kind} error={editErrors.kind}>
              {kindOptions}
            </SelectField>
            <SelectField label={t('admin.agencies.place')} name="jurisdictionId" idPrefix="edit" defaultValue={editValues.jurisdictionId} error={editErrors.jurisdictionId}>
              {placeOptions}
            </SelectField>
            <button type="submit" disabled={busy}>
              {t('admin.agencies.save')}
            </button>{' '}
            <Link to="/admin/agencies">{t('admin.agencies.cancelEdit')}</Link>
          </Form>
        </section>
      ) : null}

      <div className="table-scroll" tabIndex={0}>
        <table>
          <caption>{t('admin.agencies.count', { count: agencies.length })}</caption>
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
      </div>

      <section aria-labelledby="new-agency">
        <h2 id="new-agency">{t('admin.agencies.createTitle')}</h2>
        <p>{t('admin.agencies.createIntro')}</p>
        <Form method="post" noValidate className="form">
          <input type="hidden" name="intent" value="create" />
          <Field label={t('admin.agencies.name')} hint={t('admin.agencies.nameHint')} name="name" defaultValue={createValues.name} error={createErrors.name} required />
          <SelectField label={t('admin.agencies.kind')} name="kind" idPrefix="new" defaultValue={createValues.kind} error={createErrors.kind}>
            {kindOptions}
          </SelectField>
          <SelectField label={t('admin.agencies.place')} name="jurisdictionId" idPrefix="new" defaultValue={createValues.jurisdictionId} error={createErrors.jurisdictionId}>
            {placeOptions}
          </SelectField>
          <button type="submit" disabled={busy}>
            {t('admin.agencies.create')}
          </button>
        </Form>
      </section>
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
