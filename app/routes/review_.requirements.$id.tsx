/**
 * /review/requirements/:id: the versions of one requirement's rules, and the form to amend them
 * from a date on (a policy amended mid-year: periods already under way keep their rules), and
 * granting a locked period an extension (a second form, intent=extend). Follow-through (issue 15,
 * point 3): recording a refusal to report (intent=refuse, multipart: the letter), making a notice
 * of non-compliance (intent=notice) and recording its sending (intent=notice_sent).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { data, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { requireActor } from '~/auth/access.server';
import { metricChoices, RequirementRulesFields, rulesInput, type RulesValues } from '~/components/requirement-rules';
import { RulesForm } from '~/components/requirement-rules.server';
import { Field, SelectField, TextAreaField } from '~/components/forms';
import { TableRegion } from '~/components/table-region';
import { prisma } from '~/db/prisma.server';
import type { Translate } from '~/i18n/i18n';
import { requestTranslator } from '~/i18n/locale.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import type { AmendmentInput } from '~/reporting/policies.server';
import { policyErrors } from '~/reporting/policy-messages';
import { amendRequirementAs, requirementAs, requirementPage } from '~/reporting/requirement-pages.server';
import { translateErrors } from '~/utils/forms';
import { parseForm, parseWith } from '~/utils/forms.server';
import { ExtensionForm, grantExtensionAs } from '~/reporting/extensions.server';
import { describeFilingMessage } from '~/reporting/filing-messages';
import { idParam } from '~/utils/route-params';
import { isMessageKey } from '~/i18n/i18n';
import { pageMeta } from '~/components/error-page';
import { GenerateNotice, NoticesSent, RecordRefusal, type NoticeSentValues, type NoticeValues, type RefusalValues, type UnfiledPeriodView } from '~/components/follow-through-forms';
import { requestLocale } from '~/i18n/locale.server';
import { describeFollowProblems, periodKeyLabel } from '~/reporting/follow-through';
import { followThroughOfRequirement, generateNoticeAs, NoticeForm, NoticeSentForm, recordNoticeSentAs } from '~/reporting/notices.server';
import { readRefusalPost, recordRefusalAs, RefusalForm } from '~/reporting/refusals.server';
import { withoutControlCharacters } from '~/utils/nul-bytes';

export const meta: MetaFunction<typeof loader> = pageMeta(({ data: page, matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, page ? `${page.requirement.title} · ${t('policies.title')}` : t('policies.title')) }];
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireActor(request);
  const page = await requirementPage(prisma(), actor, idParam(params.id));
  return { ...page, followThrough: await followThroughOfRequirement(prisma(), page.requirement.id) };
}


type ExtensionValues = { periodKey: string; until: string; reason: string };

async function extensionAction(request: Request, form: FormData, id: number) {
  const actor = await requireActor(request);
  const t = requestTranslator(request);
  const parsed = parseWith(ExtensionForm, form);
  if (!parsed.ok) {
    await requirementAs(prisma(), actor, id);
    const values: ExtensionValues = { periodKey: parsed.values.periodKey ?? '', until: parsed.values.until ?? '', reason: parsed.values.reason ?? '' };
    return data({ form: 'extension' as const, errors: translateErrors(t, parsed.errors), values }, { status: 400 });
  }
  const { intent: _intent, ...input } = parsed.data;
  const result = await grantExtensionAs(prisma(), actor, id, input);
  // Post/redirect/get: a reload does not grant twice.
  if (result.outcome === 'granted') throw redirect(`/review/requirements/${id}?extended=${encodeURIComponent(input.periodKey)}`);
  const errors = Object.fromEntries(Object.entries(result.errors).map(([field, message]) => [field, describeFilingMessage(t, message)]));
  return data({ form: 'extension' as const, errors, values: input as ExtensionValues }, { status: 400 });
}

/** intent=refuse: multipart (the letter), read with the letter cut off at the size limit; outsiders are refused before the body is read. */
async function refusalAction(request: Request, id: number) {
  const actor = await requireActor(request);
  await requirementAs(prisma(), actor, id);
  const t = requestTranslator(request);
  const locale = requestLocale(request);
  const post = await readRefusalPost(request);
  const form = post.form ?? new FormData();
  // What was typed, shown again (without control characters, so sending it again works).
  const text = (name: string) => withoutControlCharacters(typeof form.get(name) === 'string' ? String(form.get(name)) : '');
  const values: RefusalValues = {
    periodKeys: form.getAll('periodKeys').filter((value): value is string => typeof value === 'string').map(withoutControlCharacters),
    declinedOn: text('declinedOn'),
    statement: text('statement'),
    hadLetter: post.ok ? post.letter !== null : post.form !== null,
  };
  const refused = (errors: Record<string, string>) => data({ form: 'refusal' as const, errors, values }, { status: 400 });
  if (!post.ok) return refused(post.form ? describeFollowProblems(t, [post.problem], locale) : { _form: t(post.message) });
  const parsed = parseWith(RefusalForm, form);
  if (!parsed.ok) return refused(translateErrors(t, parsed.errors));
  const result = await recordRefusalAs(prisma(), actor, id, { periodKeys: parsed.data.periodKeys, declinedOn: parsed.data.declinedOn, statement: parsed.data.statement, letter: post.letter });
  if (!result.ok) return refused(describeFollowProblems(t, result.problems, locale));
  // Post/redirect/get: a reload does not record twice.
  throw redirect(`/review/requirements/${id}?refused=${result.id}#refuse`);
}

async function noticeAction(request: Request, form: FormData, id: number) {
  const actor = await requireActor(request);
  await requirementAs(prisma(), actor, id);
  const t = requestTranslator(request);
  const locale = requestLocale(request);
  const parsed = parseWith(NoticeForm, form);
  if (!parsed.ok) {
    const values: NoticeValues = { respondBy: withoutControlCharacters(parsed.values.respondBy ?? ''), language: parsed.values.language ?? locale };
    return data({ form: 'notice' as const, errors: translateErrors(t, parsed.errors), values }, { status: 400 });
  }
  const result = await generateNoticeAs(prisma(), actor, id, { respondBy: parsed.data.respondBy, locale: parsed.data.language });
  if (result.ok) throw redirect(`/review/requirements/${id}?notice=${result.id}#notice`);
  return data({ form: 'notice' as const, errors: describeFollowProblems(t, result.problems, locale), values: { respondBy: parsed.data.respondBy, language: parsed.data.language } }, { status: 400 });
}

async function noticeSentAction(request: Request, form: FormData, id: number) {
  const actor = await requireActor(request);
  await requirementAs(prisma(), actor, id);
  const t = requestTranslator(request);
  const locale = requestLocale(request);
  const parsed = parseWith(NoticeSentForm, form);
  if (!parsed.ok) {
    const values: NoticeSentValues = {
      noticeId: withoutControlCharacters(parsed.values.noticeId ?? ''),
      sentOn: withoutControlCharacters(parsed.values.sentOn ?? ''),
      sentHow: withoutControlCharacters(parsed.values.sentHow ?? ''),
    };
    const errors = translateErrors(t, parsed.errors);
    return data({ form: 'notice_sent' as const, errors: errors.noticeId ? { _form: errors.noticeId, ...errors } : errors, values }, { status: 400 });
  }
  const { intent: _intent, ...input } = parsed.data;
  const result = await recordNoticeSentAs(prisma(), actor, id, input);
  if (result.ok) throw redirect(`/review/requirements/${id}?sent=${result.id}#notices`);
  const values: NoticeSentValues = { noticeId: String(input.noticeId), sentOn: input.sentOn, sentHow: input.sentHow };
  return data({ form: 'notice_sent' as const, errors: describeFollowProblems(t, result.problems, locale), values }, { status: 400 });
}

export async function action({ request, params }: ActionFunctionArgs) {
  // The refusal form is the page's only multipart one: read as it streams in, never copied whole.
  if (/^multipart\/form-data\b/i.test(request.headers.get('content-type') ?? '')) return refusalAction(request, idParam(params.id));
  // Which form: read from a copy, so the rules form's own reading (and its refusals) stay as they were.
  const sent = await request.clone().formData().catch(() => null);
  if (sent?.get('intent') === 'extend') return extensionAction(request, sent, idParam(params.id));
  if (sent?.get('intent') === 'refuse') return refusalAction(request, idParam(params.id));
  if (sent?.get('intent') === 'notice') return noticeAction(request, sent, idParam(params.id));
  if (sent?.get('intent') === 'notice_sent') return noticeSentAction(request, sent, idParam(params.id));
  const actor = await requireActor(request);
  const t = requestTranslator(request);
  const parsed = await parseForm(request, RulesForm);
  if (!parsed.ok) {
    // Outsiders are refused whatever they posted, as when the form can be read.
    await requirementAs(prisma(), actor, idParam(params.id));
    // What was typed, shown again: the lenient schema reads the text parseWith kept (never throws).
    return data({ form: 'rules' as const, errors: translateErrors(t, parsed.errors), values: RulesForm.parse({ ...parsed.values, ...parsed.lists }) }, { status: 400 });
  }
  const result = await amendRequirementAs(prisma(), actor, idParam(params.id), rulesInput(parsed.data) as Omit<AmendmentInput, 'requirementId'>);
  if (result.outcome === 'amended') throw redirect(`/review/requirements/${params.id}?amended=${result.effectiveFrom}`);
  return data({ form: 'rules' as const, errors: policyErrors(t, result.problems), values: parsed.data }, { status: 400 });
}

/** A stored metric key as its label; a key the catalogue no longer has stays as it is. */
function metricLabel(t: Translate, key: string) {
  const label = `metric.${key}.label`;
  return isMessageKey(label) ? t(label) : key;
}

/**
 * The form a reviewer grants a locked period an extension with (intent=extend): the period is
 * chosen among those ended without a report (an amendment never needs one).
 */
function GrantExtension({
  extension,
  extended,
  unfiled,
}: {
  extension?: { errors: Record<string, string>; values: ExtensionValues };
  extended: string | null;
  unfiled: UnfiledPeriodView[];
}) {
  const navigation = useNavigation();
  const { t, date, locale } = useT();
  const extensionErrors: Record<string, string | undefined> = extension?.errors ?? {};
  const posted = extension?.values.periodKey;
  return (
    <section aria-labelledby="extend" className="form">
      <h2 id="extend">{t('requirement.extendTitle')}</h2>
      <p>{t('requirement.extendIntro')}</p>
      {extended ? (
        <p className="notice" role="status">
          {t('requirement.extended', { period: periodKeyLabel(extended, locale) })}
        </p>
      ) : null}
      {extension ? (
        <p className="alert" role="alert">
          {extensionErrors._form ?? t('requirement.extend.fixErrors')}
        </p>
      ) : null}
      {unfiled.length === 0 && !posted ? (
        <p className="muted">{t('requirement.extend.noneUnfiled')}</p>
      ) : (
        <Form method="post" noValidate key={extended ?? 'extend'}>
          <input type="hidden" name="intent" value="extend" />
          <SelectField idPrefix="extension" name="periodKey" label={t('requirement.extend.period')} defaultValue={posted} error={extensionErrors.periodKey}>
            {/* A value posted that is no longer listed (filed meanwhile) stays selected, so the error names it. */}
            {posted && !unfiled.some((period) => period.key === posted) ? <option value={posted}>{periodKeyLabel(posted, locale)}</option> : null}
            {unfiled.map((period) => (
              <option key={period.key} value={period.key}>
                {t('refusal.periodChoice', { period: periodKeyLabel(period.key, locale), key: period.key, due: date(period.dueOn) })}
              </option>
            ))}
          </SelectField>
          <Field id="extension-until" name="until" type="date" label={t('requirement.extend.until')} defaultValue={extension?.values.until} error={extensionErrors.until} />
          <TextAreaField id="extension-reason" name="reason" rows={3} label={t('requirement.extend.reason')} defaultValue={extension?.values.reason} error={extensionErrors.reason} />
          <button type="submit" disabled={navigation.state === 'submitting'}>
            {t('requirement.extend.submit')}
          </button>
        </Form>
      )}
    </section>
  );
}

/** A positive whole number from the query (the id a redirect names), else null. */
const queryId = (value: string | null) => (value && /^\d{1,9}$/.test(value) ? Number(value) : null);

export default function RequirementRules() {
  const { requirement, versions, followThrough } = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const result = posted?.form === 'rules' ? posted : undefined;
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const { t, date } = useT();
  const amended = searchParams.get('amended');
  const current = versions[0];
  const blank: RulesValues = {
    frequency: current?.frequency ?? 'QUARTERLY',
    dueDaysAfterEnd: String(current?.dueDaysAfterEnd ?? 30),
    acceptsLate: current?.acceptsLate ?? true,
    lockDaysAfterDue: current?.lockDaysAfterDue == null ? '' : String(current.lockDaysAfterDue),
    effectiveFrom: '',
    metricKeys: metricChoices(current?.metricKeys ?? []),
  };
  const errors: Record<string, string | undefined> = result?.errors ?? {};
  return (
    <>
      <p>
        <Link to="/review/policies">{t('requirement.back')}</Link>
      </p>
      <h1>{requirement.title}</h1>
      <p className="lead">
        {t('requirement.intro', { agency: requirement.agency.name, policy: requirement.policy.title, statute: requirement.policy.statute })}
      </p>
      {amended && /^\d{4}-\d{2}-\d{2}$/.test(amended) ? (
        <p className="notice" role="status">
          {t('requirement.amended', { date: date(amended) })}
        </p>
      ) : null}

      <section aria-labelledby="versions">
        <h2 id="versions">{t('requirement.versions')}</h2>
        <TableRegion labelledBy="versions">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('policies.col.from')}</th>
                <th scope="col">{t('policies.col.frequency')}</th>
                <th scope="col">{t('policies.col.due')}</th>
                <th scope="col">{t('policies.col.metrics')}</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((version) => (
                <tr key={version.id}>
                  <th scope="row">{date(version.effectiveFrom)}</th>
                  <td>{t(`frequency.${version.frequency}`)}</td>
                  <td>
                    {`${t('policies.dueDays', { days: version.dueDaysAfterEnd })}, ${t(version.acceptsLate ? 'policies.late' : 'policies.noLate')}`}
                    {version.lockDaysAfterDue === null ? null : `, ${t('policies.lockDays', { days: version.lockDaysAfterDue })}`}
                  </td>
                  <td>{version.metricKeys.map((key) => metricLabel(t, key)).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      </section>

      <section aria-labelledby="amend" className="form">
        <h2 id="amend">{t('requirement.amendTitle')}</h2>
        <p>{t('requirement.amendIntro', { date: current ? date(current.effectiveFrom) : '' })}</p>
        {result ? (
          <p className="alert" role="alert">
            {errors._form ?? t('requirement.fixErrors')}
          </p>
        ) : null}
        <Form method="post" noValidate key={amended ?? 'form'}>
          <RequirementRulesFields values={result?.values ?? blank} errors={errors} />
          <button type="submit" disabled={navigation.state === 'submitting'}>
            {t('requirement.submit')}
          </button>
        </Form>
      </section>

      <GrantExtension extension={posted?.form === 'extension' ? posted : undefined} extended={searchParams.get('extended')} unfiled={followThrough.unfiled} />

      <RecordRefusal
        unfiled={followThrough.unfiled}
        refusals={followThrough.refusals}
        posted={posted?.form === 'refusal' ? posted : undefined}
        done={queryId(searchParams.get('refused')) !== null}
        slug={requirement.agency.slug}
      />
      <GenerateNotice missing={followThrough.missing} posted={posted?.form === 'notice' ? posted : undefined} made={queryId(searchParams.get('notice'))} slug={requirement.agency.slug} />
      <NoticesSent notices={followThrough.notices} posted={posted?.form === 'notice_sent' ? posted : undefined} sent={queryId(searchParams.get('sent'))} slug={requirement.agency.slug} />
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
