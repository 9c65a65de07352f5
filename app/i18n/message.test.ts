import { describe, expect, it } from 'vitest';
import { translator } from './i18n';
import { retryWait } from './message';

describe('retryWait', () => {
  it('says seconds under two minutes and whole minutes, rounded up, above', () => {
    expect(retryWait(translator('en'), 30)).toBe('30 seconds');
    expect(retryWait(translator('en'), 119)).toBe('119 seconds');
    expect(retryWait(translator('en'), 121)).toBe('3 minutes');
    expect(retryWait(translator('es'), 900)).toBe('15 minutos');
  });

  it('words the wait in the password-change refusal, which used to read "1 minute(s)" for 30 seconds', () => {
    const t = translator('en');
    expect(t('account.blocked', { wait: retryWait(t, 30) })).toContain('Try again in 30 seconds.');
  });
});
