import { TableRegion } from '~/components/table-region';
import { useT } from '~/i18n/use-t';

/** A problem of the file as the page lists it, already in the reader's language (the action words it). */
export interface ShownCsvIssue {
  /** Spreadsheet row (header = 1); null for the file as a whole. */
  row: number | null;
  period: string | null;
  columns: string[];
  where: string;
  message: string;
}

/** Every problem the upload found, each with its row and column. */
export function CsvIssues({ issues }: { issues: ShownCsvIssue[] }) {
  const { t } = useT();
  return (
    <section aria-labelledby="csv-issues">
      <h2 id="csv-issues">{t('filingsCsv.issuesTitle')}</h2>
      <TableRegion labelledBy="csv-issues">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('filingsCsv.where')}</th>
              <th scope="col">{t('filingsCsv.problem')}</th>
            </tr>
          </thead>
          <tbody>
            {issues.map((issue, i) => (
              <tr key={i}>
                <th scope="row">{issue.where}</th>
                <td>{issue.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}
