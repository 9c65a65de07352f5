import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { forbidden, requireAccess } from '~/auth/access.server';
import { agencyScope, inviteToAgency, reviewerPlaces } from '~/auth/accounts.server';
import { requestInfo } from '~/auth/events.server';
import { normalizeEmail } from '~/auth/credentials.server';
import { canInvite, reviewedJurisdictionIds } from '~/auth/permissions';
import { AgencyOptionGroups, Field, SelectField } from '~/components/forms';
import { StatusTag } from '~/components/registry';
import { prisma } from '~/db/prisma.server';
import { requestTranslator } from '~/i18n/locale.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { agencyPath } from '~/paths';
import { translateErrors } from '~/utils/forms';
import { formBody, parseWith } from '~/utils/forms.server';
import { InviteForm, InviteScope } from '~/auth/account-forms.server';
import { pageMeta } from '~/components/error-page';
import { openFlagViews } from '~/preapproval/flags.server';

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('review.title')) }];
});

const requireReviewer = (request: Request) => requireAccess(request, (actor) => reviewedJurisdictionIds(actor).length > 0);

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireReviewer(request);
  const places = reviewedJurisdictionIds(actor);
  return { places: await reviewerPlaces(prisma(), places), flags: await openFlagViews(prisma(), places) };
}

const blank = { email: '', role: '', agencyId: '' };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requireReviewer(request);
  const t = requestTranslator(request);
  const form = await formBody(request);

  // Checked before any field error is reported: an agency outside the reviewer's places (or
  // one that does not exist) is refused outright, whatever else the form says (hence only these
  // two fields).
  const scope = parseWith(InviteScope, { agencyId: form.get('agencyId') ?? undefined, role: form.get('role') ?? undefined });
  const agency = scope.ok ? await agencyScope(prisma(), scope.data.agencyId) : null;
  if (scope.ok && (!agency || !canInvite(actor, { role: scope.data.role, jurisdictionId: null, agency }))) forbidden();

  const parsed = parseWith(InviteForm, form);
  if (!parsed.ok || !agency) {
    const typed = parsed.ok ? {} : parsed.values;
    const values = { email: typed.email ?? '', role: typed.role ?? '', agencyId: typed.agencyId ?? '' };
    return data({ created: null, errors: parsed.ok ? {} : translateErrors(t, parsed.errors), values }, { status: 400 });
  }
  const { email, role } = parsed.data;
  const link = await inviteToAgency(prisma(), request, actor, { email, role, agency }, requestInfo(request, context.clientIp));
  return {
    created: {
      id: link.id,
      email: normalizeEmail(email),
      role,
      agency: agency.name,
      url: link.url,
      delivery: link.delivery.sent ? ('sent' as const) : link.delivery.reason,
    },
    errors: {} as Record<string, string>,
    values: blank,
  };
}

type Place = ReturnType<typeof useLoaderData<typeof loader>>['places'][number];

export default function Review() {
  const { places, flags } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <h1>{t('review.title')}</h1>
      <p className="lead">{t('review.intro')}</p>
      {flags.length > 0 ? (
        <section className="notice" aria-labelledby="open-flags">
          <h2 id="open-flags">{t('preapproval.flag.title')}</h2>
          <p>{t('preapproval.flag.reviewIntro')}</p>
          <ul>
            {flags.map((flag) => (
              <li key={flag.id}>
                {t('preapproval.flag.text', { agency: flag.agencyName, model: t(`model.${flag.model}`), status: t(`status.${flag.status}`) })}{' '}
                <Link to={`/review/preapproval-flags/${flag.id}`}>{t('preapproval.flag.resolveLink', { agency: flag.agencyName })}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <p>
        <Link to="/review/policies">{t('review.policiesLink')}</Link>
      </p>
      <p>
        <Link to="/review/filings">{t('reviewFilings.link')}</Link>
      </p>
      <p>
        <Link to="/review/compliance">{t('reviewCompliance.link')}</Link>
      </p>

      {places.map((place) => (
        <PlaceAgencies key={place.id} place={place} />
      ))}

      <InviteSection places={places} />
    </>
  );
}

/** The agencies based in one reviewed place, with their agreements. */
function PlaceAgencies({ place }: { place: Place }) {
  const { t, date } = useT();
  return (
    <section aria-labelledby={`place-${place.id}`}>
      <h2 id={`place-${place.id}`}>{t('review.agenciesIn', { place: place.name })}</h2>
      {place.agencies.length === 0 ? <p>{t('review.noAgencies', { place: place.name })}</p> : null}
      {place.agencies.map((agency) => (
        <article key={agency.id} className="card">
          <h3>
            <Link to={agencyPath(agency)}>{agency.name}</Link>
          </h3>
          <p className="muted">{t(`agencyKind.${agency.kind}`)}</p>
          {agency.agreements.length ? (
            <ul className="plain">
              {agency.agreements.map((agreement) => (
                <li key={agreement.publicId}>
                  <StatusTag status={agreement.status} /> {t(`model.${agreement.model}`)}
                  {agreement.signedOn ? ` — ${t('agency.signedOn', { date: date(agreement.signedOn) })}` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('review.noAgreements')}</p>
          )}
        </article>
      ))}
    </section>
  );
}

/** Inviting someone to file for an agency: the link just created, or the form. */
function InviteSection({ places }: { places: Place[] }) {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useT();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  const values = result?.values ?? blank;
  const created = result?.created;
  const withAgencies = places.filter((place) => place.agencies.length > 0);
  return (
    <section aria-labelledby="invite" className="form">
      <h2 id="invite">{t('review.inviteTitle')}</h2>
      {created ? (
        <div className="notice" role="status">
          <p>{t('review.created', { email: created.email, role: t(`role.${created.role}`), agency: created.agency })}</p>
          <p>{t(`review.delivery.${created.delivery}`, { email: created.email })}</p>
          <p id="invite-link">
            <strong>{t('review.linkLabel')}</strong>
          </p>
          <code className="secret" aria-labelledby="invite-link">
            {created.url}
          </code>
          <p>{t('review.linkOnce')}</p>
        </div>
      ) : null}
      {result && !created ? (
        <p className="alert" role="alert">
          {t('review.fixErrors')}
        </p>
      ) : null}
      {withAgencies.length > 0 ? (
        <>
          <p>{t('review.inviteIntro')}</p>
          {/* A new key after each invitation empties the form for the next one. */}
          <Form method="post" noValidate key={created?.id ?? 'form'}>
            <Field label={t('review.email')} name="email" type="email" autoComplete="off" defaultValue={values.email} error={errors.email} required />
            <SelectField label={t('review.role')} name="role" defaultValue={values.role} error={errors.role}>
              <option value="">{t('review.chooseRole')}</option>
              {(['FILER', 'HEAD'] as const).map((role) => (
                <option key={role} value={role}>
                  {t(`review.role.${role}`)}
                </option>
              ))}
            </SelectField>
            <SelectField label={t('review.agency')} name="agencyId" defaultValue={values.agencyId} error={errors.agencyId}>
              <option value="">{t('review.chooseAgency')}</option>
              <AgencyOptionGroups places={withAgencies} />
            </SelectField>
            <button type="submit" disabled={navigation.state === 'submitting'}>
              {t('review.submit')}
            </button>
          </Form>
        </>
      ) : (
        <p>{t('review.noAgenciesToInvite')}</p>
      )}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
