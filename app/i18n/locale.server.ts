import { translator, type Locale } from './i18n';

/** The language of a request. Only English exists yet; Spanish will be chosen here. */
export function requestLocale(_request: Request): Locale {
  return 'en';
}

export function requestTranslator(request: Request) {
  return translator(requestLocale(request));
}
