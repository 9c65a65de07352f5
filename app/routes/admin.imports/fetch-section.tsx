import { Form, Link, useLoaderData } from '@remix-run/react';
import { TableRegion } from '~/components/table-region';
import { useT } from '~/i18n/use-t';
import { fetchMessageText } from '~/registry/ice-fetch-messages';
import type { loader } from './route';

/** "Fetch ICE's lists now", the schedule, and the recent runs with what each found. */
export function FetchSection({ fetching }: { fetching: boolean }) {
  const { fetchRuns, fetchSettings, fetched, fetchBusy } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <section aria-labelledby="fetch">
      <h2 id="fetch">{t('iceFetch.title')}</h2>
      <p>
        {t('iceFetch.intro')} {fetchSettings.scheduled ? t('iceFetch.scheduleOn') : t('iceFetch.scheduleOff')}
      </p>
      <p>{t('iceFetch.addresses')}</p>
      <ul className="plain">
        {(['PARTICIPATING', 'PENDING'] as const).map((kind) => (
          <li key={kind}>
            {t(`admin.imports.kind.${kind}`)}: <code className="digest">{fetchSettings.urls[kind]}</code>
          </li>
        ))}
      </ul>
      {fetched ? (
        <div className="notice" role="status">
          <p>{t('iceFetch.finished', { outcome: t(`iceFetch.outcome.${fetched.outcome}`) })}</p>
          <ul>
            {fetched.messages.map((message, i) => (
              <li key={i}>{fetchMessageText(t, message)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {fetchBusy ? (
        <p className="notice" role="status">
          {t('iceFetch.msg.busy')}
        </p>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="form">
        <input type="hidden" name="intent" value="fetch" />
        <button type="submit" disabled={fetching}>
          {fetching ? t('iceFetch.fetching') : t('iceFetch.fetchNow')}
        </button>
      </Form>
      <p>
        <Link to="/data/ice-lists">{t('iceFetch.archiveLink')}</Link>
      </p>
      <h3 id="fetch-runs">{t('iceFetch.runsTitle')}</h3>
      {fetchRuns.length ? (
        <TableRegion labelledBy="fetch-runs">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('iceFetch.col.started')}</th>
                <th scope="col">{t('iceFetch.col.trigger')}</th>
                <th scope="col">{t('iceFetch.col.outcome')}</th>
                <th scope="col">{t('iceFetch.col.messages')}</th>
              </tr>
            </thead>
            <tbody>
              {fetchRuns.map((run) => (
                <tr key={run.id}>
                  <th scope="row">{run.started}</th>
                  <td>{run.startedBy ?? t('iceFetch.trigger.schedule')}</td>
                  <td>{t(`iceFetch.outcome.${run.outcome}`)}</td>
                  <td>
                    <ul className="plain">
                      {run.messages.map((message, i) => (
                        <li key={i}>{fetchMessageText(t, message)}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ) : (
        <p>{t('iceFetch.none')}</p>
      )}
    </section>
  );
}
