/**
 * The extensions of reporting deadlines granted to an agency (issue 15, point 2): public, on
 * the agency's page. Nothing at all when there are none.
 */
import { TableRegion } from '~/components/table-region';
import { useT } from '~/i18n/use-t';
import type { PublicExtension } from '~/reporting/extensions.server';
import { periodKeyLabel } from '~/reporting/follow-through';

export function ExtensionsTable({ extensions }: { extensions: PublicExtension[] }) {
  const { t, date, locale } = useT();
  if (extensions.length === 0) return null;
  return (
    <section aria-labelledby="extensions">
      <h2 id="extensions">{t('agency.extensions')}</h2>
      <p className="muted">{t('agency.extensionsIntro')}</p>
      <TableRegion labelledBy="extensions">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('agency.extensions.requirement')}</th>
              <th scope="col">{t('agency.extensions.period')}</th>
              <th scope="col">{t('agency.extensions.until')}</th>
              <th scope="col">{t('agency.extensions.reason')}</th>
              <th scope="col">{t('agency.extensions.granted')}</th>
            </tr>
          </thead>
          <tbody>
            {extensions.map((extension, index) => (
              <tr key={index}>
                <td>{extension.requirementTitle}</td>
                <td>{periodKeyLabel(extension.periodKey, locale)}</td>
                <td>{date(extension.until)}</td>
                <td>{extension.reason}</td>
                <td>{date(extension.grantedOn)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </section>
  );
}
