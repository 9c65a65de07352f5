/**
 * What a run of the ICE list fetch says, as message codes of the i18n catalogs: the job stores
 * them (ice_fetch_run.messages) and each reader renders them in its own language, the operator
 * page and the public archive in the page's, the command line in English. Safe in the browser.
 */
import { en } from '~/i18n/en';
import type { MessageKey, Translate } from '~/i18n/i18n';

export type FetchListKind = 'PARTICIPATING' | 'PENDING';

export interface FetchMessage {
  key: MessageKey;
  params?: Record<string, string | number>;
  /** The list the message is about; rendered as the list's name in {list}. */
  list?: FetchListKind;
  /** The message that says why this run did not import that list's file. */
  refusal?: boolean;
}

const isListKind = (value: unknown): value is FetchListKind => value === 'PARTICIPATING' || value === 'PENDING';

export function fetchMessageText(t: Translate, message: FetchMessage): string {
  const params: Record<string, string | number> = { ...message.params };
  if (message.list) params.list = t(`admin.imports.kind.${message.list}`);
  // {found}: the kind of list a file turned out to be, named the same way.
  if (isListKind(params.found)) params.found = t(`admin.imports.kind.${params.found}`);
  return t(message.key, params);
}

/**
 * Messages as stored (JSON), keeping only well-formed ones: a code this version does not know
 * (a row written by another version) reads as a generic line rather than breaking the page.
 */
export function readFetchMessages(stored: unknown): FetchMessage[] {
  if (!Array.isArray(stored)) return [];
  return stored.flatMap((item): FetchMessage[] => {
    if (!item || typeof item !== 'object') return [];
    const { key, params, list, refusal } = item as Record<string, unknown>;
    const cleanParams =
      params && typeof params === 'object'
        ? Object.fromEntries(Object.entries(params).filter((entry): entry is [string, string | number] => ['string', 'number'].includes(typeof entry[1])))
        : undefined;
    const known = typeof key === 'string' && key in en;
    return [
      {
        key: known ? (key as MessageKey) : 'iceFetch.msg.unknown',
        params: known ? cleanParams : { code: String(key) },
        ...(isListKind(list) ? { list } : {}),
        ...(refusal === true ? { refusal: true } : {}),
      },
    ];
  });
}
