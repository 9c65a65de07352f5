import { useRouteLoaderData } from '@remix-run/react';
import { formatDate, translator, type Locale } from './i18n';

/** The translator and date formatter for the page's language (from the root loader). */
export function useT() {
  const data = useRouteLoaderData<{ locale: Locale }>('root');
  const locale = data?.locale ?? 'en';
  return { t: translator(locale), date: (iso: string) => formatDate(iso, locale), locale };
}
