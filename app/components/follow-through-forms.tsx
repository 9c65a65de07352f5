/**
 * The reviewers' forms for a requirement's follow-through (issue 15, point 3), on
 * /review/requirements/:id: recording that the agency declined to report (intent=refuse, with
 * its letter as a file), making a notice of non-compliance (intent=notice), and recording that
 * a notice was sent (intent=notice_sent). Plain posts that work without JavaScript; on a refusal
 * each form shows what was typed again, with the errors beside the fields.
 */
import { Form, useNavigation } from '@remix-run/react';
import { Field, SelectField, TextAreaField } from '~/components/forms';
import { LOCALES } from '~/i18n/i18n';
import { useT } from '~/i18n/use-t';
import { LETTER_ACCEPT, periodKeyLabel } from '~/reporting/follow-through';

export interface UnfiledPeriodView {
  key: string;
  start: string;
  end: string;
  dueOn: string;
  status: 'due' | 'overdue';
}

export interface NoticeView {
  id: number;
  periodKeys: string[];
  respondBy: string;
  generatedOn: string;
  sentOn: string | null;
  sentHow: string | null;
}

export interface RefusalView {
  id: number;
  periodKeys: string[];
  declinedOn: string;
  statement: string;
  letter: { fileName: string } | null;
}

export type RefusalValues = { periodKeys: string[]; declinedOn: string; statement: string; hadLetter: boolean };
export type NoticeValues = { respondBy: string; language: string };
export type NoticeSentValues = { noticeId: string; sentOn: string; sentHow: string };
type Posted<V> = { errors: Record<string, string | undefined>; values: V };

function FormAlert({ errors, fallback }: { errors: Record<string, string | undefined>; fallback: string }) {
  return (
    <p className="alert" role="alert">
      {errors._form ?? fallback}
    </p>
  );
}

/** intent=refuse: the periods declined, the date of the letter, what the agency said, and the letter. */
export function RecordRefusal({
  unfiled,
  refusals,
  posted,
  done,
  slug,
}: {
  unfiled: UnfiledPeriodView[];
  refusals: RefusalView[];
  posted?: Posted<RefusalValues>;
  done: boolean;
  slug: string;
}) {
  const { t, date, locale } = useT();
  const navigation = useNavigation();
  const errors = posted?.errors ?? {};
  const checked = new Set(posted?.values.periodKeys ?? []);
  return (
    <section aria-labelledby="refuse" className="form">
      <h2 id="refuse">{t('refusal.title')}</h2>
      <p>{t('refusal.intro')}</p>
      {done ? (
        <p className="notice" role="status">
          {t('refusal.recorded')}
        </p>
      ) : null}
      {refusals.length > 0 ? (
        <>
          <h3>{t('refusal.listTitle')}</h3>
          <ul>
            {refusals.map((refusal) => (
              <li key={refusal.id}>
                {t('refusal.listItem', { date: date(refusal.declinedOn), periods: refusal.periodKeys.map((key) => periodKeyLabel(key, locale)).join('; ') })}{' '}
                {refusal.letter ? <a href={`/agencies/${slug}/refusals/${refusal.id}/file`}>{refusal.letter.fileName}</a> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {posted ? <FormAlert errors={errors} fallback={t('refusal.fixErrors')} /> : null}
      {unfiled.length === 0 ? (
        <p className="muted">{t('refusal.noneUnfiled')}</p>
      ) : (
        <Form method="post" encType="multipart/form-data" noValidate key={done ? 'refused' : 'refuse'}>
          <input type="hidden" name="intent" value="refuse" />
          <fieldset aria-describedby={errors.periodKeys ? 'refusal-periodKeys-error' : undefined}>
            <legend>{t('refusal.periods')}</legend>
            {unfiled.map((period) => (
              <label key={period.key} className="choice">
                <input type="checkbox" name="periodKeys" value={period.key} defaultChecked={checked.has(period.key)} />{' '}
                {t('refusal.periodChoice', { period: periodKeyLabel(period.key, locale), key: period.key, due: date(period.dueOn) })}{' '}
                {period.status === 'overdue' ? t('refusal.overdue') : null}
              </label>
            ))}
            {errors.periodKeys ? (
              <p id="refusal-periodKeys-error" className="field-error">
                {errors.periodKeys}
              </p>
            ) : null}
          </fieldset>
          <Field id="refusal-declinedOn" name="declinedOn" type="date" label={t('refusal.declinedOn')} hint={t('refusal.declinedOnHint')} defaultValue={posted?.values.declinedOn} error={errors.declinedOn} />
          <TextAreaField id="refusal-statement" name="statement" rows={5} label={t('refusal.statement')} hint={t('refusal.statementHint')} defaultValue={posted?.values.statement} error={errors.statement} />
          <Field
            id="refusal-letter"
            name="letter"
            type="file"
            accept={LETTER_ACCEPT}
            label={t('refusal.letter')}
            hint={posted?.values.hadLetter && !errors.letter ? `${t('refusal.letterHint')} ${t('refusal.letterAgain')}` : t('refusal.letterHint')}
            error={errors.letter}
          />
          <button type="submit" disabled={navigation.state === 'submitting'}>
            {t('refusal.submit')}
          </button>
        </Form>
      )}
    </section>
  );
}

/** intent=notice: the letter names every missing period; the reviewer sets the response date and the letter's language. */
export function GenerateNotice({ missing, posted, made, slug }: { missing: UnfiledPeriodView[]; posted?: Posted<NoticeValues>; made: number | null; slug: string }) {
  const { t, date, locale } = useT();
  const navigation = useNavigation();
  const errors = posted?.errors ?? {};
  return (
    <section aria-labelledby="notice" className="form">
      <h2 id="notice">{t('notice.title')}</h2>
      <p>{t('notice.intro')}</p>
      {made ? (
        <p className="notice" role="status">
          {t('notice.made')} <a href={`/agencies/${slug}/notices/${made}.pdf`}>{t('notice.download')}</a>
        </p>
      ) : null}
      {posted ? <FormAlert errors={errors} fallback={t('notice.fixErrors')} /> : null}
      {missing.length === 0 ? (
        <p className="muted">{t('notice.noneMissing')}</p>
      ) : (
        <>
          <p>{t('notice.willName')}</p>
          <ul>
            {missing.map((period) => (
              <li key={period.key}>{t('refusal.periodChoice', { period: periodKeyLabel(period.key, locale), key: period.key, due: date(period.dueOn) })}</li>
            ))}
          </ul>
          <Form method="post" noValidate key={made ?? 'notice'}>
            <input type="hidden" name="intent" value="notice" />
            <Field id="notice-respondBy" name="respondBy" type="date" label={t('notice.respondBy')} hint={t('notice.respondByHint')} defaultValue={posted?.values.respondBy} error={errors.respondBy} />
            <SelectField idPrefix="notice" name="language" label={t('notice.language')} defaultValue={posted?.values.language ?? locale} error={errors.language}>
              {LOCALES.map((language) => (
                <option key={language} value={language}>
                  {t(`notice.language.${language}`)}
                </option>
              ))}
            </SelectField>
            <button type="submit" disabled={navigation.state === 'submitting'}>
              {t('notice.submit')}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}

/** The requirement's notices: each letter, and for one not yet sent, the form to record its sending (intent=notice_sent, once). */
export function NoticesSent({ notices, posted, sent, slug }: { notices: NoticeView[]; posted?: Posted<NoticeSentValues>; sent: number | null; slug: string }) {
  const { t, date, locale } = useT();
  const navigation = useNavigation();
  if (notices.length === 0 && !posted) return null;
  // A post about no notice of this requirement: said above the list.
  const orphan = posted && !notices.some((notice) => String(notice.id) === posted.values.noticeId) ? posted : undefined;
  return (
    <section aria-labelledby="notices">
      <h2 id="notices">{t('notice.listTitle')}</h2>
      {orphan ? <FormAlert errors={{ _form: orphan.errors._form ?? orphan.errors.noticeId }} fallback={t('notice.sentFixErrors')} /> : null}
      {sent ? (
        <p className="notice" role="status">
          {t('notice.sentRecorded')}
        </p>
      ) : null}
      {notices.map((notice) => {
        const mine = posted && posted.values.noticeId === String(notice.id) ? posted : undefined;
        const errors = mine?.errors ?? {};
        return (
          <section key={notice.id} className="card" aria-labelledby={`notice-${notice.id}`}>
            <h3 id={`notice-${notice.id}`}>{t('notice.itemTitle', { date: date(notice.generatedOn) })}</h3>
            <p>{t('notice.itemPeriods', { periods: notice.periodKeys.map((key) => periodKeyLabel(key, locale)).join('; ') })}</p>
            <p>{t('notice.itemRespondBy', { date: date(notice.respondBy) })}</p>
            <p>
              <a href={`/agencies/${slug}/notices/${notice.id}.pdf`}>{t('notice.download')}</a>
            </p>
            {mine ? <FormAlert errors={errors} fallback={t('notice.sentFixErrors')} /> : null}
            {notice.sentOn ? (
              <p>{t('notice.sentOn', { date: date(notice.sentOn), how: notice.sentHow ?? '' })}</p>
            ) : (
              <Form method="post" noValidate className="form" key={sent === notice.id ? 'sent' : 'send'}>
                <input type="hidden" name="intent" value="notice_sent" />
                <input type="hidden" name="noticeId" value={notice.id} />
                <Field id={`notice-${notice.id}-sentOn`} name="sentOn" type="date" label={t('notice.sentOnLabel')} defaultValue={mine?.values.sentOn} error={errors.sentOn} />
                <Field id={`notice-${notice.id}-sentHow`} name="sentHow" label={t('notice.sentHow')} hint={t('notice.sentHowHint')} defaultValue={mine?.values.sentHow} error={errors.sentHow} />
                <button type="submit" disabled={navigation.state === 'submitting'}>
                  {t('notice.sentSubmit')}
                </button>
              </Form>
            )}
          </section>
        );
      })}
    </section>
  );
}
