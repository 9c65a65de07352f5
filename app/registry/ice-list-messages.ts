/**
 * The ICE list importer's refusals and row warnings as message codes of the i18n catalogs. One
 * refusal or warning may be several messages read one after the other ("Row 4 skipped:", then
 * each problem of the row), so that a page words each in its reader's language while the English
 * text, which logs, the command line and the import records keep, reads as one. Safe in the browser.
 */
import { translator, type MessageKey, type PluralKey, type Translate } from '~/i18n/i18n';
import type { Message } from '~/i18n/message';

/** Messages as one text, one after the other. */
export function messagesText(t: Translate, messages: readonly Message[]): string {
  return messages.map((message) => t(message.key, message.params)).join(' ');
}

const english = translator('en');

/**
 * An error with a message code: `key` and `params`, then `details`, the messages that follow it
 * (the rows that could not be read, the columns found). `.message` is all of it in English.
 */
export class ListRefusal extends Error implements Message {
  readonly key: MessageKey | PluralKey;
  readonly params?: Record<string, string | number>;
  readonly details: Message[];

  constructor(message: Message, details: Message[] = []) {
    super(messagesText(english, [message, ...details]));
    this.key = message.key;
    this.params = message.params;
    this.details = details;
  }

  /** The whole refusal as codes, for a page to word. */
  get messages(): Message[] {
    return [{ key: this.key, params: this.params }, ...this.details];
  }
}

/** A warning about one row of a list, as codes; `message` is its English. */
export class RowWarning {
  readonly rowNumber: number;
  readonly message: string;
  // Private, so that a warning stores, prints (import:ice --json) and compares as { rowNumber, message }.
  readonly #messages: Message[];

  constructor(rowNumber: number, messages: Message[]) {
    this.rowNumber = rowNumber;
    this.message = messagesText(english, messages);
    this.#messages = messages;
  }

  get messages(): Message[] {
    return this.#messages;
  }
}

/** A file that is not an ICE 287(g) list, or one the reader will not read (too large, too slow): `key`/`params` (and `details`) for pages, `.message` in English. */
export class IceListError extends ListRefusal {
  constructor(message: Message, details?: Message[]) {
    super(message, details);
    this.name = 'IceListError';
  }
}
