import { describe, expect, it } from 'vitest';
import { activeAgreementsByMonth } from './timeline';

describe('activeAgreementsByMonth', () => {
  it('adds the changes up month by month, carrying counts over months without events', () => {
    const months = activeAgreementsByMonth(
      [
        { month: '2025-05', model: 'JEM', delta: 3 },
        { month: '2025-05', model: 'WSO', delta: 17 },
        { month: '2025-07', model: 'WSO', delta: 2 },
        { month: '2025-07', model: 'JEM', delta: -1 },
      ],
      '2025-08',
    );
    expect(months.map((m) => [m.month, m.active, m.byModel.JEM, m.byModel.WSO, m.byModel.TFM])).toEqual([
      ['2025-05', 20, 3, 17, 0],
      ['2025-06', 20, 3, 17, 0],
      ['2025-07', 21, 2, 19, 0],
      ['2025-08', 21, 2, 19, 0],
    ]);
  });

  it('crosses years, and leaves out events after the last month asked for', () => {
    const months = activeAgreementsByMonth(
      [
        { month: '2025-11', model: 'TFM', delta: 1 },
        { month: '2026-03', model: 'TFM', delta: 5 },
      ],
      '2026-02',
    );
    expect(months.map((m) => `${m.month}:${m.active}`)).toEqual(['2025-11:1', '2025-12:1', '2026-01:1', '2026-02:1']);
  });

  it('has no months without history (not a line of zeros)', () => {
    expect(activeAgreementsByMonth([], '2026-02')).toEqual([]);
    expect(() => activeAgreementsByMonth([], '2026-2')).toThrow(/month/);
  });
});
