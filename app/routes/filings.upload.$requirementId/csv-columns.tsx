import { TableRegion } from '~/components/table-region';
import type { MessageKey, Translate } from '~/i18n/i18n';
import { useT } from '~/i18n/use-t';
import type { Unit } from '~/reporting/metrics';
import type { UploadPageData } from './route';

function unitText(t: Translate, unit: Unit | null) {
  return unit ? t(`filingsCsv.unit.${unit}`) : t('filingsCsv.unit.none');
}

/** What each column of the template holds, in the reader's language. */
export function CsvColumns({
  fixedColumns,
  metrics,
  explanationMin,
}: {
  fixedColumns: UploadPageData['fixedColumns'];
  metrics: UploadPageData['metrics'];
  explanationMin: number;
}) {
  const { t } = useT();
  return (
    <section aria-labelledby="csv-columns">
      <h2 id="csv-columns">{t('filingsCsv.columnsTitle')}</h2>
      <p>{t('filingsCsv.columnsNote')}</p>
      <TableRegion labelledBy="csv-columns">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('filingsCsv.column')}</th>
              <th scope="col">{t('filingsCsv.columnMeaning')}</th>
              <th scope="col">{t('filingsCsv.columnUnit')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">
                <code>{fixedColumns.period}</code>
              </th>
              <td>{t('filingsCsv.columnPeriod')}</td>
              <td>{unitText(t, null)}</td>
            </tr>
            <tr>
              <th scope="row">
                <code>{fixedColumns.nothingToReport}</code>
              </th>
              <td>{t('filingsCsv.columnNothing')}</td>
              <td>{unitText(t, null)}</td>
            </tr>
            {metrics.map((metric) => (
              <tr key={metric.key}>
                <th scope="row">
                  <code>{metric.key}</code>
                </th>
                <td>{t('filingsCsv.columnMetric', { label: t(`metric.${metric.key}.label` as MessageKey), definition: t(`metric.${metric.key}.definition` as MessageKey) })}</td>
                <td>{unitText(t, metric.unit)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">
                <code>{fixedColumns.explanation}</code>
              </th>
              <td>{t('filingsCsv.columnExplanation', { min: explanationMin })}</td>
              <td>{unitText(t, null)}</td>
            </tr>
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}
