/**
 * A message as server code hands it to a page: a catalog key and its parameters, which the page
 * words in the reader's language. Safe in the browser.
 */
import type { MessageKey, PluralKey, Translate } from './i18n';

export interface Message {
  /** A plural message by its base name, its form picked by params.count. */
  key: MessageKey | PluralKey;
  params?: Record<string, string | number>;
}

/** Per field, the message in the reader's language (fields without one are left out). */
export function translateMessages(t: Translate, messages: Partial<Record<string, Message>>): Record<string, string> {
  return Object.fromEntries(Object.entries(messages).flatMap(([field, message]) => (message ? [[field, t(message.key, message.params)]] : [])));
}

/** How long to wait before trying again, in seconds under two minutes and in minutes above. */
export function retryWait(t: Translate, seconds: number): string {
  return seconds < 120 ? t('signIn.waitSeconds', { count: seconds }) : t('signIn.waitMinutes', { count: Math.ceil(seconds / 60) });
}
