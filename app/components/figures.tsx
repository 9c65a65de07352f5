/**
 * Figures as the public reads them: money in dollars, counts and hours as numbers, in the page's
 * language; "not reported" (never a blank or a zero) when no report counts; "hidden" where
 * a small count is suppressed; and a mark on amended values that links to the report's revisions.
 */
import { Link } from '@remix-run/react';
import type { MessageKey } from '~/i18n/i18n';
import { useT } from '~/i18n/use-t';
import type { Unit } from '~/reporting/metrics';
import { periodLabel } from '~/reporting/period-label';

const INTL = { en: 'en-US', es: 'es-US' } as const;

// Built once per language and kind: a figures table formats thousands of values.
const moneyFormats: Partial<Record<'en' | 'es', Intl.NumberFormat>> = {};
const plainFormats: Partial<Record<'en' | 'es', Intl.NumberFormat>> = {};

/** A decimal string ("12500.50") for display; exact up to what a double holds (far above any budget). */
export function formatFigure(value: string, unit: Unit, locale: 'en' | 'es'): string {
  const number = Number(value);
  if (unit === 'USD') return (moneyFormats[locale] ??= new Intl.NumberFormat(INTL[locale], { style: 'currency', currency: 'USD' })).format(number);
  return (plainFormats[locale] ??= new Intl.NumberFormat(INTL[locale], { maximumFractionDigits: 2 })).format(number);
}

/** Metric labels, definitions and period names in the page's language. */
export function useFigureText() {
  const { t, locale } = useT();
  return {
    t,
    locale,
    metricLabel: (key: string) => t(`metric.${key}.label` as MessageKey),
    metricDefinition: (key: string) => t(`metric.${key}.definition` as MessageKey),
    breakdownHeading: (groupId: string) => t(`breakdown.${groupId}` as MessageKey),
    period: (start: string, end: string) => periodLabel(start, end, locale),
    figure: (value: string, unit: Unit) => formatFigure(value, unit, locale),
  };
}

export function Figure({ value, unit }: { value: string | null; unit: Unit }) {
  const { t, figure } = useFigureText();
  if (value === null) return <span className="not-reported">{t('figure.notReported')}</span>;
  return <>{figure(value, unit)}</>;
}

/** The mark beside a value from an amended report: a link to that report's revisions. */
export function AmendedMark({ href, period }: { href: string; period: string }) {
  const { t } = useT();
  return (
    <>
      {' '}
      <Link to={href} className="amended-mark" aria-label={t('figure.amendedLabel', { period })}>
        {t('figure.amended')}
      </Link>
    </>
  );
}
