import type { GrantOptions } from '~/admin/accounts.server';
import { useT } from '~/i18n/use-t';
import { SelectField } from './forms';

const ROLES = ['OPERATOR', 'REVIEWER', 'FILER', 'HEAD'] as const;

/** Role, and the county or town (reviewers) or agency (filers, heads) it applies to. */
export function GrantFields({ options, values, errors }: { options: GrantOptions; values: Record<string, string>; errors: Record<string, string> }) {
  const { t } = useT();
  const nc = options.agencies.filter((a) => a.stateCode === 'NC');
  const others = options.agencies.filter((a) => a.stateCode !== 'NC');
  return (
    <>
      <SelectField label={t('admin.grant.role')} name="role" defaultValue={values.role} error={errors.role}>
        <option value="">{t('admin.grant.chooseRole')}</option>
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {t(`role.${role}`)}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('admin.grant.place')} hint={t('admin.grant.placeHint')} name="jurisdictionId" defaultValue={values.jurisdictionId} error={errors.jurisdictionId}>
        <option value="">{t('admin.grant.none')}</option>
        {options.places.map((place) => (
          <option key={place.id} value={place.id}>
            {place.label}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('admin.grant.agency')} hint={t('admin.grant.agencyHint')} name="agencyId" defaultValue={values.agencyId} error={errors.agencyId}>
        <option value="">{t('admin.grant.none')}</option>
        <optgroup label={t('admin.grant.ncAgencies')}>
          {nc.map((agency) => (
            <option key={agency.id} value={agency.id}>
              {agency.label}
            </option>
          ))}
        </optgroup>
        {others.length ? (
          <optgroup label={t('admin.grant.otherAgencies')}>
            {others.map((agency) => (
              <option key={agency.id} value={agency.id}>
                {agency.label}
              </option>
            ))}
          </optgroup>
        ) : null}
      </SelectField>
    </>
  );
}
