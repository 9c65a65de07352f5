import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { requireActor } from '~/auth/access.server';
import { TextAreaField } from '~/components/forms';
import { TableRegion } from '~/components/table-region';
import { prisma } from '~/db/prisma.server';
import type { MessageKey } from '~/i18n/i18n';
import { requestLocale, requestTranslator } from '~/i18n/locale.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { describeFilingMessage } from '~/reporting/filing-messages';
import { filingToDecide, reviewAction, reviewFilingPage } from '~/reporting/review-pages.server';
import { translateErrors } from '~/utils/forms';
import { parseForm } from '~/utils/forms.server';
import { idParam } from '~/utils/route-params';
import { NOTE_LIMIT, ReviewDecisionForm } from '~/reporting/filing-forms.server';
import { pageMeta } from '~/components/error-page';

export const meta: MetaFunction<typeof loader> = pageMeta(({ data: page, matches }) => {
  const t = metaTranslator(matches);
  const review = t('review.title');
  return [{ title: pageTitle(t, page ? `${page.filing.agency.name}, ${page.filing.periodLabel} · ${review}` : review) }];
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  return reviewFilingPage(prisma(), actor, idParam(params.id), requestLocale(request));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const t = requestTranslator(request);
  const parsed = await parseForm(request, ReviewDecisionForm);
  if (!parsed.ok) {
    // Outsiders are refused whatever they posted, as when the form can be read.
    await filingToDecide(prisma(), actor, idParam(params.id));
    return data({ outcome: 'refused' as const, errors: translateErrors(t, parsed.errors), note: (parsed.values.note ?? '').slice(0, NOTE_LIMIT) }, { status: 400 });
  }
  const result = await reviewAction(prisma(), actor, idParam(params.id), parsed.data);
  // Post/redirect/get: a reload does not decide twice.
  if (result.outcome === 'decided') throw redirect(`/review/filings/${params.id}?decided=${result.decision}`);
  const errors = Object.fromEntries(Object.entries(result.errors).map(([field, message]) => [field, describeFilingMessage(t, message)]));
  return data({ outcome: 'refused' as const, errors, note: result.note }, { status: 400 });
}

export default function ReviewFiling() {
  const page = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const { t, date } = useT();
  const { filing, revisions, metrics } = page;
  const decided = searchParams.get('decided');
  return (
    <>
      <p>
        <Link to="/review/filings">{t('reviewFiling.back')}</Link>
      </p>
      <h1>{t('reviewFiling.title', { agency: filing.agency.name, period: filing.periodLabel })}</h1>
      {decided === 'ACCEPTED' || decided === 'RETURNED' ? (
        <p className="notice" role="status">
          {t(`reviewFiling.decided.${decided}`)}
        </p>
      ) : null}
      <dl className="facts">
        <dt>{t('reviewFiling.requirement')}</dt>
        <dd>
          {filing.requirementTitle} ({filing.policyTitle}, {filing.statute})
        </dd>
        <dt>{t('reviewFiling.dueOn')}</dt>
        <dd>{date(filing.dueOn)}</dd>
        {filing.late !== null ? (
          <>
            <dt>{t('reviewFiling.timeliness')}</dt>
            <dd>{t(filing.late ? 'reviewFiling.late' : 'reviewFiling.onTime')}</dd>
          </>
        ) : null}
        <dt>{t('reviewFiling.state')}</dt>
        <dd>{t(`reviewState.${filing.state}`)}</dd>
      </dl>
      {filing.heldRevision !== null ? <p className="notice">{t('reviewFiling.heldRevision', { counted: filing.heldRevision })}</p> : null}

      {page.canDecide && page.newestRevision !== null ? (
        <DecisionSection revision={page.newestRevision} />
      ) : page.newestRevision !== null ? (
        <p className="muted">{t('reviewFiling.operatorOnly')}</p>
      ) : null}

      <Decisions reviews={page.reviews} />

      {revisions.map((revision) => (
        <RevisionSection key={revision.number} revision={revision} newest={revision.number === page.newestRevision} metrics={metrics} />
      ))}

      <Attachments filingId={filing.id} attachments={page.attachments} />
    </>
  );
}

/** The reviewer's decision on the newest revision, with what the last attempt left to fix. */
function DecisionSection({ revision }: { revision: number }) {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useT();
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <section aria-labelledby="decide" className="form">
      <h2 id="decide">{t('reviewFiling.decideTitle', { number: revision })}</h2>
      {result ? (
        <div className="alert" role="alert">
          <p>{t('reviewFiling.refused')}</p>
          <ul>
            {Object.values(result.errors).map((message) => (
              <li key={message}>{message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="revisionNumber" value={revision} />
        <TextAreaField label={t('reviewFiling.note')} name="note" hint={t('reviewFiling.noteHint')} defaultValue={result?.note ?? ''} error={errors.note} rows={4} />
        <div className="actions">
          <button type="submit" name="decision" value="ACCEPTED" disabled={navigation.state === 'submitting'}>
            {t('reviewFiling.accept', { number: revision })}
          </button>{' '}
          <button type="submit" name="decision" value="RETURNED" className="secondary" disabled={navigation.state === 'submitting'}>
            {t('reviewFiling.return', { number: revision })}
          </button>
        </div>
      </Form>
    </section>
  );
}

/** The decisions so far, oldest first, with the reviewers' notes. */
function Decisions({ reviews }: { reviews: ReviewPage['reviews'] }) {
  const { t, date } = useT();
  if (reviews.length === 0) return null;
  return (
    <section aria-labelledby="decisions">
      <h2 id="decisions">{t('reviewFiling.decisions')}</h2>
      <ul>
        {reviews.map((review, i) => (
          <li key={i}>
            {t('reviewFiling.decision', {
              date: date(review.on),
              reviewer: review.reviewer,
              decision: t(`reviewFiling.decision.${review.decision}`),
              number: review.revisionNumber,
            })}
            {review.note ? <blockquote>{review.note}</blockquote> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The documents attached to the report, with the revision each came with. */
function Attachments({ filingId, attachments }: { filingId: number; attachments: ReviewPage['attachments'] }) {
  const { t } = useT();
  return (
    <section aria-labelledby="attachments">
      <h2 id="attachments">{t('reviewFiling.attachments')}</h2>
      {attachments.length === 0 ? (
        <p>{t('reviewFiling.noAttachments')}</p>
      ) : (
        <ul>
          {attachments.map((attachment) => (
            <li key={attachment.id}>
              <a href={`/filings/${filingId}/attachments/${attachment.id}`}>{attachment.fileName}</a>{' '}
              <span className="muted">
                ({attachment.revisionNumber ? t('reviewFiling.attachmentRevision', { number: attachment.revisionNumber }) : t('reviewFiling.attachmentDraft')})
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type ReviewPage = ReturnType<typeof useLoaderData<typeof loader>>;
type Changes = NonNullable<ReviewPage['revisions'][number]['changes']>;

/**
 * An amendment's figures beside the revision before it: changed rows marked (in words, not
 * only by colour), and a warning, above the table and on the row, for each changed figure
 * the reason for amendment does not mention.
 */
function RevisionChanges({ number, changes }: { number: number; changes: Changes }) {
  const { t } = useT();
  const label = (key: string) => t(`metric.${key}.label` as MessageKey);
  const value = (text: string | null) => text ?? <span className="muted">{t('reviewFiling.notReported')}</span>;
  return (
    <>
      <p>{changes.changed === 0 ? t('reviewFiling.diff.none', { previous: changes.previous }) : t('reviewFiling.diff.summary', { count: changes.changed, previous: changes.previous })}</p>
      {changes.unmentioned.length > 0 ? (
        <p className="alert" id={`unmentioned-${number}`}>
          {t('reviewFiling.diff.unmentionedSummary', { figures: changes.unmentioned.map(label).join(', ') })}
        </p>
      ) : null}
      <TableRegion labelledBy={`revision-${number}`}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t('reviewFiling.metric')}</th>
              <th scope="col">{t('reviewFiling.diff.before', { number: changes.previous })}</th>
              <th scope="col">{t('reviewFiling.diff.after', { number })}</th>
              <th scope="col">{t('reviewFiling.diff.change')}</th>
            </tr>
          </thead>
          <tbody>
            {changes.figures.map((figure) => (
              <tr key={figure.key} className={figure.kind === 'unchanged' ? undefined : 'changed'} data-change={figure.kind}>
                <th scope="row">{label(figure.key)}</th>
                <td className="number">{value(figure.before)}</td>
                <td className="number">{figure.kind === 'unchanged' ? value(figure.after) : <strong>{value(figure.after)}</strong>}</td>
                <td>
                  {figure.kind === 'unchanged' ? null : t(`reviewFiling.diff.kind.${figure.kind}`)}
                  {figure.mentioned ? null : <strong className="flag"> {t('reviewFiling.diff.unmentioned')}</strong>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </>
  );
}

/** One submitted revision: who certified it, how, why it was amended, its figures and explanations. */
function RevisionSection({ revision, newest, metrics }: { revision: ReviewPage['revisions'][number]; newest: boolean; metrics: ReviewPage['metrics'] }) {
  const { t, date } = useT();
  return (
    <section aria-labelledby={`revision-${revision.number}`}>
      <h2 id={`revision-${revision.number}`}>
        {t('reviewFiling.revisionTitle', { number: revision.number })} {newest ? t('reviewFiling.newest') : null}
      </h2>
      <p>
        {t('reviewFiling.certified', {
          date: date(revision.certifiedAt),
          name: revision.certifiedName,
          title: revision.certifiedTitle,
          channel: t(`reviewFiling.channel.${revision.channel}`),
        })}
      </p>
      {revision.amendmentReason ? <p>{t('reviewFiling.amendmentReason', { reason: revision.amendmentReason })}</p> : null}
      {revision.nothingToReport ? <p>{t('reviewFiling.nothing')}</p> : null}
      {revision.changes ? (
        <RevisionChanges number={revision.number} changes={revision.changes} />
      ) : revision.nothingToReport ? null : (
        <TableRegion labelledBy={`revision-${revision.number}`}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('reviewFiling.metric')}</th>
                <th scope="col">{t('reviewFiling.value')}</th>
              </tr>
            </thead>
            <tbody>
              {metrics.map((metric) => (
                <tr key={metric.key}>
                  <th scope="row">{t(`metric.${metric.key}.label` as MessageKey)}</th>
                  <td className="number">{revision.values[metric.key] ?? <span className="muted">{t('reviewFiling.notReported')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {revision.explanations.length > 0 ? (
        <>
          <h3>{t('reviewFiling.explanations')}</h3>
          <ul>
            {revision.explanations.map((explanation) => (
              <li key={explanation.rule}>{explanation.text}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
