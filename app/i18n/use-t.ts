import { useRouteLoaderData } from '@remix-run/react';
import { formatDate, formatNumber, isLocale, translator, type Locale, type Translate } from './i18n';

/** The translator and date and number formatters for the page's language (from the root loader). */
export function useT() {
  const data = useRouteLoaderData<{ locale: Locale }>('root');
  const locale = data?.locale ?? 'en';
  return {
    t: translator(locale),
    date: (iso: string) => formatDate(iso, locale),
    number: (value: number) => formatNumber(value, locale),
    locale,
  };
}

/** For meta functions, which cannot call hooks: the translator of the root loader's language. */
export function metaTranslator(matches: readonly ({ id: string; data?: unknown } | undefined)[]): Translate {
  const root = matches.find((match) => match?.id === 'root')?.data as { locale?: unknown } | undefined;
  return translator(isLocale(root?.locale) ? root.locale : 'en');
}

/** "Search · Oversight Portal", in the page's language. */
export const pageTitle = (t: Translate, page: string) => `${page} · ${t('site.name')}`;
