/**
 * What a run of the ICE list fetch says, as message codes of the i18n catalogs: the job stores
 * them (ice_fetch_run.messages) and each reader renders them in its own language, the operator
 * page and the public archive in the page's, the command line in English. Safe in the browser.
 */
import { isMessageKey, isPluralKey, type MessageKey, type PluralKey, type Translate } from '~/i18n/i18n';
import type { Message } from '~/i18n/message';
import { messagesText } from './ice-list-messages';

export type FetchListKind = 'PARTICIPATING' | 'PENDING';

export interface FetchMessage {
  key: MessageKey | PluralKey;
  params?: Record<string, string | number>;
  /** The list the message is about; rendered as the list's name in {list}. */
  list?: FetchListKind;
  /** The message that says why this run did not import that list's file. */
  refusal?: boolean;
  /** The importer's refusal behind {reason}, as codes; params.reason keeps its English (as older runs stored it alone). */
  reason?: Message[];
}

const isListKind = (value: unknown): value is FetchListKind => value === 'PARTICIPATING' || value === 'PENDING';

/** A message this version can word: a catalog key, or a plural message by its base name. */
const isKnownKey = (value: unknown): value is MessageKey | PluralKey => isMessageKey(value) || isPluralKey(value);

/** Parameters as stored, keeping only text and numbers. */
function cleanParams(params: unknown): Record<string, string | number> | undefined {
  if (!params || typeof params !== 'object') return undefined;
  return Object.fromEntries(Object.entries(params).filter((entry): entry is [string, string | number] => ['string', 'number'].includes(typeof entry[1])));
}

/** A stored reason's codes, if this version knows every one; else none, and {reason} is its stored English. */
function readReason(stored: unknown): Message[] | null {
  if (!Array.isArray(stored) || stored.length === 0) return null;
  const messages = stored.map((item) => (item && typeof item === 'object' ? (item as Record<string, unknown>) : {}));
  if (!messages.every((item) => isKnownKey(item.key))) return null;
  return messages.map((item) => ({ key: item.key as MessageKey | PluralKey, params: cleanParams(item.params) }));
}

export function fetchMessageText(t: Translate, message: FetchMessage): string {
  const params: Record<string, string | number> = { ...message.params };
  // Runs stored before the retry messages had plural forms name their number of tries attempts.
  if (params.count === undefined && params.attempts !== undefined) params.count = params.attempts;
  if (message.list) params.list = t(`admin.imports.kind.${message.list}`);
  // {found}: the kind of list a file turned out to be, named the same way.
  if (isListKind(params.found)) params.found = t(`admin.imports.kind.${params.found}`);
  if (message.reason) params.reason = messagesText(t, message.reason);
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
    const { key, params, list, refusal, reason } = item as Record<string, unknown>;
    const known = isKnownKey(key);
    const reasonMessages = known ? readReason(reason) : null;
    return [
      {
        key: known ? key : 'iceFetch.msg.unknown',
        params: known ? cleanParams(params) : { code: String(key) },
        ...(isListKind(list) ? { list } : {}),
        ...(refusal === true ? { refusal: true } : {}),
        ...(reasonMessages ? { reason: reasonMessages } : {}),
      },
    ];
  });
}
