import { Link } from '@remix-run/react';
import { useT } from '~/i18n/use-t';
import { placePath } from '~/paths';
import type { AgencyView, PlaceRef } from '~/registry/registry-queries.server';

const activeCount = (agencies: AgencyView[]) => agencies.flatMap((agency) => agency.agreements).filter((a) => a.status === 'ACTIVE').length;

/** "Town in Wake County and Chatham County.", each county a link. */
export function TownCounties({ placeType, counties }: { placeType: string | null; counties: PlaceRef[] }) {
  const { t } = useT();
  if (counties.length === 0) return null;
  const kind = placeType === 'city' || placeType === 'town' || placeType === 'village' ? t(`town.kind.${placeType}`) : t('town.kind.town');
  const marker = '@@counties@@';
  const [before, after] = t('town.kindIn', { kind, counties: marker }).split(marker);
  return (
    <p className="muted">
      {before}
      {counties.map((county, index) => (
        <span key={county.slug}>
          {index > 0 ? t('town.and') : null}
          <Link to={placePath(county)}>{county.name}</Link>
        </span>
      ))}
      {after}
    </p>
  );
}

/** The plain answer for a town: its own police department, then what reaches its residents. */
export function TownAnswer({ place, own, reaching }: { place: string; own: AgencyView[]; reaching: AgencyView[] }) {
  const { t, number } = useT();
  const ownActive = activeCount(own);
  const reachActive = reaching.flatMap((agency) => agency.agreements).length;
  if (ownActive) return <p className="answer answer-yes">{t('town.summaryOwn', { place, count: number(ownActive) })}</p>;
  if (reachActive) return <p className="answer answer-yes">{t('town.summaryReach', { place, count: number(reachActive) })}</p>;
  return <p className="answer answer-no">{t('town.summaryNone', { place })}</p>;
}

export { activeCount };
