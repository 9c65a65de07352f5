/**
 * Emails and passwords: how an email is normalised (so "Ann@X.org " and "ann@x.org" are one
 * account, for sign-in and for throttling alike), and what makes a password acceptable:
 * a minimum length and a check against common and guessable passwords, no composition rules.
 */
import { hash, verify } from '@node-rs/argon2';
import { translator, type MessageKey } from '~/i18n/i18n';
import type { Message } from '~/i18n/message';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

type Zxcvbn = typeof import('@zxcvbn-ts/core').zxcvbn;
let strengthChecker: Promise<Zxcvbn> | null = null;

/**
 * zxcvbn with its dictionaries, loaded when a password is first checked: about 25 MB that an
 * instance serving public pages never needs. No translations: zxcvbn then reports its warning
 * as a key (e.g. "common"), which WEAK turns into a message of the portal's catalogs.
 */
function passwordStrength(): Promise<Zxcvbn> {
  strengthChecker ??= (async () => {
    const [{ zxcvbn, zxcvbnOptions }, common, english] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    zxcvbnOptions.setOptions({ dictionary: { ...common.dictionary, ...english.dictionary }, graphs: common.adjacencyGraphs });
    return zxcvbn;
  })().catch((error: unknown) => {
    strengthChecker = null; // the next check tries again
    throw error;
  });
  return strengthChecker;
}

/** zxcvbn's warnings, each as "choose a less common password" with its reason. */
const WEAK: Record<string, MessageKey> = {
  straightRow: 'password.weak.straightRow',
  keyPattern: 'password.weak.keyPattern',
  simpleRepeat: 'password.weak.simpleRepeat',
  extendedRepeat: 'password.weak.extendedRepeat',
  sequences: 'password.weak.sequences',
  recentYears: 'password.weak.recentYears',
  dates: 'password.weak.dates',
  topTen: 'password.weak.topTen',
  topHundred: 'password.weak.topHundred',
  common: 'password.weak.common',
  similarToCommon: 'password.weak.similarToCommon',
  wordByItself: 'password.weak.wordByItself',
  namesByThemselves: 'password.weak.namesByThemselves',
  commonNames: 'password.weak.commonNames',
  userInputs: 'password.weak.userInputs',
  pwned: 'password.weak.pwned',
};

export function normalizeEmail(email: string): string {
  return email.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** Why this password may not be used, as a message for the page to word, or null when it may. */
export async function passwordIssue(password: string, personal: string[] = []): Promise<Message | null> {
  if (password.length < PASSWORD_MIN_LENGTH) return { key: 'password.tooShort', params: { min: PASSWORD_MIN_LENGTH } };
  if (password.length > PASSWORD_MAX_LENGTH) return { key: 'password.tooLong', params: { max: PASSWORD_MAX_LENGTH } };
  const zxcvbn = await passwordStrength();
  const result = zxcvbn(password, personal.filter(Boolean));
  if (result.score < 3) {
    const { warning } = result.feedback;
    return { key: warning && Object.hasOwn(WEAK, warning) ? WEAK[warning] : 'password.weak' };
  }
  return null;
}

/** The same problem, worded as the English pages word it. */
export async function passwordProblem(password: string, personal: string[] = []): Promise<string | null> {
  const issue = await passwordIssue(password, personal);
  return issue && translator('en')(issue.key, issue.params);
}

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended minimum.
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
