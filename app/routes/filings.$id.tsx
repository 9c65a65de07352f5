import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { requireActor } from '~/auth/access.server';
import { Field } from '~/components/forms';
import { prisma } from '~/db/prisma.server';
import { useT } from '~/i18n/use-t';
import { ACCEPT_ATTRIBUTE, describeAttachmentProblem, formatSize } from '~/reporting/attachment-types';
import type { FilingIssue } from '~/reporting/filing-checks';
import { filingAction, filingPage, type PostedFiling } from '~/reporting/filing-pages.server';

// Field names of the figures and explanations: "value:gross_cost", "explanation:<rule id>".
const VALUE_PREFIX = 'value:';
const EXPLANATION_PREFIX = 'explanation:';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `Report for ${data.filing.periodLabel}` : 'Report'} · Oversight Portal` },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const query = new URL(request.url).searchParams;
  const submitted = Number(query.get('submitted'));
  return filingPage(prisma(), actor, Number(params.id), { submitted: Number.isSafeInteger(submitted) ? submitted : null, attachmentQuery: query });
}

/** The form as posted; the server module keeps only the filing's own metrics. */
function readForm(form: FormData): { intent: string; posted: PostedFiling } {
  const text = (value: FormDataEntryValue | null) => (typeof value === 'string' ? value : '');
  const prefixed = (prefix: string) =>
    Object.fromEntries([...form.entries()].filter(([name]) => name.startsWith(prefix)).map(([name, value]) => [name.slice(prefix.length), text(value)]));
  return {
    intent: text(form.get('intent')),
    posted: {
      values: prefixed(VALUE_PREFIX),
      explanations: prefixed(EXPLANATION_PREFIX),
      nothingToReport: form.get('nothingToReport') === 'on',
      certifiedName: text(form.get('certifiedName')),
      certifiedTitle: text(form.get('certifiedTitle')),
      amendmentReason: text(form.get('amendmentReason')),
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireActor(request);
  const result = await filingAction(prisma(), actor, Number(params.id), readForm(await request.formData()));
  if (result.outcome === 'submitted') throw redirect(`/filings/${params.id}?submitted=${result.revision}`);
  if (result.outcome === 'invalid') throw new Response('Bad request', { status: 400 });
  return data(result, { status: result.outcome === 'refused' ? 400 : 200 });
}

/** The issues naming a field, each as "Error: …" or "Warning: …", under the field. */
function IssueList({ id, issues }: { id: string; issues: FilingIssue[] }) {
  const { t } = useT();
  if (issues.length === 0) return null;
  return (
    <ul id={id} className="plain">
      {issues.map((issue, i) => (
        <li key={i} className={issue.severity === 'error' ? 'field-error' : 'hint'}>
          {t(issue.severity === 'error' ? 'filing.error' : 'filing.warning', { message: issue.message })}
        </li>
      ))}
    </ul>
  );
}

/** Like Field, but with all of a field's errors and warnings (there may be several), tied to it for screen readers. */
function CheckedField({
  name,
  label,
  hint,
  defaultValue,
  issues,
  multiline = false,
  ...rest
}: {
  name: string;
  label: string;
  hint?: string;
  defaultValue: string;
  issues: FilingIssue[];
  multiline?: boolean;
  inputMode?: 'decimal';
  autoComplete?: string;
}) {
  const id = `field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;
  const describedBy = [hint ? `${id}-hint` : null, issues.length > 0 ? `${id}-issues` : null].filter(Boolean).join(' ') || undefined;
  const invalid = issues.some((issue) => issue.severity === 'error') || undefined;
  const common = { id, name, defaultValue, 'aria-describedby': describedBy, 'aria-invalid': invalid };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} {...rest} />}
      <IssueList id={`${id}-issues`} issues={issues} />
    </div>
  );
}

/**
 * The filing's documents, and a form to attach one. Both forms post to the attachments route,
 * which redirects back here with what happened (reloadDocument: a file upload is a plain form post).
 */
function Attachments({ filingId, isAmendment }: { filingId: number; isAmendment: boolean }) {
  const { attachments } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  const { items, maxBytes, problem, attachedNotice, removedNotice } = attachments;
  const action = `/filings/${filingId}/attachments`;
  const message = problem ? describeAttachmentProblem(t, problem) : null;
  const removalRefused = problem?.code === 'sealed';
  return (
    <section id="attachments" aria-labelledby="attachments-title">
      <h2 id="attachments-title">{t('attachments.title')}</h2>
      <p>{t('attachments.intro')}</p>
      {attachedNotice ? (
        <p className="notice" role="status">
          {t('attachments.attachedNotice', { file: attachedNotice })}
        </p>
      ) : null}
      {removedNotice ? (
        <p className="notice" role="status">
          {t('attachments.removedNotice')}
        </p>
      ) : null}
      {removalRefused ? (
        <p className="alert" role="alert">
          {message}
        </p>
      ) : null}
      {items.length === 0 ? (
        <p>{t('attachments.none')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="attachments-title">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('attachments.name')}</th>
                <th scope="col">{t('attachments.type')}</th>
                <th scope="col">{t('attachments.size')}</th>
                <th scope="col">{t('attachments.uploaded')}</th>
                <th scope="col">{t('attachments.state')}</th>
                <th scope="col">{t('attachments.action')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <th scope="row">
                    <a href={`${action}/${item.id}`} aria-label={t('attachments.download', { file: item.fileName })}>
                      {item.fileName}
                    </a>
                  </th>
                  <td>{item.kind ? t(`attachments.type.${item.kind}`) : item.mediaType}</td>
                  <td>{formatSize(t, item.size)}</td>
                  <td>{item.uploadedBy ? t('attachments.uploadedValue', { date: date(item.uploadedOn), name: item.uploadedBy }) : date(item.uploadedOn)}</td>
                  <td>
                    {item.revisionNumber !== null
                      ? t('attachments.submittedWith', { revision: item.revisionNumber })
                      : t(isAmendment ? 'attachments.draftAmendment' : 'attachments.draftFirst')}
                  </td>
                  <td>
                    {item.revisionNumber === null ? (
                      <Form method="post" action={action} reloadDocument>
                        <input type="hidden" name="intent" value="remove" />
                        <input type="hidden" name="attachmentId" value={item.id} />
                        <button type="submit" aria-label={t('attachments.removeLabel', { file: item.fileName })}>
                          {t('attachments.remove')}
                        </button>
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Form method="post" action={action} encType="multipart/form-data" reloadDocument>
        <h3>{t('attachments.uploadTitle')}</h3>
        <input type="hidden" name="intent" value="upload" />
        <Field
          type="file"
          name="file"
          label={t('attachments.fileLabel')}
          hint={t('attachments.fileHint', { limit: formatSize(t, maxBytes) })}
          error={removalRefused ? null : message}
          accept={ACCEPT_ATTRIBUTE}
          required
        />
        <p>
          <button type="submit">{t('attachments.upload')}</button>
        </p>
      </Form>
    </section>
  );
}

export default function FilingPage() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, date } = useT();
  const { filing, sections, revisions, canCertify } = page;

  // After a post, the page shows what was posted and what the post found; otherwise the saved draft.
  const posted: PostedFiling | null = result && 'posted' in result ? result.posted : null;
  const issues: FilingIssue[] = result && 'issues' in result ? result.issues : page.issues;
  const values = posted?.values ?? page.draft.values;
  const explanations = posted?.explanations ?? page.draft.explanations;
  const nothingToReport = posted?.nothingToReport ?? page.draft.nothingToReport;
  const about = (field: string) => issues.filter((issue) => issue.fields.includes(field));
  const explainable = issues.filter((issue) => issue.explainable && issue.rule);
  // Explanations of issues not raised now are kept in the form, so saving again does not drop them.
  const keptExplanations = Object.entries(explanations).filter(([rule]) => !explainable.some((issue) => issue.rule === rule));
  const isAmendment = revisions.length > 0;
  const busy = navigation.state === 'submitting';

  return (
    <>
      <p>
        <Link to="/filings">{t('filing.back')}</Link>
      </p>
      <h1>{t('filing.title', { period: filing.periodLabel })}</h1>
      <dl>
        <dt>{t('filing.agency')}</dt>
        <dd>{filing.agency.name}</dd>
        <dt>{t('filing.requirement')}</dt>
        <dd>
          {filing.requirementTitle} ({filing.policyTitle}, {filing.statute})
        </dd>
        <dt>{t('filing.periodDates')}</dt>
        <dd>{t('filing.dates', { start: date(filing.periodStart), end: date(filing.periodEnd) })}</dd>
        <dt>{t('filing.dueOn')}</dt>
        <dd>{date(filing.dueOn)}</dd>
        <dt>{t('filing.status')}</dt>
        <dd>
          {filing.draftSaved && !isAmendment
            ? t('filings.status.draft', { status: t(`filings.status.${filing.status}`).toLowerCase() })
            : t(`filings.status.${filing.status}`)}
        </dd>
      </dl>

      {page.returned ? (
        <div className="alert" role="alert">
          <p>{t('filing.returnedNotice', { number: page.returned.revision, date: date(page.returned.on) })}</p>
          <blockquote>{page.returned.note}</blockquote>
        </div>
      ) : null}
      {page.submittedNotice ? (
        <p className="notice" role="status">
          {t('filing.submittedNotice', { number: page.submittedNotice })}
        </p>
      ) : null}
      {result?.outcome === 'saved' ? (
        <p className="notice" role="status">
          {t('filing.savedNotice')}
        </p>
      ) : null}
      {result?.outcome === 'refused' ? (
        <p className="alert" role="alert">
          {t('filing.refused')}
        </p>
      ) : null}
      {issues.length > 0 ? (
        <div className="alert" role={result ? 'alert' : undefined}>
          <p>{t('filing.issuesTitle')}</p>
          <ul>
            {issues.map((issue, i) => (
              <li key={i}>{t(issue.severity === 'error' ? 'filing.error' : 'filing.warning', { message: issue.message })}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {isAmendment ? (
        <section aria-labelledby="revisions">
          <h2 id="revisions">{t('filing.revisionsTitle')}</h2>
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="revisions">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('filing.revisionNumber')}</th>
                  <th scope="col">{t('filing.submittedAt')}</th>
                  <th scope="col">{t('filing.certifiedBy')}</th>
                  <th scope="col">{t('filing.amendmentReasonColumn')}</th>
                </tr>
              </thead>
              <tbody>
                {revisions.map((revision) => (
                  <tr key={revision.number}>
                    <th scope="row">
                      {revision.number}
                      {revision.nothingToReport ? ` (${t('filing.nothingReported')})` : ''}
                    </th>
                    <td>{date(revision.certifiedAt)}</td>
                    <td>{t('filing.certifiedByValue', { name: revision.certifiedName, title: revision.certifiedTitle })}</td>
                    <td>{revision.amendmentReason ?? t('filing.firstSubmission')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p>{t('filing.amendIntro')}</p>
        </section>
      ) : null}

      <Attachments filingId={filing.id} isAmendment={isAmendment} />

      {/* One form: the figures, and for heads the certification, so what is certified is what is shown. */}
      <Form method="post" noValidate className="filing-form">
        <h2>{t('filing.valuesTitle')}</h2>
        <p>{t('filing.valuesIntro')}</p>
        {/* Not a .field: its styles stretch an input to the full width. */}
        <div className="checkbox-field">
          <input
            type="checkbox"
            id="field-nothingToReport"
            name="nothingToReport"
            defaultChecked={nothingToReport}
            aria-describedby={['field-nothingToReport-hint', about('nothingToReport').length ? 'field-nothingToReport-issues' : null].filter(Boolean).join(' ')}
          />{' '}
          <label htmlFor="field-nothingToReport">
            {t('filing.nothingToReport')}
          </label>
          <p id="field-nothingToReport-hint" className="hint">
            {t('filing.nothingToReportHint')}
          </p>
          <IssueList id="field-nothingToReport-issues" issues={about('nothingToReport')} />
        </div>
        {sections.map((section) => (
          <fieldset key={section.id}>
            <legend>{section.heading ?? t(`filing.category.${section.category}`)}</legend>
            {section.metrics.map((metric) => (
              <CheckedField
                key={metric.key}
                name={`${VALUE_PREFIX}${metric.key}`}
                label={metric.label}
                hint={metric.definition}
                defaultValue={values[metric.key] ?? ''}
                issues={about(metric.key)}
                inputMode="decimal"
                autoComplete="off"
              />
            ))}
          </fieldset>
        ))}

        {explainable.length > 0 ? (
          <fieldset>
            <legend>{t('filing.explanationsTitle')}</legend>
            <p>{t('filing.explanationsIntro')}</p>
            {explainable.map((issue) => (
              <CheckedField
                key={issue.rule}
                name={`${EXPLANATION_PREFIX}${issue.rule}`}
                label={`${t('filing.explanation')}: ${issue.message}`}
                defaultValue={explanations[issue.rule!] ?? ''}
                issues={[]}
                multiline
              />
            ))}
          </fieldset>
        ) : null}
        {keptExplanations.map(([rule, text]) => (
          <input key={rule} type="hidden" name={`${EXPLANATION_PREFIX}${rule}`} value={text} />
        ))}

        <p>
          <button type="submit" name="intent" value="save" disabled={busy}>
            {t('filing.saveDraft')}
          </button>
        </p>

        {canCertify ? (
          <section aria-labelledby="certify">
            <h2 id="certify">{t('filing.certifyTitle')}</h2>
            <p>{t('filing.certifyIntro')}</p>
            <blockquote>{filing.oathText}</blockquote>
            <CheckedField
              name="certifiedName"
              label={t('filing.certifiedName')}
              defaultValue={posted?.certifiedName ?? ''}
              issues={about('certifiedName')}
              autoComplete="name"
            />
            <CheckedField
              name="certifiedTitle"
              label={t('filing.certifiedTitle')}
              hint={t('filing.certifiedTitleHint')}
              defaultValue={posted?.certifiedTitle ?? ''}
              issues={about('certifiedTitle')}
              autoComplete="organization-title"
            />
            {isAmendment ? (
              <CheckedField
                name="amendmentReason"
                label={t('filing.amendmentReason')}
                hint={t('filing.amendmentReasonHint')}
                defaultValue={posted?.amendmentReason ?? ''}
                issues={about('amendmentReason')}
                multiline
              />
            ) : null}
            <IssueList id="field-periodKey-issues" issues={about('periodKey')} />
            <p>
              <button type="submit" name="intent" value="submit" disabled={busy}>
                {isAmendment ? t('filing.amend') : t('filing.submit')}
              </button>
            </p>
          </section>
        ) : (
          <p>{t('filing.headOnly')}</p>
        )}
      </Form>
    </>
  );
}
