import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { requireActor } from '~/auth/access.server';
import { getActor } from '~/auth/session.server';
import { pageMeta } from '~/components/error-page';
import { Field, SelectField, TextAreaField } from '~/components/forms';
import { prisma } from '~/db/prisma.server';
import type { MessageKey } from '~/i18n/i18n';
import { requestTranslator } from '~/i18n/locale.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { agencyPath } from '~/paths';
import { applicationPage, applicationPageAction } from '~/preapproval/application-pages.server';
import { DECISIONS, type Action } from '~/preapproval/application-stages';
import { idParam } from '~/utils/route-params';
import { newYorkDate } from '~/reporting/calendar';

/** No client app: the timeline and the forms are plain HTML. */
export const handle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = pageMeta(({ data: page, matches }) => {
  const t = metaTranslator(matches);
  if (!page) return [{ title: pageTitle(t, t('error.notFound')) }];
  const { id, agency } = page.application;
  return [
    { title: pageTitle(t, t('preapproval.page.title', { agency: agency.name })) },
    { tagName: 'link', rel: 'alternate', type: 'application/atom+xml', href: `/preapproval/applications/${id}/feed`, title: t('preapproval.feed.title', { agency: agency.name }) },
  ];
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  return applicationPage(prisma(), idParam(params.id), await getActor(request));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const id = idParam(params.id);
  const form = await request.formData();
  // Residents comment without an account; every other post is a signed-in person's (checked again in the service).
  const actor = form.get('intent') === 'comment' ? await getActor(request) : await requireActor(request);
  const result = await applicationPageAction(prisma(), { applicationId: id, actor, form, ip: context.clientIp, t: requestTranslator(request) });
  // Post/redirect/get: a reload does not post twice.
  if (result.ok) throw redirect(`/preapproval/applications/${id}?done=${result.notice}`);
  return data(result, { status: 400 });
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;
type Typed = Record<string, string | undefined>;

export default function ApplicationPage() {
  const { application, councilActions, agencyActions, canModerate } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const { t } = useT();
  const errors: Typed = result && !result.ok ? result.errors : {};
  const values: Typed = result && !result.ok ? result.values : {};
  const done = searchParams.get('done');
  const actions = [...councilActions, ...agencyActions];
  return (
    <>
      <p className="breadcrumb">
        <Link to={agencyPath(application.agency)}>{application.agency.name}</Link>
      </p>
      <h1>{t('preapproval.page.title', { agency: application.agency.name })}</h1>
      <p className="lead">
        {t('preapproval.page.sought', { model: t(`model.${application.model}`) })} {t('preapproval.page.stageNow', { stage: t(`preapproval.stage.${application.stage}`) })}
      </p>
      {done === 'commented' || done === 'hidden' || done === 'stepped' ? (
        <p className="notice" role="status">
          {t(`preapproval.page.done.${done}`)}
        </p>
      ) : null}
      {errors._form || errors.action ? (
        <p className="alert" role="alert">
          {errors._form ?? errors.action}
        </p>
      ) : null}
      <RecordSections application={application} />
      <Comments application={application} canModerate={canModerate} errors={errors} values={values} />
      {actions.length > 0 ? (
        <section aria-labelledby="controls">
          <h2 id="controls">{t('preapproval.page.controls')}</h2>
          {actions.map((action) => (
            <StepForm key={action} action={action} errors={values.action === action ? errors : {}} values={values.action === action ? values : {}} />
          ))}
        </section>
      ) : null}
    </>
  );
}

/** The dated stages, the hearing, the decision and the items, as the public reads them. */
function RecordSections({ application }: { application: Page['application'] }) {
  const { t, date } = useT();
  const { hearing, decision } = application;
  return (
    <>
      <section aria-labelledby="timeline">
        <h2 id="timeline">{t('preapproval.page.timeline')}</h2>
        <ol>
          {application.events.map((event) => (
            <li key={event.id}>
              <strong>{date(event.on)}</strong>: {t(`preapproval.stage.${event.to}` as MessageKey)}
              {typeof event.details.reason === 'string' ? ` — ${event.details.reason}` : null}
            </li>
          ))}
        </ol>
        <p>
          <a href={`/preapproval/applications/${application.id}/feed`}>{t('preapproval.page.feed')}</a>
        </p>
      </section>
      {hearing ? (
        <section aria-labelledby="hearing">
          <h2 id="hearing">{t('preapproval.page.hearing')}</h2>
          <p>{t('preapproval.page.hearingWhere', { date: date(hearing.on), place: hearing.place ?? '' })}</p>
          <p className="prewrap">{hearing.minutes}</p>
        </section>
      ) : null}
      {decision ? (
        <section aria-labelledby="decision">
          <h2 id="decision">{t('preapproval.page.decision')}</h2>
          <p>
            <strong>{t(`preapproval.decision.${decision.decision}`)}</strong>
            {decision.on ? ` (${date(decision.on)})` : null}
          </p>
          <p>{t('preapproval.page.vote', { for: decision.votesFor ?? 0, against: decision.votesAgainst ?? 0, abstaining: decision.votesAbstaining ?? 0 })}</p>
          {decision.conditions ? <p className="prewrap">{decision.conditions}</p> : null}
        </section>
      ) : null}
      <section aria-labelledby="items">
        <h2 id="items">{t('preapproval.page.items')}</h2>
        <dl>
          {application.items.map((item) => (
            <div key={item.key}>
              <dt>
                {t(`preapproval.item.${item.key}`)}
                {application.requiredItems.includes(item.key) ? ` (${t('preapproval.page.required')})` : null}
              </dt>
              <dd className="prewrap">{item.text || t('preapproval.page.notGiven')}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}

/** Residents' comments: visible ones, hidden ones by their reason, the clerk's hide forms, and the form while notice is given. */
function Comments({ application, canModerate, errors, values }: { application: Page['application']; canModerate: boolean; errors: Typed; values: Typed }) {
  const { t, date } = useT();
  return (
    <section aria-labelledby="comments">
      <h2 id="comments">{t('preapproval.page.comments')}</h2>
      {application.commentsCloseOn ? (
        <p>{t('preapproval.page.commentPeriod', { from: date(application.commentsOpenOn ?? application.commentsCloseOn), to: date(application.commentsCloseOn) })}</p>
      ) : null}
      {application.comments.length === 0 ? <p>{t('preapproval.page.noComments')}</p> : null}
      {application.comments.map((comment) => (
        <article key={comment.id} className="card">
          {comment.hidden ? (
            <p className="muted">{t('preapproval.page.hiddenComment', { reason: comment.hiddenReason ?? '' })}</p>
          ) : (
            <>
              <p className="muted">
                {comment.name ?? t('preapproval.page.anonymous')}, {date(newYorkDate(comment.createdAt))}
              </p>
              <p className="prewrap">{comment.body}</p>
              {canModerate ? (
                <Form method="post" className="form">
                  <input type="hidden" name="intent" value="hide" />
                  <input type="hidden" name="commentId" value={comment.id} />
                  <Field label={t('preapproval.page.hideReason')} name="reason" id={`hide-${comment.id}`} required />
                  <button type="submit">{t('preapproval.page.hide')}</button>
                </Form>
              ) : null}
            </>
          )}
        </article>
      ))}
      {application.stage === 'PUBLIC_NOTICE' ? (
        <Form method="post" noValidate className="form">
          <input type="hidden" name="intent" value="comment" />
          <Field label={t('preapproval.page.name')} hint={t('preapproval.page.nameHint')} name="name" autoComplete="name" defaultValue={values.name} error={errors.name} />
          <TextAreaField label={t('preapproval.page.comment')} name="body" defaultValue={values.body} error={errors.body} required />
          <button type="submit">{t('preapproval.page.send')}</button>
        </Form>
      ) : null}
    </section>
  );
}

/** One step's form: the fields that step records, then its button (errors and values only of this step's last post). */
function StepForm({ action, errors, values }: { action: Action; errors: Typed; values: Typed }) {
  const { t } = useT();
  const field = (name: string) => ({ id: `${action}-${name}`, name, error: errors[name], defaultValue: values[name] });
  return (
    <Form method="post" noValidate className="form card">
      <h3>{t(`preapproval.action.${action}`)}</h3>
      <input type="hidden" name="intent" value="step" />
      <input type="hidden" name="action" value={action} />
      {action === 'return' || action === 'withdraw' ? <TextAreaField label={t('preapproval.page.reason')} {...field('reason')} /> : null}
      {action === 'holdHearing' ? (
        <>
          <Field label={t('preapproval.page.hearingOn')} type="date" {...field('hearingOn')} />
          <Field label={t('preapproval.page.place')} {...field('place')} />
          <TextAreaField label={t('preapproval.page.minutes')} {...field('minutes')} />
        </>
      ) : null}
      {action === 'decide' ? <DecisionFields field={field} voteError={errors.votes} /> : null}
      {action === 'giveNotice' && errors.items ? (
        <p className="alert" role="alert">
          {errors.items}
        </p>
      ) : null}
      <Field label={t('preapproval.page.on')} hint={t('preapproval.page.onHint')} type="date" {...field('on')} />
      <button type="submit">{t(`preapproval.action.${action}`)}</button>
    </Form>
  );
}

function DecisionFields({ field, voteError }: { field: (name: string) => { id: string; name: string; error?: string; defaultValue?: string }; voteError?: string }) {
  const { t } = useT();
  return (
    <>
      <SelectField label={t('preapproval.page.decision')} {...field('decision')}>
        <option value="">{t('preapproval.page.choose')}</option>
        {DECISIONS.map((decision) => (
          <option key={decision} value={decision}>
            {t(`preapproval.decision.${decision}`)}
          </option>
        ))}
      </SelectField>
      <TextAreaField label={t('preapproval.page.conditions')} {...field('conditions')} />
      <Field label={t('preapproval.page.votesFor')} inputMode="numeric" {...field('votesFor')} error={voteError} />
      <Field label={t('preapproval.page.votesAgainst')} inputMode="numeric" {...field('votesAgainst')} />
      <Field label={t('preapproval.page.votesAbstaining')} inputMode="numeric" {...field('votesAbstaining')} />
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
