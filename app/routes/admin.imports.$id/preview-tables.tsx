/** The tables of an import preview: what the list would change, at home and in other states. */
import type { ChangeView } from '~/admin/imports.server';
import { TableRegion } from '~/components/table-region';
import type { MessageKey } from '~/i18n/i18n';
import { useT } from '~/i18n/use-t';
import type { Preview } from './route';

/** The list read, and how many agreements it would add, change and end. */
export function PreviewSummary({ preview }: { preview: Preview }) {
  const { t, date } = useT();
  return (
    <>
      <dl>
        <dt>{t('admin.imports.listKind')}</dt>
        <dd>{t(`admin.imports.kind.${preview.listKind === 'participating' ? 'PARTICIPATING' : 'PENDING'}`)}</dd>
        <dt>{t('admin.imports.listDate')}</dt>
        <dd>{date(preview.asOf)}</dd>
        <dt>{t('admin.preview.rowsRead')}</dt>
        <dd>{preview.rowsRead}</dd>
      </dl>

      <h2>{t('admin.preview.countsTitle')}</h2>
      <dl className="stat-grid">
        {(['new', 'changed', 'ended', 'unchanged'] as const).map((kind) => (
          <div className="stat" key={kind}>
            <dt>{t(`admin.preview.count.${kind}`)}</dt>
            <dd>{preview.counts[kind]}</dd>
          </div>
        ))}
      </dl>
      <p>{t('admin.preview.homeActive', { count: preview.homeActive })}</p>
    </>
  );
}

/** Other states' changes: counted by state, and listed in full on request. */
export function OtherStates({ others }: { others: Preview['others'] }) {
  const { t } = useT();
  return (
    <section aria-labelledby="other-changes">
      <h2 id="other-changes">{t('admin.preview.othersTitle')}</h2>
      {others.byState.length ? (
        <>
          <TableRegion labelledBy="other-changes">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('admin.preview.state')}</th>
                  <th scope="col">{t('admin.preview.count.new')}</th>
                  <th scope="col">{t('admin.preview.count.changed')}</th>
                  <th scope="col">{t('admin.preview.count.ended')}</th>
                </tr>
              </thead>
              <tbody>
                {others.byState.map((row) => (
                  <tr key={row.stateCode}>
                    <th scope="row">{row.stateCode}</th>
                    <td>{row.new}</td>
                    <td>{row.changed}</td>
                    <td>{row.ended}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          <details>
            <summary id="other-changes-all">{t('admin.preview.othersDetails', { count: others.changes.length })}</summary>
            <ChangeTable rows={others.changes} labelledBy="other-changes-all" withState />
          </details>
        </>
      ) : (
        <p>{t('admin.preview.noOtherChanges')}</p>
      )}
    </section>
  );
}

/** The importer's warnings about rows of the list. */
export function Warnings({ warnings }: { warnings: Preview['warnings'] }) {
  const { t } = useT();
  if (!warnings.length) return null;
  return (
    <section aria-labelledby="warnings">
      <h2 id="warnings">{t('admin.preview.warningsTitle', { count: warnings.length })}</h2>
      <ul>
        {warnings.map((warning, index) => (
          <li key={index}>{warning}</li>
        ))}
      </ul>
    </section>
  );
}

/** One change in words: "New, active", "Ended (was pending): …", or each field's old and new value. */
function useDescribeChange() {
  const { t, date } = useT();
  const value = (field: string, text: string | null) => {
    if (text === null) return '—';
    if (field === 'status') return t(`status.${text}` as MessageKey);
    if (field === 'model') return t(`model.${text}` as MessageKey);
    if (field === 'signedOn') return date(text);
    return text.toLowerCase();
  };
  return (c: ChangeView) =>
    c.kind === 'new'
      ? t('admin.preview.new', { status: t(`status.${c.status}` as MessageKey).toLowerCase() })
      : c.kind === 'ended'
        ? t('admin.preview.ended', { status: t(`status.${c.status}` as MessageKey).toLowerCase() })
        : c.fields.map((f) => t(`field.${f.field}`, { from: value(f.field, f.from), to: value(f.field, f.to) })).join('; ');
}

export function ChangeTable({ rows, labelledBy, withState = false }: { rows: ChangeView[]; labelledBy: string; withState?: boolean }) {
  const { t } = useT();
  const describe = useDescribeChange();
  return (
    <TableRegion labelledBy={labelledBy}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('table.agency')}</th>
            {withState ? <th scope="col">{t('admin.preview.state')}</th> : null}
            <th scope="col">{t('table.model')}</th>
            <th scope="col">{t('table.change')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={index}>
              <th scope="row">{row.agency}</th>
              {withState ? <td>{row.stateCode}</td> : null}
              <td>{t(`model.${row.model}` as MessageKey)}</td>
              <td>{describe(row)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
