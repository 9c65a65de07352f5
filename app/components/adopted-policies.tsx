/** A place page's list of its adopted policies, each a link to its public page. */
import { Link } from '@remix-run/react';
import { useT } from '~/i18n/use-t';

export function AdoptedPolicies({ policies }: { policies: { id: number; title: string; adoptedOn: string }[] }) {
  const { t, date } = useT();
  if (policies.length === 0) return null;
  return (
    <section aria-labelledby="adopted-policies">
      <h2 id="adopted-policies">{t('policyPage.placeSection')}</h2>
      <ul>
        {policies.map((policy) => (
          <li key={policy.id}>
            <Link to={`/policies/${policy.id}`}>{policy.title}</Link>, {t('policyPage.public.versionAdopted', { date: date(policy.adoptedOn) })}
          </li>
        ))}
      </ul>
    </section>
  );
}
