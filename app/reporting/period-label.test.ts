import { describe, expect, it } from 'vitest';
import { periodLabel } from './period-label';

describe('periodLabel', () => {
  it('names years, quarters and months in English', () => {
    expect(periodLabel('2025-01-01', '2025-12-31')).toBe('2025');
    expect(periodLabel('2025-07-01', '2025-09-30')).toBe('July\u2013September 2025');
    expect(periodLabel('2025-02-01', '2025-02-28')).toBe('February 2025');
    expect(periodLabel('2024-12-01', '2025-02-28')).toBe('December 2024\u2013February 2025');
  });

  it('and in Spanish', () => {
    expect(periodLabel('2025-07-01', '2025-09-30', 'es')).toBe('julio\u2013septiembre de 2025');
    expect(periodLabel('2025-02-01', '2025-02-28', 'es')).toBe('febrero de 2025');
  });
});
