import { Link, useLocation } from '@remix-run/react';
import { RECENT_PERIODS, type PeriodWindow } from '~/dashboards/period-window';
import { useT } from '~/i18n/use-t';

/** Says how many periods the page shows, with a plain link to the others (works without JavaScript). */
export function PeriodWindowNote({ periods }: { periods: PeriodWindow }) {
  const { t, number } = useT();
  const { pathname, search } = useLocation();
  if (periods.total <= RECENT_PERIODS) return null; // nothing left out, nothing to choose
  const query = new URLSearchParams(search);
  if (periods.all) query.delete('periods');
  else query.set('periods', 'all');
  const rest = query.toString();
  const other = rest ? `${pathname}?${rest}` : pathname;
  return (
    <p className="notice">
      {periods.all ? t('window.all', { total: number(periods.total) }) : t('window.recent', { shown: number(periods.shown), total: number(periods.total) })}{' '}
      <Link to={other}>{periods.all ? t('window.showRecent') : t('window.showAll', { total: number(periods.total) })}</Link>
    </p>
  );
}
